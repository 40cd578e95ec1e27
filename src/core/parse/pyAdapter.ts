// Python grammar adapter.
import type { Node } from '@vscode/tree-sitter-wasm';
import { apiMethodNames } from './sdkCatalog';
import {
  EnclosingScopes, callCandidates, calleeEndingAt, calleeOf, memberAccess, emptyFacts, evaluateUnary, isField, lastSegments, lazyBindings, mockCallees, mockFactories,
  parentOf, rangeOf, returnedValues, typeOf, unwrapNode, wordPattern,
} from './syntaxAdapter';
import type { Binding, CallShape, Evaluator, FileFacts, FunctionReturns, MemberAccess, RequestArgs, SyntaxAdapter } from './syntaxAdapter';
import {
  asParts, decodeEscapes, dedent, fallback, joinValues, mapText, mergeSpread, parseNumber, plus, pushSpread, readKey, staticString, unknown, withVia,
} from './values';
import type { ArrValue, ObjValue, StrValue, Value } from './values';
import type { SourcedPart } from './callSite';

const functionTypes = new Set(['function_definition', 'lambda']);
const declarationTypes = new Set(['function_definition']);
const classTypes = new Set(['class_definition']);
const loopTypes = new Set([
  'for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension',
  'generator_expression',
]);
const wrapperTypes = new Set(['parenthesized_expression', 'await']);
// What the scanner needs from the whole file (imports, SDK-method calls, test doubles: calls,
// decorators, `x.create = MagicMock()`; classes) is found from the words that must appear in it,
// each occurrence checked against the tree. Variables and parameters are found by lazyBindings
// when the scanner asks for a name.
const memberTypes = new Set(['attribute']);
const callTypes = new Set(['call']);
const callShape: CallShape = { propertyName: 'identifier', memberTypes, propertyField: 'attribute', callTypes, assignmentType: 'assignment' };

const mockWords = lastSegments(mockCallees);
const factoryWords = lastSegments(mockFactories);

function candidates(root: Node, text: string): { type: string; node: Node }[] {
  const { found, at } = callCandidates(root, text, candidateWords, callShape, apiMethodNames, factoryWords);
  for (const word of mockWords) {
    for (const node of at(word)) {
      const parent = parentOf(node);
      const callee = parent?.type === 'attribute' && isField(parent, 'attribute', node) ? parent : node;
      if (!mockCallees.has(callee.text)) continue;
      // `@patch("...")` or a bare `@mock.patch`: the decorator mocks the function it decorates.
      const decorator = parentOf(callee);
      if (decorator?.type === 'decorator') found.add('decorator', decorator);
      const call = calleeEndingAt(node, memberTypes, 'attribute', callTypes);
      if (call) {
        found.add('mock_call', call.call);
        const callDecorator = parentOf(call.call);
        if (callDecorator?.type === 'decorator') found.add('decorator', callDecorator);
      }
    }
  }
  for (const node of at('import')) {
    const parent = parentOf(node);
    if (node.type === 'import' && (parent?.type === 'import_statement' || parent?.type === 'import_from_statement')) found.add(parent.type, parent);
  }
  for (const node of at('class')) {
    const definition = node.type === 'class' ? parentOf(node) : null;
    if (definition?.type === 'class_definition') found.add('class_definition', definition);
  }
  return found.inSourceOrder();
}

const identifierChar = /[A-Za-z0-9_]/;
/** Every word a candidate must contain, in one pattern built once. */
const candidateWords = wordPattern([...apiMethodNames, ...mockWords, ...factoryWords, 'import', 'class'], identifierChar);
const scopesOf = new EnclosingScopes(functionTypes, classTypes);
/** Parents under which an identifier is only ever used, never declared (see lazyBindings). */
const useParents: ReadonlySet<string> = new Set([
  'argument_list', 'binary_operator', 'interpolation', 'return_statement', 'pair', 'call', 'subscript', 'comparison_operator',
  'boolean_operator', 'not_operator', 'conditional_expression', 'await', 'keyword_argument', 'expression_statement', 'parenthesized_expression',
]);

