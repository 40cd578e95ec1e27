// TypeScript / TSX / JavaScript grammar adapter.
import type { Node } from '@vscode/tree-sitter-wasm';
import { apiMethodNames } from './sdkCatalog';
import {
  EnclosingScopes, callCandidates, calleeEndingAt, calleeOf, memberAccess, emptyFacts, evaluateUnary, isField, lastSegments, lazyBindings, mockCallees, mockFactories,
  parentOf, rangeOf, returnedValues, typeOf, unwrapNode, wordPattern,
} from './syntaxAdapter';
import type { Binding, CallShape, Evaluator, FileFacts, FunctionReturns, MemberAccess, RequestArgs, SyntaxAdapter } from './syntaxAdapter';
import {
  decodeEscapes, dedent, fallback, joinValues, mapText, mergeSpread, parseNumber, plus, pushSpread, readKey, staticString, textValue, unknown,
} from './values';
import type { ArrValue, ObjValue, StrValue, Value } from './values';
import type { SourcedPart } from './callSite';

const functionTypes = new Set([
  'function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function',
  'arrow_function', 'method_definition',
]);
const declarationTypes = new Set(['function_declaration', 'generator_function_declaration', 'method_definition']);
const classTypes = new Set(['class_declaration', 'class', 'abstract_class_declaration']);
const loopTypes = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
const iterationMethods = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find']);
const wrapperTypes = new Set([
  'parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression',
  'type_assertion',
]);
// What the scanner needs from the whole file (imports, also through require() and import(); SDK-method
// calls; test doubles; classes, for subclasses of the SDK clients) is found from the words that
// must appear in it, each occurrence checked against the tree. Variables and parameters are found
// by lazyBindings when the scanner asks for a name.
const memberTypes = new Set(['member_expression']);
const callTypes = new Set(['call_expression']);
const callShape: CallShape = { propertyName: 'property_identifier', memberTypes, propertyField: 'property', callTypes, assignmentType: 'assignment_expression' };
const mockCallTexts: ReadonlySet<string> = new Set([...mockCallees, 'jest.mock', 'vi.mock']);

const mockWords = lastSegments(mockCallTexts);
const factoryWords = lastSegments(mockFactories);

function candidates(root: Node, text: string): { type: string; node: Node }[] {
  const { found, at } = callCandidates(root, text, candidateWords, callShape, apiMethodNames, factoryWords);
  for (const word of mockWords) {
    for (const node of at(word)) {
      const call = calleeEndingAt(node, memberTypes, 'property', callTypes);
      if (call && mockCallTexts.has(call.callee.text)) found.add('mock_call', call.call);
    }
  }
  for (const node of at('import')) {
    const parent = parentOf(node);
    if (parent?.type === 'import_statement' && node.type === 'import') found.add('import_statement', parent);
    // `const sdk = await import('openai')`
    const awaited = parent?.type === 'call_expression' && isField(parent, 'function', node) ? parentOf(parent) : null;
    const declarator = awaited?.type === 'await_expression' ? parentOf(awaited) : null;
    if (awaited && declarator?.type === 'variable_declarator' && isField(declarator, 'value', awaited)) found.add('require_declarator', declarator);
  }
  for (const node of at('require')) {
    // `const OpenAI = require('openai')`
    const call = node.type === 'identifier' ? calleeEndingAt(node, memberTypes, 'property', callTypes) : undefined;
    const declarator = call && call.callee.id === node.id ? parentOf(call.call) : null;
    if (call && declarator?.type === 'variable_declarator' && isField(declarator, 'value', call.call)) found.add('require_declarator', declarator);
  }
  for (const node of at('class')) {
    const parent = node.type === 'class' ? parentOf(node) : null;
    if (parent && classTypes.has(parent.type)) found.add(parent.type, parent);
  }
  return found.inSourceOrder();
}

