// The seam between the language-neutral scanner (callScanner.ts) and each grammar. An adapter
// finds the facts the scanner needs (from the words that must appear in the text, checked against
// the tree) and evaluates expressions into the shared Value model.
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import { unknown } from './values';
import type { Value } from './values';

/** A name bound in the file: a variable, parameter, class field or `this.x` / `self.x` attribute. */
export interface Binding {
  /** Identifier, or `this.x` for attributes (Python `self.x` is normalised to `this.x`). */
  key: string;
  /** Innermost function (for variables and parameters) or class (for attributes); null = module. */
  scope: Node | null;
  kind: 'const' | 'variable' | 'param' | 'attribute';
  /** Assigned value, or the default value of a parameter. */
  value: Node | null;
  /** Type annotation text (parameters, fields), used to recognise `client: OpenAI`. */
  typeText?: string;
  start: number;
  /**
   * Bound where no value can be known (destructuring, a loop target, an untyped parameter the
   * grammar gives no declaration node): it hides an outer constant's value, but client detection
   * looks past it to the outer binding of the same name (`const { client } = setup()` is most
   * likely the same kind of client the file builds elsewhere under that name).
   */
  valueUnknown?: true;
}

/** `local` is bound to `imported` of `module`; imported '*' = the module itself, 'default' = its default export. */
export interface ImportFact {
  local: string;
  module: string;
  imported: string;
}

export interface ClassFact {
  name: string;
  node: Node;
  bases: Node[];
}

/** The bindings of a name, in source order; undefined when the file never binds it. */
export interface BindingLookup {
  get(key: string): readonly Binding[] | undefined;
}

export interface FileFacts {
  imports: ImportFact[];
  bindings: BindingLookup;
  classes: ClassFact[];
  /** Calls of a method named like an SDK method (`x.y.create(...)`), in source order. */
  calls: Node[];
  /** Modules replaced wholesale by the test framework (`jest.mock('openai')`). */
  mockedModules: string[];
  /** Functions whose SDK calls hit mocks (patch decorators, spyOn, `x.create = jest.fn()`); null = whole file. */
  mockScopes: (Node | null)[];
}

export interface Evaluator {
  evaluate(node: Node): Value;
  /** Resolves an identifier or `this.x` key as seen from `at`. */
  resolveName(key: string, at: Node): Value;
  /** Whether a name is a request type imported from the SDK (Python TypedDicts such as `MessageParam(...)`). */
  isSdkType(name: string): boolean;
}

export interface RequestArgs {
  value: Value;
  /** The whole request came from one named object (`create(params)`, `create(**params)`). */
  fromName: boolean;
  range?: { start: number; end: number };
}

export interface MemberAccess {
  object: Node;
  name: string;
  nameNode: Node;
}

export interface SyntaxAdapter {
  readonly functionTypes: ReadonlySet<string>;
  /** Function types that are declarations: a call inside them is not in the caller's loop. */
  readonly declarationTypes: ReadonlySet<string>;
  readonly classTypes: ReadonlySet<string>;
  readonly loopTypes: ReadonlySet<string>;
  readonly commentPrefixes: readonly string[];
  /** Names of receivers that mean "the current instance". */
  readonly selfNames: ReadonlySet<string>;
  /** Every fixed word a candidate must contain (a global pattern); text without any of them holds no candidate. */
  readonly candidateWords: RegExp;
  /** Imports, SDK calls, classes and test doubles, found from candidateWords; bindings are looked up lazily. */
  collect(root: Node, text: string): FileFacts;
  evaluate(node: Node, ev: Evaluator): Value;
  /** The called expression of a method/function call (not of `new`). */
  callee(call: Node): Node | null;
  /** For `new X()` (TS) or `X()` (Python), the X node. */
  constructed(node: Node): Node | null;
  member(node: Node): MemberAccess | null;
  /** Strips parentheses, await, casts and non-null assertions. */
  unwrap(node: Node): Node;
  requestArgs(call: Node, ev: Evaluator): RequestArgs;
  /** Whether a function node is the callback of an iteration (`xs.map(fn)`, `xs.forEach(fn)`). */
  isIterationCallback(fn: Node): boolean;
  /**
   * For a function node, its declared return type and the expressions its body returns (top-level
   * `return`s, or an arrow's or lambda's expression body); null for any other node.
   */
  returns(fn: Node): FunctionReturns | null;
}