/**
 * The bindings of `key` a declaration node makes: an assignment (module, function, class or self
 * attribute), a parameter list (of a function or lambda), a walrus, or the target of a for loop,
 * a comprehension, a tuple assignment, `with ... as` or `except ... as`. A name bound where its
 * value cannot be known statically (a loop target, an unpacked tuple) is still bound, with no
 * value: it shadows a constant of the same name outside, which must not be taken for its value.
 */
function declarationBindings(node: Node, key: string): Binding[] {
  const out: Binding[] = [];
  const bind = (b: Omit<Binding, 'scope'> & { scope?: Node | null }): void => {
    // (Only the name asked about: finding a binding's scope walks up the tree.)
    if (b.key === key) out.push({ ...b, scope: b.scope === undefined ? scopesOf.innermostFunction(node) : b.scope });
  };
  const type = typeOf(node);
  const opaque = (target: Node | null, scope?: Node | null): void => {
    for (const name of target ? targetNames(target) : []) bind({ key: name.text, kind: 'variable', value: null, start: node.startIndex, scope, valueUnknown: true });
  };
  if (type === 'for_statement') opaque(node.childForFieldName('left'));
  // `with open(p) as f`, `except E as e`
  else if (type === 'as_pattern_target') opaque(node.namedChild(0));
  // A comprehension's variables are its own.
  else if (type === 'for_in_clause') opaque(node.childForFieldName('left'), parentOf(node));
  else if (type === 'named_expression') {
    const name = node.childForFieldName('name');
    if (name) bind({ key: name.text, kind: 'variable', value: node.childForFieldName('value'), start: node.startIndex });
  } else if (type === 'class_definition' || (type === 'function_definition' && !scopesOf.innermostIsClass(node))) {
    // `Config.MODEL`: the class's attributes are read like an object's; `get_client()`: what a
    // function (not a method) returns can be a client.
    const name = node.childForFieldName('name');
    if (name) bind({ key: name.text, kind: 'const', value: node, start: node.startIndex });
  } else if (type === 'assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const typeNode = node.childForFieldName('type');
    if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern' || left?.type === 'list_pattern') opaque(left);
    else if (left?.type === 'identifier') {
      if (left.text !== key && `this.${left.text}` !== key) return out;
      if (scopesOf.innermostIsClass(node)) {
        bind({ key: `this.${left.text}`, kind: 'attribute', value: right, typeText: typeNode?.text, start: node.startIndex, scope: scopesOf.innermost(node) });
      } else {
        const moduleLevel = scopesOf.innermostFunction(node) === null;
        bind({ key: left.text, kind: moduleLevel ? 'const' : 'variable', value: right, typeText: typeNode?.text, start: node.startIndex });
      }
    } else if (left?.type === 'attribute') {
      const object = left.childForFieldName('object');
      const attr = left.childForFieldName('attribute');
      if (object?.text === 'self' && attr) {
        bind({ key: `this.${attr.text}`, kind: 'attribute', value: right, typeText: typeNode?.text, start: node.startIndex, scope: scopesOf.innermostClass(node) });
      }
    }
  } else if (type === 'parameters' || type === 'lambda_parameters') {
    for (const param of node.namedChildren) {
      if (!param) continue;
      let name: Node | null = null;
      let value: Node | null = null;
      let typeNode: Node | null = null;
      if (param.type === 'identifier') name = param;
      else if (param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern') name = param.namedChild(0);
      else if (param.type === 'typed_parameter') {
        name = param.namedChild(0);
        typeNode = param.childForFieldName('type');
      } else if (param.type === 'default_parameter' || param.type === 'typed_default_parameter') {
        name = param.childForFieldName('name');
        value = param.childForFieldName('value');
        typeNode = param.childForFieldName('type');
      }
      if (name?.type !== 'identifier' || name.text === 'self' || name.text === 'cls') continue;
      bind({ key: name.text, kind: 'param', value, typeText: typeNode?.text, start: param.startIndex });
    }
  }
  return out;
}

/** The names a for-loop, `as` or unpacking target binds: `x`, `a, b`, `(a, [b, c])`, `*rest`. */
function targetNames(target: Node, out: Node[] = []): Node[] {
  const type = typeOf(target);
  if (type === 'identifier') out.push(target);
  else if (type === 'pattern_list' || type === 'tuple_pattern' || type === 'list_pattern' || type === 'list_splat_pattern' || type === 'tuple' || type === 'list') {
    for (const child of target.namedChildren) if (child) targetNames(child, out);
  }
  return out;
}

const envCalls = new Set(['os.getenv', 'os.environ.get', 'getenv', 'environ.get']);
const dedentCalls = new Set(['textwrap.dedent', 'dedent', 'inspect.cleandoc', 'cleandoc']);

function isEnvText(text: string): boolean {
  return text === 'os.environ' || text === 'environ';
}

export const pyAdapter: SyntaxAdapter = {
  functionTypes,
  declarationTypes,
  classTypes,
  loopTypes,
  candidateWords,
  commentPrefixes: ['#'],
  selfNames: new Set(['self', 'cls']),

  collect(root: Node, text: string): FileFacts {
    const facts = emptyFacts(lazyBindings(root, text, identifierChar, declarationBindings, useParents, memberTypes));
    for (const { type, node } of candidates(root, text)) {
      switch (type) {
        case 'import_statement':
          for (const name of node.childrenForFieldName('name')) {
            if (!name) continue;
            if (name.type === 'aliased_import') {
              const module = name.childForFieldName('name')?.text;
              const alias = name.childForFieldName('alias')?.text;
              if (module && alias) facts.imports.push({ local: alias, module, imported: '*' });
            } else facts.imports.push({ local: name.text, module: name.text, imported: '*' });
          }
          break;
        case 'import_from_statement': {
          const module = node.childForFieldName('module_name')?.text;
          if (!module) break;
          for (const name of node.childrenForFieldName('name')) {
            if (!name) continue;
            if (name.type === 'aliased_import') {
              const imported = name.childForFieldName('name')?.text;
              const alias = name.childForFieldName('alias')?.text;
              if (imported && alias) facts.imports.push({ local: alias, module, imported });
            } else facts.imports.push({ local: name.text, module, imported: name.text });
          }
          break;
        }
        case 'sdk_call':
          facts.calls.push(node);
          break;
        case 'mock_call':
          // A `@patch(...)` decorator mocks the function it decorates, handled with the decorator.
          if (parentOf(node)?.type !== 'decorator') facts.mockScopes.push(scopesOf.innermostFunction(node));
          break;
        case 'decorator': {
          const expr = node.namedChild(0);
          const fn = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
          if (fn && mockCallees.has(fn.text)) {
            const definition = parentOf(node)?.childForFieldName('definition');
            if (definition) facts.mockScopes.push(definition);
          }
          break;
        }
        case 'member_assignment': {
          // `client.chat.completions.create = MagicMock()` mocks the SDK for the enclosing function.
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left?.childForFieldName('object')?.text !== 'self' && mockFactories.has(right?.childForFieldName('function')?.text ?? '')) {
            facts.mockScopes.push(scopesOf.innermostFunction(node));
          }
          break;
        }
        default:
          if (classTypes.has(type)) {
            const name = node.childForFieldName('name');
            const supers = node.childForFieldName('superclasses');
            const bases = (supers?.namedChildren ?? []).filter((b): b is Node => !!b && b.type !== 'keyword_argument');
            if (name) facts.classes.push({ name: name.text, node, bases });
          }
      }
    }
    return facts;
  },

  evaluate(node: Node, ev: Evaluator): Value {
    const type = typeOf(node);
    switch (type) {
      case 'string':
        return stringValue(node, ev);
      case 'concatenated_string': {
        const parts: SourcedPart[] = [];
        for (const s of node.namedChildren) if (s?.type === 'string') parts.push(...stringValue(s, ev).parts);
        return { k: 'str', parts };
      }
      case 'integer':
      case 'float': {
        const n = parseNumber(node.text);
        return n === undefined ? unknown(node.text) : { k: 'num', n, range: rangeOf(node) };
      }
      case 'true':
      case 'false':
        return { k: 'bool', b: type === 'true', range: rangeOf(node) };
      case 'none':
        return { k: 'none', range: rangeOf(node) };
      case 'identifier':
        return ev.resolveName(node.text, node);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!object || !attr) return unknown(node.text, 'unknown', rangeOf(node));
        if (object.text === 'self') return ev.resolveName(`this.${attr.text}`, node);
        // `Config.MODEL` of a class in the file; anything else stays unknown, with the reason its object has.
        return readKey(ev.evaluate(object), attr.text, node.text, rangeOf(node));
      }
      case 'class_definition':
        return classAttributesValue(node, ev);
      case 'subscript':
        return subscriptValue(node, ev);
      case 'binary_operator':
        return binaryValue(node, ev);
      case 'boolean_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (node.childForFieldName('operator')?.text !== 'or' || !left || !right) return unknown(node.text);
        return fallback(ev.evaluate(left), () => ev.evaluate(right));
      }
      case 'dictionary':
        return dictValue(node, ev);
      case 'list':
      case 'tuple':
      case 'set':
        return listValue(node, ev);
      case 'list_comprehension':
      case 'generator_expression': {
        const body = node.childForFieldName('body');
        return { k: 'arr', items: [body ? ev.evaluate(body) : unknown(node.text)], repeated: true, range: rangeOf(node) };
      }
      case 'call':
        return callValue(node, ev);
      case 'unary_operator':
        return evaluateUnary(node, ev);
      default:
        if (wrapperTypes.has(type)) {
          const inner = node.namedChild(0);
          return inner ? ev.evaluate(inner) : unknown(node.text);
        }
        return unknown(node.text, 'unknown', rangeOf(node));
    }
  },

  callee(call: Node): Node | null {
    return calleeOf(call, callShape);
  },

  constructed(node: Node): Node | null {
    return typeOf(node) === 'call' ? node.childForFieldName('function') : null;
  },

  member(node: Node): MemberAccess | null {
    return memberAccess(node, callShape);
  },

  unwrap(node: Node): Node {
    return unwrapNode(node, wrapperTypes);
  },

  requestArgs(call: Node, ev: Evaluator): RequestArgs {
    const args = call.childForFieldName('arguments');
    const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false };
    if (!args) return { value: out, fromName: false };
    const children = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    // `create(**params)` alone is a params object, not a spread mixed with keywords.
    const single = children.length === 1 && children[0].type === 'dictionary_splat';
    applyKeywordArgs(children, out, ev, !single);
    return { value: out, fromName: single, range: { start: args.startIndex, end: args.endIndex } };
  },

  returns(fn: Node): FunctionReturns | null {
    const type = typeOf(fn);
    if (type === 'lambda') {
      const body = fn.childForFieldName('body');
      return { values: body ? [body] : [] };
    }
    if (type !== 'function_definition') return null;
    const body = fn.childForFieldName('body');
    return { typeText: fn.childForFieldName('return_type')?.text, values: body ? returnedValues(body) : [] };
  },

  isIterationCallback(fn: Node): boolean {
    const args = parentOf(fn);
    const call = args ? parentOf(args) : null;
    if (args?.type !== 'argument_list' || call?.type !== 'call') return false;
    const name = call.childForFieldName('function')?.text;
    return name === 'map' || name === 'filter';
  },
};