const identifierChar = /[A-Za-z0-9_$]/;
/** Every word a candidate must contain, in one pattern built once. */
const candidateWords = wordPattern([...apiMethodNames, ...mockWords, ...factoryWords, 'import', 'require', 'class'], identifierChar);
const scopesOf = new EnclosingScopes(functionTypes, classTypes);
/** Parents under which an identifier is only ever used, never declared (see lazyBindings). */
const useParents: ReadonlySet<string> = new Set([
  'arguments', 'binary_expression', 'template_substitution', 'return_statement', 'pair', 'spread_element', 'array', 'await_expression',
  'expression_statement', 'parenthesized_expression', 'ternary_expression', 'unary_expression', 'call_expression', 'new_expression',
  'as_expression', 'satisfies_expression', 'non_null_expression', 'subscript_expression',
]);

/**
 * The bindings of `key` a declaration node makes: a const/let/var declarator, an assignment, a class
 * field, a parameter (with destructured defaults, and TypeScript parameter properties), a
 * for-in/of variable or a catch parameter. A name bound where its value cannot be known
 * statically (a destructured variable, a loop variable, a rest parameter) is still bound, with no
 * value: it shadows a constant of the same name outside, which must not be taken for its value.
 */
function declarationBindings(node: Node, key: string): Binding[] {
  const out: Binding[] = [];
  const bind = (b: Omit<Binding, 'scope'> & { scope?: Node | null }): void => {
    // (Only the name asked about: finding a binding's scope walks up the tree.)
    if (b.key === key) out.push({ ...b, scope: b.scope === undefined ? scopesOf.innermostFunction(node) : b.scope });
  };
  switch (typeOf(node)) {
    case 'variable_declarator': {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      // `const x = require('openai')` is an import, collected with the candidates.
      if (!name || (value && requireTarget(value) !== undefined)) break;
      const declaration = parentOf(node);
      const isConst = declaration?.type === 'lexical_declaration' && declaration.firstChild?.type === 'const';
      if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') break;
      if (name.type === 'identifier') bind({ key: name.text, kind: isConst ? 'const' : 'variable', value, typeText: node.childForFieldName('type')?.text, start: node.startIndex });
      else for (const bound of patternNames(name)) bind({ key: bound.name.text, kind: 'variable', value: null, start: node.startIndex, valueUnknown: true });
      break;
    }
    case 'for_in_statement': {
      // `for (const model of models)`: block-scoped to the loop when declared, else it assigns an outer variable.
      const left = node.childForFieldName('left');
      const scope = node.childForFieldName('kind') ? node : undefined;
      for (const bound of left ? patternNames(left) : []) bind({ key: bound.name.text, kind: 'variable', value: null, start: node.startIndex, scope, valueUnknown: true });
      break;
    }
    case 'function_declaration':
    case 'enum_declaration':
    case 'class_declaration': {
      // `Models.Fast`, `Config.MODEL`: the enum's members and the class's static fields are read like an
      // object's; `getClient()`: what a function returns can be a client.
      const name = node.childForFieldName('name');
      if (name) bind({ key: name.text, kind: 'const', value: node, start: node.startIndex });
      break;
    }
    case 'catch_clause': {
      const parameter = node.childForFieldName('parameter');
      for (const bound of parameter ? patternNames(parameter) : []) bind({ key: bound.name.text, kind: 'variable', value: null, start: node.startIndex, scope: node, valueUnknown: true });
      break;
    }
    case 'assignment_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) break;
      if (left.type === 'identifier') {
        bind({ key: left.text, kind: 'variable', value: right, start: node.startIndex });
      } else if (left.type === 'member_expression') {
        const object = left.childForFieldName('object');
        const property = left.childForFieldName('property');
        if (object?.type === 'this' && property) {
          bind({ key: `this.${property.text}`, kind: 'attribute', value: right, start: node.startIndex, scope: scopesOf.innermostClass(node) });
        }
      }
      break;
    }
    case 'public_field_definition':
    case 'field_definition': {
      const name = node.childForFieldName('name') ?? node.childForFieldName('property');
      if (!name) break;
      bind({
        key: `this.${name.text}`, kind: 'attribute', value: node.childForFieldName('value'), typeText: node.childForFieldName('type')?.text,
        start: node.startIndex, scope: scopesOf.innermostClass(node),
      });
      break;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const pattern = node.childForFieldName('pattern');
      const typeNode = node.childForFieldName('type');
      const value = node.childForFieldName('value');
      if (pattern?.type === 'identifier') {
        bind({ key: pattern.text, kind: 'param', value, typeText: typeNode?.text, start: node.startIndex });
        const modifier = node.firstNamedChild?.type;
        if (modifier === 'accessibility_modifier' || modifier === 'override_modifier' || modifier === 'readonly') {
          // TypeScript parameter properties: `constructor(private client: OpenAI)` also sets this.client.
          bind({ key: `this.${pattern.text}`, kind: 'attribute', value, typeText: typeNode?.text, start: node.startIndex, scope: scopesOf.innermostClass(node) });
        }
      } else if (pattern) {
        for (const bound of patternNames(pattern)) bind({ key: bound.name.text, kind: 'param', value: bound.value, start: bound.name.startIndex, ...(bound.value ? {} : { valueUnknown: true }) });
      }
      break;
    }
    default: {
      // Plain JavaScript parameters (TypeScript wraps them in required_parameter), and an arrow
      // function's single unparenthesised parameter (`model => ...`), asked about the name itself.
      const list = parentOf(node);
      const listType = list ? typeOf(list) : '';
      if (listType === 'arrow_function' && typeOf(node) === 'identifier' && isField(list, 'parameter', node)) {
        bind({ key: node.text, kind: 'param', value: null, start: node.startIndex, valueUnknown: true });
      } else if (listType === 'formal_parameters') {
        for (const bound of patternNames(node)) bind({ key: bound.name.text, kind: 'param', value: bound.value, start: bound.name.startIndex, ...(bound.value ? {} : { valueUnknown: true }) });
      }
    }
  }
  return out;
}