export interface FunctionReturns {
  typeText?: string;
  values: Node[];
}

/** The expressions of the `return` statements directly in a function body. */
export function returnedValues(body: Node): Node[] {
  const values: Node[] = [];
  for (const statement of body.namedChildren) {
    const value = statement?.type === 'return_statement' ? statement.namedChild(0) : null;
    if (value && value.type !== 'comment') values.push(value);
  }
  return values;
}

/** What parentOf, typeOf, endOf and memberAccess remember about the nodes of one tree, by node id. */
interface TreeMemo {
  parents: Map<number, Node | null>;
  types: Map<number, string>;
  ends: Map<number, number>;
  members: Map<number, MemberAccess | null>;
}

const memos = new WeakMap<Tree, TreeMemo>();

function memoOf(tree: Tree): TreeMemo {
  let memo = memos.get(tree);
  if (!memo) memos.set(tree, (memo = { parents: new Map(), types: new Map(), ends: new Map(), members: new Map() }));
  return memo;
}

/**
 * `node.parent`, remembered per tree. The runtime finds a parent by walking down from the root
 * (through every sibling before it at each level), and the scanner walks up from the same calls
 * and names many times.
 */
export function parentOf(node: Node): Node | null {
  return remembered(memoOf(node.tree).parents, node, readParent);
}

/** `node.type`, remembered per tree: each read is a call into the WASM runtime, and walks up read it at every level. */
export function typeOf(node: Node): string {
  return remembered(memoOf(node.tree).types, node, readType);
}

/** `node.endIndex`, remembered per tree (another call into the runtime), for nodes asked about often, such as scopes. */
export function endOf(node: Node): number {
  return remembered(memoOf(node.tree).ends, node, readEnd);
}

const readParent = (node: Node): Node | null => node.parent;
const readType = (node: Node): string => node.type;
const readEnd = (node: Node): number => node.endIndex;

function remembered<T>(memo: Map<number, T>, node: Node, read: (node: Node) => T): T {
  let value = memo.get(node.id);
  if (value === undefined) {
    value = read(node);
    memo.set(node.id, value);
  }
  return value;
}

/** Drops what parentOf, typeOf, endOf, memberAccess and nodesAtWords remember about a tree, when it is deleted. */
export function forgetTree(tree: Tree): void {
  memos.delete(tree);
  parsedSpans.delete(tree);
}

/** The functions and classes around a node, found by walking up its ancestors. */
export class EnclosingScopes {
  constructor(private readonly functionTypes: ReadonlySet<string>, private readonly classTypes: ReadonlySet<string>) {}

  /** Innermost function or class around `node`, or null at module level (a class body counts as its own scope). */
  innermost(node: Node): Node | null {
    for (let p = parentOf(node); p; p = parentOf(p)) {
      const type = typeOf(p);
      if (this.functionTypes.has(type) || this.classTypes.has(type)) return p;
    }
    return null;
  }

  innermostIsClass(node: Node): boolean {
    const scope = this.innermost(node);
    return scope !== null && this.classTypes.has(typeOf(scope));
  }

  /** Innermost function, skipping classes (a method's variables belong to the method). */
  innermostFunction(node: Node): Node | null {
    for (let p = parentOf(node); p; p = parentOf(p)) if (this.functionTypes.has(typeOf(p))) return p;
    return null;
  }

  innermostClass(node: Node): Node | null {
    for (let p = parentOf(node); p; p = parentOf(p)) if (this.classTypes.has(typeOf(p))) return p;
    return null;
  }
}

/**
 * The node at each whole-word occurrence of `word` in the text: the smallest node spanning exactly
 * that occurrence (an identifier, a property name, a keyword token; callers check the type),
 * skipping occurrences inside longer words and inside larger nodes such as comments. Finding a
 * handful of words in the text and asking the tree for each is much cheaper than a query over the
 * whole tree, which materialises every matching node in JavaScript before its text predicate can
 * reject it.
 */
export function nodesAtWord(root: Node, text: string, word: string, identifierChar: RegExp, accept?: (start: number, end: number) => boolean): Node[] {
  return nodesAtWords(root, text, wordPattern([word], identifierChar), accept).get(word) ?? [];
}