function applyKeywordArgs(children: readonly Node[], out: ObjValue, ev: Evaluator, spreadMarked: boolean): void {
  for (const child of children) {
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      const value = child.childForFieldName('value');
      if (name && value) out.entries.set(name, { value: ev.evaluate(value), fromSpread: false });
    } else if (child.type === 'dictionary_splat') {
      const inner = child.namedChild(0);
      mergeSpread(out, inner ? ev.evaluate(inner) : undefined, spreadMarked);
    }
  }
}

function stringValue(node: Node, ev: Evaluator): StrValue {
  const start = node.namedChildren.find((c) => c?.type === 'string_start');
  const prefix = (start?.text ?? '"').replace(/["']/g, '').toLowerCase();
  const raw = prefix.includes('r');
  const isF = prefix.includes('f') || prefix.includes('t');
  const parts: SourcedPart[] = [];
  let interpolated = false;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') {
      let text = raw ? child.text : decodeEscapes(child.text);
      if (isF) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      parts.push({ kind: 'text', text, range: { start: child.startIndex, end: child.endIndex } });
    } else if (child.type === 'interpolation') {
      interpolated = true;
      const expr = child.childForFieldName('expression');
      if (!expr) continue;
      const literal = staticString(ev.evaluate(expr));
      if (literal !== undefined) {
        if (literal) parts.push({ kind: 'text', text: literal });
      } else parts.push({ kind: 'placeholder', name: expr.text });
    }
  }
  const end = node.namedChildren.find((c) => c?.type === 'string_end');
  const range = !interpolated && start && end ? { start: start.endIndex, end: end.startIndex } : undefined;
  return { k: 'str', parts, range };
}