function stringContent(node: Node): StrValue {
  const text = node.text;
  const range = { start: node.startIndex + 1, end: node.startIndex + text.length - 1 };
  return textValue(decodeEscapes(text.slice(1, -1)), range);
}

function propertyKey(node: Node): string | undefined {
  if (node.type === 'property_identifier' || node.type === 'identifier') return node.text;
  if (node.type === 'string') return decodeEscapes(node.text.slice(1, -1));
  if (node.type === 'number') return node.text;
  return undefined;
}

function isEnvObject(node: Node): boolean {
  return node.text === 'process.env' || node.text === 'import.meta.env' || node.text === 'Deno.env';
}

export const jsAdapter: SyntaxAdapter = {
  functionTypes,
  declarationTypes,
  classTypes,
  loopTypes,
  candidateWords,
  commentPrefixes: ['//', '/*', '*'],
  selfNames: new Set(['this']),

  collect(root: Node, text: string): FileFacts {
    const facts = emptyFacts(lazyBindings(root, text, identifierChar, declarationBindings, useParents, memberTypes));
    for (const { type, node } of candidates(root, text)) {
      switch (type) {
        case 'import_statement':
          collectImport(node, facts);
          break;
        case 'require_declarator': {
          const name = node.childForFieldName('name');
          const value = node.childForFieldName('value');
          const module = value ? requireTarget(value) : undefined;
          if (name && module !== undefined) collectRequire(name, module, facts);
          break;
        }
        case 'member_assignment': {
          // `client.chat.completions.create = jest.fn()` mocks the SDK for the enclosing function.
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left?.childForFieldName('object')?.type === 'this') break;
          if (mockFactories.has(right?.childForFieldName('function')?.text ?? '')) facts.mockScopes.push(scopesOf.innermostFunction(node));
          break;
        }
        case 'sdk_call':
          facts.calls.push(node);
          break;
        case 'mock_call': {
          const calleeText = node.childForFieldName('function')?.text ?? '';
          if (calleeText === 'jest.mock' || calleeText === 'vi.mock') {
            const arg = node.childForFieldName('arguments')?.namedChild(0);
            if (arg?.type === 'string') facts.mockedModules.push(decodeEscapes(arg.text.slice(1, -1)));
          } else if (mockCallees.has(calleeText)) {
            facts.mockScopes.push(scopesOf.innermostFunction(node));
          }
          break;
        }
        default:
          if (classTypes.has(type)) {
            const name = node.childForFieldName('name');
            const heritage = node.namedChildren.find((c) => c?.type === 'class_heritage');
            const bases: Node[] = [];
            for (const h of heritage?.namedChildren ?? []) {
              if (!h) continue;
              if (h.type === 'extends_clause') {
                const v = h.childForFieldName('value');
                if (v) bases.push(v);
              } else if (h.type !== 'implements_clause') bases.push(h);
            }
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
        return stringContent(node);
      case 'template_string':
        return templateValue(node, ev);
      case 'number': {
        const n = parseNumber(node.text);
        return n === undefined ? unknown(node.text) : { k: 'num', n, range: rangeOf(node) };
      }
      case 'true':
      case 'false':
        return { k: 'bool', b: type === 'true', range: rangeOf(node) };
      case 'null':
      case 'undefined':
        return { k: 'none', range: rangeOf(node) };
      case 'identifier': {
        const name = node.text;
        return name === 'undefined' ? { k: 'none', range: rangeOf(node) } : ev.resolveName(name, node);
      }
      case 'shorthand_property_identifier':
        return ev.resolveName(node.text, node);
      case 'member_expression':
      case 'subscript_expression':
        return memberValue(node, ev);
      case 'binary_expression':
        return binaryValue(node, ev);
      case 'object':
        return objectValue(node, ev);
      case 'array':
        return arrayValue(node, ev);
      case 'call_expression':
        return callValue(node, ev);
      case 'enum_declaration':
      case 'class_declaration':
      case 'class':
        return membersValue(node, ev);
      case 'unary_expression':
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
    return typeOf(node) === 'new_expression' ? node.childForFieldName('constructor') : null;
  },

  member(node: Node): MemberAccess | null {
    return memberAccess(node, callShape);
  },

  unwrap(node: Node): Node {
    return unwrapNode(node, wrapperTypes);
  },

  requestArgs(call: Node, ev: Evaluator): RequestArgs {
    const first = call.childForFieldName('arguments')?.namedChild(0);
    if (!first) return { value: { k: 'obj', entries: new Map(), opaqueSpread: false }, fromName: false };
    const inner = this.unwrap(first);
    return {
      value: ev.evaluate(first),
      fromName: inner.type === 'identifier' || inner.type === 'member_expression',
      range: inner.type === 'object' ? { start: inner.startIndex, end: inner.endIndex } : undefined,
    };
  },

  returns(fn: Node): FunctionReturns | null {
    if (!functionTypes.has(typeOf(fn))) return null;
    const typeText = fn.childForFieldName('return_type')?.text;
    const body = fn.childForFieldName('body');
    if (!body) return { typeText, values: [] };
    return { typeText, values: typeOf(body) === 'statement_block' ? returnedValues(body) : [body] };
  },

  isIterationCallback(fn: Node): boolean {
    const args = parentOf(fn);
    const call = args ? parentOf(args) : null;
    if (args?.type !== 'arguments' || call?.type !== 'call_expression') return false;
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'member_expression') return false;
    return iterationMethods.has(callee.childForFieldName('property')?.text ?? '');
  },
};

function requireTarget(value: Node): string | undefined {
  const call = jsAdapter.unwrap(value);
  if (call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  if (fn?.text !== 'require' && fn?.type !== 'import') return undefined;
  const arg = call.childForFieldName('arguments')?.namedChild(0);
  return arg?.type === 'string' ? decodeEscapes(arg.text.slice(1, -1)) : undefined;
}

function collectRequire(name: Node, module: string, facts: FileFacts): void {
  if (name.type === 'identifier') {
    facts.imports.push({ local: name.text, module, imported: '*' });
    return;
  }
  if (name.type !== 'object_pattern') return;
  for (const p of name.namedChildren) {
    if (p?.type === 'shorthand_property_identifier_pattern') facts.imports.push({ local: p.text, module, imported: p.text });
    else if (p?.type === 'pair_pattern') {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (key && value?.type === 'identifier') facts.imports.push({ local: value.text, module, imported: key.text });
    }
  }
}

function collectImport(node: Node, facts: FileFacts): void {
  const source = node.childForFieldName('source');
  if (!source) return;
  const module = decodeEscapes(source.text.slice(1, -1));
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (!part) continue;
    if (part.type === 'identifier') facts.imports.push({ local: part.text, module, imported: 'default' });
    else if (part.type === 'namespace_import') {
      const id = part.namedChild(0);
      if (id) facts.imports.push({ local: id.text, module, imported: '*' });
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (spec?.type !== 'import_specifier') continue;
        const imported = spec.childForFieldName('name')?.text;
        const local = spec.childForFieldName('alias')?.text ?? imported;
        if (imported && local) facts.imports.push({ local, module, imported });
      }
    }
  }
}