/**
 * A pattern matching any of `words` as a whole word (not inside a longer identifier), for
 * nodesAtWords. The adapters build theirs once, for the fixed words they look for.
 */
export function wordPattern(words: Iterable<string>, identifierChar: RegExp): RegExp {
  // Longest first, so a word is not matched by a shorter one it starts with.
  const list = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  const escaped = list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const boundary = identifierChar.source;
  const alternatives = escaped.join('|') || '(?!)';
  const pattern = new RegExp(`(?<!${boundary})(?:${alternatives})(?!${boundary})`, 'g');
  loosePatterns.set(pattern, new RegExp(`\\b(?:${alternatives})\\b`, 'g'));
  return pattern;
}

const loosePatterns = new WeakMap<RegExp, RegExp>();

/**
 * A pattern matching at least everything a wordPattern matches (`\b` for its boundaries also
 * accepts a `$` next to the word), about twice as fast: for a pass that only needs to know whether
 * a stretch of text may hold a word, where an extra match only costs a little speed.
 */
export function looseWordPattern(pattern: RegExp): RegExp {
  return loosePatterns.get(pattern) ?? pattern;
}

const parsedSpans = new WeakMap<Tree, { start: number; end: number }[]>();

/**
 * The parts of the text a tree covers: all of it, or the statements a focused parse kept (they
 * start and end at line breaks, so a word never straddles their edges).
 */
function spansOf(tree: Tree, length: number): { start: number; end: number }[] {
  let spans = parsedSpans.get(tree);
  if (!spans) {
    spans = tree.getIncludedRanges().map((r) => ({ start: r.startIndex, end: Math.min(r.endIndex, length) }));
    parsedSpans.set(tree, spans);
  }
  return spans;
}

/**
 * nodesAtWord for every word of a wordPattern, in one pass over the parsed text. `accept`, when
 * given, rules occurrences out from the text around them, before the tree is asked.
 */
export function nodesAtWords(root: Node, text: string, pattern: RegExp, accept?: (start: number, end: number) => boolean): Map<string, Node[]> {
  const byWord = new Map<string, Node[]>();
  for (const span of spansOf(root.tree, text.length)) {
    const part = span.start === 0 && span.end === text.length ? text : text.slice(span.start, span.end);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(part); m; m = pattern.exec(part)) {
      const start = span.start + m.index;
      const end = start + m[0].length;
      if (accept && !accept(start, end)) continue;
      const node = root.descendantForIndex(start, end);
      if (!node || node.startIndex !== start || node.endIndex !== end) continue;
      let nodes = byWord.get(m[0]);
      if (!nodes) byWord.set(m[0], (nodes = []));
      nodes.push(node);
    }
  }
  return byWord;
}

/** The source range of a node. */
export function rangeOf(node: Node): { start: number; end: number } {
  return { start: node.startIndex, end: node.endIndex };
}

/** Whether `child` is the node in `field` of `parent`. */
export function isField(parent: Node | null, field: string, child: Node): parent is Node {
  return parent !== null && parent.childForFieldName(field)?.id === child.id;
}

/**
 * The call whose callee ends with `name` (`name(...)`, `a.b.name(...)`), with that callee; the
 * callee is the member chain `name` ends, whatever its object.
 */
export function calleeEndingAt(name: Node, memberTypes: ReadonlySet<string>, propertyField: string, callTypes: ReadonlySet<string>): { call: Node; callee: Node } | undefined {
  const parent = parentOf(name);
  const callee = parent && memberTypes.has(typeOf(parent)) && isField(parent, propertyField, name) ? parent : name;
  const call = parentOf(callee);
  return call && callTypes.has(typeOf(call)) && isField(call, 'function', callee) ? { call, callee } : undefined;
}

/**
 * Whether the text around the name at text[start, end), on its own line, shows it used, not
 * declared: the object of a member access (`client.chat`; not `client...`), a property
 * (`x.client`; not the rest parameter `...client`), or a template substitution (`${client}`). No
 * declaration either language has puts a plain name there, and this spares the tree the question
 * for most uses. (Across a line break the character could be the end of a comment.)
 */