function subscriptValue(node: Node, ev: Evaluator): Value {
  const value = node.childForFieldName('value');
  const index = node.childForFieldName('subscript');
  const range = rangeOf(node);
  if (!value) return unknown(node.text);
  if (isEnvText(value.text)) return unknown(node.text, 'env', range);
  const key = index ? ev.evaluate(index) : undefined;
  return readKey(ev.evaluate(value), key?.k === 'num' ? String(key.n) : staticString(key), node.text, range);
}

function binaryValue(node: Node, ev: Evaluator): Value {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text;
  if (!left || !right) return unknown(node.text);
  const l = ev.evaluate(left);
  if (op === '%' && l.k === 'str') return percentFormat(l, right, ev);
  if (op !== '+') return unknown(node.text);
  return plus(l, left.text, ev.evaluate(right), right.text, node.text);
}

function dictValue(node: Node, ev: Evaluator): ObjValue {
  const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false, range: rangeOf(node) };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      const key = keyNode ? staticString(ev.evaluate(keyNode)) : undefined;
      if (key !== undefined && valueNode) out.entries.set(key, { value: ev.evaluate(valueNode), fromSpread: false });
    } else if (child.type === 'dictionary_splat') {
      applyKeywordArgs([child], out, ev, true);
    }
  }
  return out;
}