/**
 * The names a binding pattern binds, each with its default value: `model`, `{ model, b: c,
 * d = 'gpt-4o' }`, `[a, ...rest]`, `model = 'o3'`. Defaults are expressions, not names bound.
 */
function patternNames(pattern: Node, value: Node | null = null, out: { name: Node; value: Node | null }[] = []): { name: Node; value: Node | null }[] {
  switch (typeOf(pattern)) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push({ name: pattern, value });
      break;
    case 'pair_pattern': {
      const inner = pattern.childForFieldName('value');
      if (inner) patternNames(inner, null, out);
      break;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left) patternNames(left, pattern.childForFieldName('right'), out);
      break;
    }
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const child of pattern.namedChildren) if (child) patternNames(child, null, out);
      break;
  }
  return out;
}

function templateValue(node: Node, ev: Evaluator): StrValue {
  const parts: SourcedPart[] = [];
  let hasSubstitution = false;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_fragment' || child.type === 'escape_sequence') {
      const text = child.type === 'escape_sequence' ? decodeEscapes(child.text) : child.text;
      const last = parts[parts.length - 1];
      if (last?.kind === 'text' && last.range && last.range.end === child.startIndex) {
        parts[parts.length - 1] = { kind: 'text', text: last.text + text, range: { start: last.range.start, end: child.endIndex } };
      } else parts.push({ kind: 'text', text, range: { start: child.startIndex, end: child.endIndex } });
    } else if (child.type === 'template_substitution') {
      hasSubstitution = true;
      const expr = child.namedChild(0);
      if (!expr) continue;
      const v = ev.evaluate(expr);
      const literal = staticString(v);
      if (literal !== undefined) {
        if (literal) parts.push({ kind: 'text', text: literal });
      } else parts.push({ kind: 'placeholder', name: expr.text });
    }
  }
  // Ranges of escape-merged fragments cover raw source text, so they are only exact without escapes.
  const range = hasSubstitution ? undefined : { start: node.startIndex + 1, end: node.endIndex - 1 };
  return { k: 'str', parts, range };
}