function plainNameUsedAt(text: string, start: number, end: number): boolean {
  let after = end;
  while (isSpaceOrTab(text.charCodeAt(after))) after++;
  if (text.charCodeAt(after) === 46) return text.charCodeAt(after + 1) !== 46; // . but not ...
  let before = start - 1;
  while (isSpaceOrTab(text.charCodeAt(before))) before--;
  const c = text.charCodeAt(before);
  if (c === 46) return text.charCodeAt(before - 1) !== 46; // . but not ...
  return c === 123 && before === start - 1 && text.charCodeAt(before - 1) === 36; // ${ right before the name
}

const isSpaceOrTab = (c: number): boolean => c === 32 || c === 9;

/** Node types that end the walk up from a name to its declaration: a declaration never spans them. */
const declarationWalkStops = new Set(['program', 'module', 'statement_block', 'block', 'class_body']);

/**
 * The bindings of each name, found when the scanner first asks for it: the occurrences of the name
 * are mapped to their nodes, and the declaration around each (a few ancestors up, at most to the
 * enclosing statement) gives the bindings. A file has thousands of declarations and the scanner
 * asks about a handful of names, so this replaces a query that materialised every function,
 * parameter and variable of the file in JavaScript.
 * `declarationBindings` returns the bindings of `key` a node declares when it is a declaration,
 * else nothing. A declared name sits in its declaration through patterns only (a destructuring,
 * a parameter, `this.x`), never under one of `useParents` (an argument list, a call, a binary
 * expression...): the walk up from an occurrence stops at the first of those, it is a use. So
 * does the object of a member access (`client` in `client.chat`; `this.x` is found from `x`).
 */
export function lazyBindings(
  root: Node,
  text: string,
  identifierChar: RegExp,
  declarationBindings: (node: Node, key: string) => Binding[],
  useParents: ReadonlySet<string>,
  memberTypes: ReadonlySet<string>,
): BindingLookup {
  const cache = new Map<string, Binding[] | undefined>();
  const lookup = (key: string): Binding[] | undefined => {
    const found = new Map<string, Binding>();
    const seen = new Set<number>();
    const attribute = key.startsWith('this.');
    const accept = attribute ? undefined : (start: number, end: number) => !plainNameUsedAt(text, start, end);
    for (const node of nodesAtWord(root, text, attribute ? key.slice(5) : key, identifierChar, accept)) {
      // A plain parameter (`function f(model)`, `model => ...`) is its own declaration.
      for (const b of declarationBindings(node, key)) found.set(`${b.start}:${b.kind}`, b);
      for (let p = parentOf(node); p; p = parentOf(p)) {
        const type = typeOf(p);
        if (declarationWalkStops.has(type) || useParents.has(type)) break;
        if (memberTypes.has(type) && p.startIndex === node.startIndex) break;
        // Each ancestor is asked once: the ones above it were asked when it was first reached.
        if (seen.has(p.id)) break;
        seen.add(p.id);
        for (const b of declarationBindings(p, key)) found.set(`${b.start}:${b.kind}`, b);
      }
    }
    return found.size ? [...found.values()].sort((a, b) => a.start - b.start) : undefined;
  };
  return {
    get(key: string) {
      if (!cache.has(key)) cache.set(key, lookup(key));
      return cache.get(key);
    },
  };
}

/** How a grammar spells calls and member access, for the word-guided searches both adapters share. */
export interface CallShape {
  /** Node type of a name (`property_identifier` in TypeScript, `identifier` in Python). */
  propertyName: string;
  memberTypes: ReadonlySet<string>;
  /** Field of the member node holding the name (`property`, `attribute`). */
  propertyField: string;
  callTypes: ReadonlySet<string>;
  assignmentType: string;
}

/** `a.b` as object and name, in the grammar's own member node (`member_expression`, `attribute`). */
export function memberAccess(node: Node, shape: CallShape): MemberAccess | null {
  if (!shape.memberTypes.has(typeOf(node))) return null;
  // Remembered: the scanner reads each link of `client.chat.completions.create` more than once.
  return remembered(memoOf(node.tree).members, node, (member) => {
    const object = member.childForFieldName('object');
    const name = member.childForFieldName(shape.propertyField);
    return object && name ? { object, name: name.text, nameNode: name } : null;
  });
}

