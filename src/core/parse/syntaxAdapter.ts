// The seam between the language-neutral scanner (callScanner.ts) and each grammar. An adapter
// collects the facts the scanner needs in one pass over the tree and evaluates expressions into
// the shared Value model.
import { Query } from '@vscode/tree-sitter-wasm';
import type { Language, Node } from '@vscode/tree-sitter-wasm';
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

export interface FileFacts {
  imports: ImportFact[];
  bindings: Map<string, Binding[]>;
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
  collect(root: Node): FileFacts;
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
}

/**
 * Runs a query and hands each capture (name, node) to `visit` in source order. Tree-sitter does
 * the traversal inside WASM, several times faster than stepping a cursor from JavaScript, and with
 * no recursion, so deeply nested input cannot overflow the stack. Captures named `_x` are skipped.
 */
export function forEachCapture(root: Node, source: (language: Language) => string, visit: (name: string, node: Node) => void): void {
  const language = root.tree.language;
  let bySource = queries.get(language);
  if (!bySource) queries.set(language, (bySource = new Map()));
  let query = bySource.get(source);
  if (!query) {
    query = new Query(language, source(language));
    bySource.set(source, query);
  }
  for (const capture of query.captures(root)) if (!capture.name.startsWith('_')) visit(capture.name, capture.node);
}

/** Query patterns capturing each node type under its own name; types the grammar lacks are left out. */
export function typePatterns(language: Language, types: readonly string[]): string {
  return types.filter((t) => language.idForNodeType(t, true) !== null).map((t) => `(${t}) @${t}`).join('\n');
}

/** A query predicate matching any of some names, e.g. `(#any-of? @m "create" "parse")`. */
export function anyOf(capture: string, names: Iterable<string>): string {
  return `(#any-of? @${capture} ${[...names].map((n) => JSON.stringify(n)).join(' ')})`;
}

const queries = new WeakMap<Language, Map<(language: Language) => string, Query>>();

/** The enclosing functions and classes while forEachCapture visits nodes in source order. */
export class ScopeStack {
  private readonly entries: { node: Node; end: number; isClass: boolean }[] = [];

  /** Drops the scopes that end before `start`; call first for every visited node. */
  sync(start: number): void {
    while (this.entries.length && this.entries[this.entries.length - 1].end <= start) this.entries.pop();
  }

  push(node: Node, isClass: boolean): void {
    this.entries.push({ node, end: node.endIndex, isClass });
  }

  /** Innermost function or class, or null at module level (a class body counts as its own scope). */
  innermost(): Node | null {
    return this.entries.length ? this.entries[this.entries.length - 1].node : null;
  }

  innermostIsClass(): boolean {
    return this.entries.length > 0 && this.entries[this.entries.length - 1].isClass;
  }

  /** Innermost function, skipping classes (a method's variables belong to the method). */
  innermostFunction(): Node | null {
    for (let i = this.entries.length - 1; i >= 0; i--) if (!this.entries[i].isClass) return this.entries[i].node;
    return null;
  }

  innermostClass(): Node | null {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].isClass) return this.entries[i].node;
    return null;
  }
}

export function addBinding(map: Map<string, Binding[]>, b: Binding): void {
  const list = map.get(b.key);
  if (list) list.push(b);
  else map.set(b.key, [b]);
}

export function emptyFacts(): FileFacts {
  return { imports: [], bindings: new Map(), classes: [], calls: [], mockedModules: [], mockScopes: [] };
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
  while (wrapperTypes.has(n.type)) {
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
  if (node.childForFieldName('operator')?.text === '-' && v?.k === 'num') return { k: 'num', n: -v.n, range: { start: node.startIndex, end: node.endIndex } };
  return unknown(node.text, 'unknown', { start: node.startIndex, end: node.endIndex });
}