function memberValue(node: Node, ev: Evaluator): Value {
  const object = node.childForFieldName('object');
  const range = rangeOf(node);
  if (!object) return unknown(node.text);
  if (isEnvObject(object)) return unknown(node.text, 'env', range);
  let key: string | undefined;
  if (node.type === 'member_expression') {
    key = node.childForFieldName('property')?.text;
    if (object.type === 'this' && key) return ev.resolveName(`this.${key}`, node);
  } else {
    const index = node.childForFieldName('index');
    key = index ? staticString(ev.evaluate(index)) ?? (index.type === 'number' ? index.text : undefined) : undefined;
  }
  return readKey(ev.evaluate(object), key, node.text, range);
}

function binaryValue(node: Node, ev: Evaluator): Value {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text;
  if (!left || !right) return unknown(node.text);
  if (op === '??' || op === '||') return fallback(ev.evaluate(left), () => ev.evaluate(right));
  if (op !== '+') return unknown(node.text);
  return plus(ev.evaluate(left), left.text, ev.evaluate(right), right.text, node.text);
}

function objectValue(node: Node, ev: Evaluator): ObjValue {
  const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false, range: rangeOf(node) };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      const key = keyNode ? propertyKey(keyNode) : undefined;
      if (key !== undefined && valueNode) out.entries.set(key, { value: ev.evaluate(valueNode), fromSpread: false });
    } else if (child.type === 'shorthand_property_identifier') {
      out.entries.set(child.text, { value: ev.resolveName(child.text, child), fromSpread: false });
    } else if (child.type === 'spread_element') {
      const inner = child.namedChild(0);
      mergeSpread(out, inner ? ev.evaluate(inner) : undefined, true);
    }
  }
  return out;
}