/** The attributes a class body assigns (`MODEL = "gpt-4.1"`, `limit: int = 5`), as an object. */
function classAttributesValue(node: Node, ev: Evaluator): ObjValue {
  const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false, range: rangeOf(node) };
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right) out.entries.set(left.text, { value: ev.evaluate(right), fromSpread: false });
  }
  return out;
}

function listValue(node: Node, ev: Evaluator): ArrValue {
  const out: ArrValue = { k: 'arr', items: [], range: rangeOf(node) };
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'list_splat') {
      const inner = child.namedChild(0);
      const v = inner ? ev.evaluate(inner) : undefined;
      pushSpread(out.items, v, inner?.text ?? child.text);
    } else out.items.push(ev.evaluate(child));
  }
  return out;
}

/** Replaces `{field}` in a format string by the matching `.format()` argument. */
function formatValue(template: StrValue, positional: readonly Node[], keywords: Map<string, Node>, ev: Evaluator): StrValue {
  const parts: SourcedPart[] = [];
  let auto = 0;
  for (const part of template.parts) {
    if (part.kind !== 'text') {
      parts.push(part);
      continue;
    }
    const pieces = part.text.split(/(\{\{|\}\}|\{[^{}]*\})/);
    for (const piece of pieces) {
      if (!piece) continue;
      if (piece === '{{' || piece === '}}') parts.push({ kind: 'text', text: piece[0] });
      else if (piece.startsWith('{') && piece.endsWith('}')) {
        const field = piece.slice(1, -1).split(/[!:.[]/)[0];
        const argNode = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywords.get(field);
        if (argNode) parts.push(...asParts(ev.evaluate(argNode), argNode.text));
        else parts.push({ kind: 'placeholder', name: field || String(auto - 1) });
      } else parts.push({ kind: 'text', text: piece });
    }
  }
  return { k: 'str', parts };
}

/** printf-style `"..." % args`. */
function percentFormat(template: StrValue, right: Node, ev: Evaluator): StrValue {
  const inner = pyAdapter.unwrap(right);
  const positional = inner.type === 'tuple' ? inner.namedChildren.filter((c): c is Node => !!c) : [inner];
  const dict = inner.type === 'dictionary' ? ev.evaluate(inner) : undefined;
  const parts: SourcedPart[] = [];
  let index = 0;
  for (const part of template.parts) {
    if (part.kind !== 'text') {
      parts.push(part);
      continue;
    }
    const pieces = part.text.split(/(%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGcoa%])/);
    for (const piece of pieces) {
      if (!piece) continue;
      if (piece === '%%') parts.push({ kind: 'text', text: '%' });
      else if (piece.startsWith('%') && piece.length > 1) {
        const key = piece.startsWith('%(') ? piece.slice(2, piece.indexOf(')')) : undefined;
        if (key !== undefined) {
          const entry = dict?.k === 'obj' ? dict.entries.get(key) : undefined;
          parts.push(...(entry ? asParts(entry.value, key) : [{ kind: 'placeholder' as const, name: key }]));
        } else {
          const argNode = positional[index++];
          parts.push(...(argNode ? asParts(ev.evaluate(argNode), argNode.text) : [{ kind: 'placeholder' as const, name: piece }]));
        }
      } else parts.push({ kind: 'text', text: piece });
    }
  }
  return { k: 'str', parts };
}