/** The called expression of a call node of the grammar. */
export function calleeOf(call: Node, shape: CallShape): Node | null {
  return shape.callTypes.has(typeOf(call)) ? call.childForFieldName('function') : null;
}

/**
 * The nodes at the candidate words of a file (`at`), and the candidates every grammar has, already
 * found: calls of an SDK method name (`x.chat.completions.create(...)`) and test doubles assigned
 * to a member (`client.messages.create = jest.fn()`). The adapter adds its own to `found`.
 */
export function callCandidates(
  root: Node,
  text: string,
  candidateWords: RegExp,
  shape: CallShape,
  methodNames: Iterable<string>,
  factoryWords: Iterable<string>,
): { found: Candidates; at: (word: string) => Node[] } {
  const found = new Candidates();
  const words = nodesAtWords(root, text, candidateWords);
  const at = (word: string): Node[] => words.get(word) ?? [];
  for (const name of methodNames) {
    for (const node of at(name)) {
      const call = node.type === shape.propertyName ? calleeEndingAt(node, shape.memberTypes, shape.propertyField, shape.callTypes) : undefined;
      if (call && call.callee.id !== node.id) found.add('sdk_call', call.call);
    }
  }
  for (const word of factoryWords) {
    for (const node of at(word)) {
      const call = calleeEndingAt(node, shape.memberTypes, shape.propertyField, shape.callTypes);
      const assignment = call ? parentOf(call.call) : null;
      const left = assignment?.childForFieldName('left');
      if (call && assignment?.type === shape.assignmentType && isField(assignment, 'right', call.call) && left && shape.memberTypes.has(left.type)) {
        found.add('member_assignment', assignment);
      }
    }
  }
  return { found, at };
}

/** Collects candidate nodes once each, and hands them out in source order (outer before inner). */
export class Candidates {
  private readonly seen = new Set<string>();
  private readonly found: { type: string; node: Node }[] = [];

  add(type: string, node: Node): void {
    const key = `${type}:${node.id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push({ type, node });
  }

  inSourceOrder(): { type: string; node: Node }[] {
    return this.found.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  }
}

/** The last segment of each dotted name (`jest.spyOn` -> `spyOn`): the word to look for. */
export function lastSegments(names: Iterable<string>): Set<string> {
  return new Set([...names].map((n) => n.slice(n.lastIndexOf('.') + 1)));
}

export function emptyFacts(bindings: BindingLookup): FileFacts {
  return { imports: [], bindings, classes: [], calls: [], mockedModules: [], mockScopes: [] };
}

/** Callee texts of test doubles that replace SDK methods for the enclosing function. */
export const mockCallees: ReadonlySet<string> = new Set([
  'patch', 'patch.object', 'mock.patch', 'mock.patch.object', 'unittest.mock.patch', 'unittest.mock.patch.object',
  'mocker.patch', 'mocker.patch.object', 'monkeypatch.setattr', 'jest.spyOn', 'vi.spyOn', 'sinon.stub', 'sinon.replace',
]);

/** Constructors of test doubles: assigning one to an SDK method path mocks it. */
export const mockFactories: ReadonlySet<string> = new Set([
  'jest.fn', 'vi.fn', 'sinon.stub', 'sinon.fake', 'MagicMock', 'Mock', 'AsyncMock', 'mock.MagicMock', 'mock.Mock', 'mock.AsyncMock',
  'unittest.mock.MagicMock', 'create_autospec', 'mock.create_autospec',
]);

/** Strips wrapper nodes (parentheses, await, casts) down to the expression inside. */
export function unwrapNode(node: Node, wrapperTypes: ReadonlySet<string>): Node {
  let n = node;
  while (wrapperTypes.has(typeOf(n))) {
    const inner = n.namedChild(0);
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** Unary minus on a number literal (`temperature: -1` is rare, but `-0.5` style numbers exist); else unknown. */
export function evaluateUnary(node: Node, ev: Evaluator): Value {
  const arg = node.childForFieldName('argument');
  const v = arg ? ev.evaluate(arg) : undefined;
  if (node.childForFieldName('operator')?.text === '-' && v?.k === 'num') return { k: 'num', n: -v.n, range: rangeOf(node) };
  return unknown(node.text, 'unknown', rangeOf(node));
}