/**
 * The named members of a body that have a value, as an object: an enum's members
 * (`Fast = 'gpt-4o-mini'`) or a class's static fields (`static readonly MODEL = 'gpt-4o'`).
 */
function membersValue(node: Node, ev: Evaluator): ObjValue {
  const counts: (member: Node) => boolean = typeOf(node) === 'enum_declaration'
    ? (member) => member.type === 'enum_assignment'
    : (member) => (member.type === 'public_field_definition' || member.type === 'field_definition') && member.children.some((c) => c?.type === 'static');
  const out: ObjValue = { k: 'obj', entries: new Map(), opaqueSpread: false, range: rangeOf(node) };
  for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!member || !counts(member)) continue;
    const name = member.childForFieldName('name') ?? member.childForFieldName('property');
    const value = member.childForFieldName('value');
    const key = name ? propertyKey(name) : undefined;
    if (key !== undefined && value) out.entries.set(key, { value: ev.evaluate(value), fromSpread: false });
  }
  return out;
}

function arrayValue(node: Node, ev: Evaluator): ArrValue {
  const out: ArrValue = { k: 'arr', items: [], range: rangeOf(node) };
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'spread_element') {
      const inner = child.namedChild(0);
      const v = inner ? ev.evaluate(inner) : undefined;
      pushSpread(out.items, v, inner?.text ?? child.text);
    } else out.items.push(ev.evaluate(child));
  }
  return out;
}

function callValue(node: Node, ev: Evaluator): Value {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn) return unknown(node.text);
  const range = rangeOf(node);
  // Tagged templates: dedent`...` and String.raw`...`.
  if (args?.type === 'template_string') {
    const v = templateValue(args, ev);
    return fn.text === 'dedent' || fn.text.endsWith('.dedent') ? mapText(v, (t) => dedent(t).trim()) : v;
  }
  const argList = (args?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  if (fn.type === 'identifier' && fn.text === 'dedent' && argList[0]) {
    const v = ev.evaluate(argList[0]);
    return v.k === 'str' ? mapText(v, (t) => dedent(t).trim()) : v;
  }
  if (fn.type !== 'member_expression') return unknown(node.text, 'unknown', range);
  const object = fn.childForFieldName('object');
  const method = fn.childForFieldName('property')?.text;
  if (!object) return unknown(node.text);
  if (method === 'join') {
    const target = ev.evaluate(object);
    const sep = argList[0] ? staticString(ev.evaluate(argList[0])) : ',';
    if (target.k === 'arr' && sep !== undefined && !target.repeated) {
      return joinValues(target.items, sep, target.items.map(() => object.text));
    }
    return unknown(node.text, 'unknown', range);
  }
  if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') {
    const target = ev.evaluate(object);
    if (target.k !== 'str') return target;
    return mapText(target, (t) => (method === 'trim' ? t.trim() : method === 'trimStart' ? t.trimStart() : t.trimEnd()));
  }
  if ((method === 'map' || method === 'flatMap') && argList[0] && functionTypes.has(argList[0].type)) {
    const body = jsAdapter.returns(argList[0])?.values[0];
    return { k: 'arr', items: [body ? ev.evaluate(body) : unknown(node.text)], repeated: true, range };
  }
  if (fn.text === 'process.env.get' || isEnvObject(object)) return unknown(node.text, 'env', range);
  return unknown(node.text, 'unknown', range);
}