function callValue(node: Node, ev: Evaluator): Value {
  const fn = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments');
  const range = rangeOf(node);
  if (!fn) return unknown(node.text);
  const args = (argsNode?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
  const fnText = fn.text;
  if (envCalls.has(fnText)) {
    const fallback = positional[1] ?? args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default')?.childForFieldName('value');
    const v = fallback ? ev.evaluate(fallback) : undefined;
    return v?.k === 'str' ? withVia(v, 'env-default') : unknown(node.text, 'env', range);
  }
  if (dedentCalls.has(fnText) && positional[0]) {
    const v = ev.evaluate(positional[0]);
    const clean = fnText.endsWith('cleandoc');
    return v.k === 'str' ? mapText(v, (t) => (clean ? dedent(t).trim() : dedent(t))) : v;
  }
  // TypedDict request types from the SDK build plain dicts.
  if (fnText === 'dict' || (fn.type === 'identifier' && ev.isSdkType(fnText))) {
    const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false, range };
    applyKeywordArgs(args, out, ev, true);
    return out;
  }
  if (fn.type !== 'attribute') return unknown(node.text, 'unknown', range);
  const object = fn.childForFieldName('object');
  const method = fn.childForFieldName('attribute')?.text;
  if (!object) return unknown(node.text);
  if (method === 'format') {
    const template = ev.evaluate(object);
    if (template.k !== 'str') return unknown(node.text, 'unknown', range);
    const keywords = new Map<string, Node>();
    for (const a of args) {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (a.type === 'keyword_argument' && name && value) keywords.set(name, value);
    }
    return formatValue(template, positional, keywords, ev);
  }
  if (method === 'join' && positional[0]) {
    const sep = staticString(ev.evaluate(object));
    const items = ev.evaluate(positional[0]);
    if (sep !== undefined && items.k === 'arr' && !items.repeated) {
      return joinValues(items.items, sep, items.items.map(() => positional[0].text));
    }
    return unknown(node.text, 'unknown', range);
  }
  if (method === 'strip' || method === 'lstrip' || method === 'rstrip') {
    const target = ev.evaluate(object);
    if (target.k !== 'str' || positional.length) return target;
    return mapText(target, (t) => (method === 'strip' ? t.trim() : method === 'lstrip' ? t.trimStart() : t.trimEnd()));
  }
  if (isEnvText(object.text)) return unknown(node.text, 'env', range);
  return unknown(node.text, 'unknown', range);
}

