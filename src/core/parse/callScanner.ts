// Finds SDK call sites in one parsed file and extracts their requests. Language details live in
// the adapters; this file knows about clients, bindings and the SDK method table.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Provider } from '../request/llmRequest';
import type { CallSite, CallsPerDay } from './callSite';
import { buildRequest } from './requestBuilder';
import { lastAtOrBefore } from './sortedOffsets';
import { apiMethodNames, clientCopyMethods, moduleLevelClients, providerOfClass, responseWrappers, sdkApis, sdkModule } from './sdkCatalog';
import { endOf, parentOf, typeOf } from './syntaxAdapter';
import type { Binding, Evaluator, FileFacts, ImportFact, SyntaxAdapter } from './syntaxAdapter';
import { unknown, withVia } from './values';
import type { Value } from './values';
import { parseCallRate } from '../cost/projection';

/** Evaluation depth beyond which a value is unknown: bounds time and stack on adversarial input. */
const maxEvalDepth = 48;
/** Longest chain `client.a.b.c(...)...` followed from a method name back to its client. */
const maxChain = 12;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Within one scope, the last assignment before the use wins; with none before it, the first one. */
function laterBefore(candidate: Binding, current: Binding, at: number): boolean {
  const candidateBefore = candidate.start <= at;
  const currentBefore = current.start <= at;
  if (candidateBefore !== currentBefore) return candidateBefore;
  return candidateBefore && candidate.start > current.start;
}

/**
 * Names imported from another file of the project (`module` as the import spells it), answered by
 * whoever can read the project's files (projectImports.ts); without it such names are unknown.
 */
export interface ImportedNames {
  /** Whether the name is an SDK client, and whose: `import { openai } from './lib/openai'`, `from .clients import client`. */
  client(module: string, imported: string): Provider | undefined;
  /** The name's value (`import { MODEL } from './config'`), without source ranges; undefined when not known statically. */
  value(module: string, imported: string): Value | undefined;
}

class FileScan implements Evaluator {
  private readonly facts: FileFacts;
  private readonly constructors = new Map<string, Provider>();
  private readonly namespaces = new Map<string, Provider>();
  private readonly moduleClients = new Map<string, Provider>();
  /** Names imported from modules other than the SDKs: a `new OpenAI()` there is someone else's class. */
  private readonly foreignNames = new Set<string>();
  /** Those imports, by local name, for `imports`. */
  private readonly foreignImports = new Map<string, ImportFact>();
  private readonly clientClasses = new Map<number, Provider>();
  private readonly sdkTypes = new Set<string>();
  private readonly mockedProviders = new Set<Provider>();
  private readonly bindingValues = new Map<Binding, Value>();
  private readonly bindingClients = new Map<Binding, Provider | null>();
  private readonly active = new Set<Binding>();
  private depth = 0;
  private starts: number[] | undefined;

  constructor(
    private readonly adapter: SyntaxAdapter,
    private readonly root: Node,
    private readonly text: string,
    private readonly imports?: ImportedNames,
  ) {
    this.facts = adapter.collect(root, text);
    for (const imp of this.facts.imports) {
      const sdk = sdkModule(imp.module);
      if (/^(openai|anthropic)\.types\b/.test(imp.module)) this.sdkTypes.add(imp.local);
      if (!sdk) {
        this.foreignNames.add(imp.local);
        this.foreignImports.set(imp.local, imp);
        continue;
      }
      if (imp.imported === 'default') this.constructors.set(imp.local, sdk.provider);
      else if (imp.imported === '*') {
        this.namespaces.set(imp.local, sdk.provider);
        // CommonJS `const OpenAI = require('openai')` is the class itself.
        this.constructors.set(imp.local, sdk.provider);
        const moduleClient = moduleLevelClients[imp.module];
        if (moduleClient) this.moduleClients.set(imp.local, moduleClient);
      } else {
        const provider = providerOfClass(imp.imported);
        if (provider) this.constructors.set(imp.local, provider);
      }
    }
    for (const m of this.facts.mockedModules) {
      const sdk = sdkModule(m);
      if (sdk) this.mockedProviders.add(sdk.provider);
    }
    const classNames = new Set(this.facts.classes.map((c) => c.name));
    for (const name of classNames) this.foreignNames.add(name);
    // Subclasses of subclasses: repeat until nothing new is found.
    for (let changed = true; changed; ) {
      changed = false;
      for (const cls of this.facts.classes) {
        if (this.clientClasses.has(cls.node.id)) continue;
        const provider = cls.bases.map((b) => this.constructorProvider(b)).find((p) => p !== undefined);
        if (provider) {
          this.clientClasses.set(cls.node.id, provider);
          this.constructors.set(cls.name, provider);
          changed = true;
        }
      }
    }
  }

  scan(): CallSite[] {
    const out: CallSite[] = [];
    for (const call of this.facts.calls) {
      const site = this.callSite(call);
      if (site) out.push(site);
    }
    return out;
  }

  // ---- Evaluator ----

  evaluate(node: Node): Value {
    if (this.depth >= maxEvalDepth) return unknown(node.text);
    this.depth++;
    try {
      return this.adapter.evaluate(node, this);
    } finally {
      this.depth--;
    }
  }

  isSdkType(name: string): boolean {
    return this.sdkTypes.has(name);
  }

  resolveName(key: string, at: Node): Value {
    const b = this.resolveBinding(key, at);
    if (!b) return this.valueFromImport(key) ?? unknown(key);
    return this.bindingValue(b, key, () => at.text);
  }

  /** The value a binding gives `key`; `usedAs` names an unknown value the way the code spells the use. */
  private bindingValue(b: Binding, key: string, usedAs: () => string): Value {
    if (this.active.has(b)) return unknown(key);
    const cached = this.bindingValues.get(b);
    if (cached) return cached;
    this.active.add(b);
    let v: Value;
    try {
      if (b.kind === 'param') v = b.value ? withVia(this.evaluate(b.value), 'default-param') : unknown(key, 'parameter');
      else if (!b.value) v = unknown(key);
      else v = withVia(this.evaluate(b.value), b.kind === 'const' ? 'constant' : b.kind === 'attribute' ? 'attribute' : 'variable');
    } finally {
      this.active.delete(b);
    }
    // An unknown value is best named by the name the code uses (`HANDBOOK`, not `f.read()`).
    if (v.k === 'unknown') v = { ...v, text: usedAs() };
    this.bindingValues.set(b, v);
    return v;
  }

  // ---- bindings and clients ----

  /**
   * The binding of `key` seen from `at`: of the bindings whose scope (function or class) holds
   * `at`, the innermost; within it, the last before `at`. Scopes nest, so the innermost holding
   * `at` is the one starting last (a range check, cheaper than walking up from `at`).
   */
  private resolveBinding(key: string, at: Node, knownValuesOnly = false): Binding | undefined {
    const list = this.facts.bindings.get(key);
    if (!list) return undefined;
    const offset = at.startIndex;
    let best: Binding | undefined;
    let bestStart = -1;
    let bestEnd = Infinity;
    for (const b of list) {
      if (knownValuesOnly && b.valueUnknown) continue;
      let start = -1;
      let end = Infinity;
      if (b.scope !== null) {
        start = b.scope.startIndex;
        if (start > offset || b.scope.id === at.id) continue;
        end = endOf(b.scope);
        if (end <= offset) continue;
      }
      if (start < bestStart || (start === bestStart && end > bestEnd)) continue;
      if (start > bestStart || end < bestEnd || !best || laterBefore(b, best, offset)) {
        best = b;
        bestStart = start;
        bestEnd = end;
      }
    }
    return best;
  }

  private constructorProvider(node: Node): Provider | undefined {
    const n = this.adapter.unwrap(node);
    const type = typeOf(n);
    if (type === 'identifier' || type === 'type_identifier') {
      return this.constructors.get(n.text) ?? (this.foreignNames.has(n.text) ? undefined : providerOfClass(n.text));
    }
    const m = this.adapter.member(n);
    if (m && typeOf(m.object) === 'identifier' && this.namespaces.has(m.object.text)) {
      return m.name === 'default' ? this.namespaces.get(m.object.text) : providerOfClass(m.name);
    }
    return undefined;
  }

  /** `client: OpenAI`, `Optional[anthropic.Anthropic]`, `OpenAI | null`. */
  private typeProvider(typeText: string): Provider | undefined {
    for (const token of typeText.split(/[^\w.]+/)) {
      if (!token) continue;
      const dot = token.lastIndexOf('.');
      if (dot > 0) {
        const ns = token.slice(0, token.indexOf('.'));
        if (this.namespaces.has(ns)) {
          const provider = providerOfClass(token.slice(dot + 1));
          if (provider) return provider;
        }
        continue;
      }
      const provider = this.constructors.get(token) ?? (this.foreignNames.has(token) ? undefined : providerOfClass(token));
      if (provider) return provider;
    }
    return undefined;
  }

  private bindingClient(b: Binding, depth: number): Provider | undefined {
    if (this.bindingClients.has(b)) return this.bindingClients.get(b) ?? undefined;
    this.bindingClients.set(b, null);
    const provider = (b.typeText ? this.typeProvider(b.typeText) : undefined) ?? (b.value ? this.clientProvider(b.value, depth + 1) : undefined);
    this.bindingClients.set(b, provider ?? null);
    return provider;
  }

  private enclosingClientClass(at: Node): Provider | undefined {
    for (let p = parentOf(at); p; p = parentOf(p)) {
      if (this.adapter.classTypes.has(typeOf(p))) return this.clientClasses.get(p.id);
    }
    return undefined;
  }

  /** The provider of the SDK client an expression evaluates to, if it is one. */
  private clientProvider(node: Node, depth = 0): Provider | undefined {
    if (depth > maxChain) return undefined;
    const n = this.adapter.unwrap(node);
    const type = typeOf(n);
    if (type === 'this') return this.enclosingClientClass(n);
    if (type === 'identifier') {
      if (this.adapter.selfNames.has(n.text)) return this.enclosingClientClass(n);
      const b = this.resolveBinding(n.text, n, true);
      if (b) return this.bindingClient(b, depth);
      return this.moduleClients.get(n.text) ?? this.clientFromImport(n.text);
    }
    const ctor = this.adapter.constructed(n);
    if (ctor) {
      const provider = this.constructorProvider(ctor);
      if (provider) return provider;
    }
    const callee = this.adapter.callee(n);
    const copy = callee ? this.adapter.member(callee) : null;
    if (copy && clientCopyMethods.has(copy.name)) return this.clientProvider(copy.object, depth + 1);
    // `getClient().chat...`: a function of this file that returns a client, by its declared return
    // type or by what it returns.
    if (callee && typeOf(callee) === 'identifier') {
      const b = this.resolveBinding(callee.text, callee, true);
      const fn = b?.value ? this.adapter.returns(this.adapter.unwrap(b.value)) : null;
      if (fn) {
        const declared = fn.typeText ? this.typeProvider(fn.typeText) : undefined;
        if (declared) return declared;
        for (const value of fn.values) {
          const provider = this.clientProvider(value, depth + 1);
          if (provider) return provider;
        }
      }
    }
    const m = this.adapter.member(n);
    if (m && (typeOf(m.object) === 'this' || this.adapter.selfNames.has(m.object.text))) {
      const b = this.resolveBinding(`this.${m.name}`, n);
      if (b) return this.bindingClient(b, depth);
    }
    // `llm.client.chat...` after `import * as llm from './llm'` (or Python `import app.llm as llm`).
    if (m && typeOf(m.object) === 'identifier') {
      const imp = this.foreignImports.get(m.object.text);
      if (imp?.imported === '*' && !this.resolveBinding(m.object.text, m.object)) return this.imports?.client(imp.module, m.name);
    }
    return undefined;
  }

  private readonly importedClients = new Map<string, Provider | undefined>();
  private readonly importedValues = new Map<string, Value | undefined>();

  /** A name imported from another file of the project, when that file makes it an SDK client. */
  private clientFromImport(local: string): Provider | undefined {
    return this.fromImport(local, this.importedClients, (imports, module, imported) => imports.client(module, imported));
  }

  /** A name imported from another file of the project, when that file gives it a value known statically. */
  private valueFromImport(local: string): Value | undefined {
    return this.fromImport(local, this.importedValues, (imports, module, imported) => imports.value(module, imported));
  }

  /** Asks `imports` about an imported name once per scan. */
  private fromImport<T>(local: string, asked: Map<string, T | undefined>, ask: (imports: ImportedNames, module: string, imported: string) => T | undefined): T | undefined {
    const imp = this.foreignImports.get(local);
    if (!imp || imp.imported === '*' || !this.imports) return undefined;
    if (!asked.has(local)) asked.set(local, ask(this.imports, imp.module, imp.imported));
    return asked.get(local);
  }

  /** The provider of the client a module-level name of this file holds (for projectImports.ts), if it holds one. */
  moduleClient(name: string): Provider | undefined {
    const b = this.resolveBinding(name, this.root, true);
    return b ? this.bindingClient(b, 0) : this.moduleClients.get(name) ?? this.clientFromImport(name);
  }

  /** The value of a module-level name of this file (for projectImports.ts), when known statically. */
  moduleValue(name: string): Value | undefined {
    const b = this.resolveBinding(name, this.root);
    const v = b ? this.bindingValue(b, name, () => name) : this.valueFromImport(name);
    return v && v.k !== 'unknown' ? v : undefined;
  }

  // ---- call sites ----

  private callSite(call: Node): CallSite | undefined {
    const callee = this.adapter.callee(call);
    const method = callee ? this.adapter.member(callee) : null;
    if (!method || !apiMethodNames.has(method.name)) return undefined;
    const segments = [method.name];
    let node = method.object;
    let provider: Provider | undefined;
    for (let i = 0; i < maxChain && !provider; i++) {
      provider = this.clientProvider(node);
      if (provider) break;
      const m = this.adapter.member(this.adapter.unwrap(node));
      if (m) {
        segments.unshift(m.name);
        node = m.object;
        continue;
      }
      // `client.with_options(timeout=5).chat...` keeps going through the copy.
      const inner = this.adapter.callee(this.adapter.unwrap(node));
      const copy = inner ? this.adapter.member(inner) : null;
      if (!copy || !clientCopyMethods.has(copy.name)) return undefined;
      node = copy.object;
    }
    if (!provider || this.mockedProviders.has(provider) || this.isMocked(call)) return undefined;
    const api = segments.filter((s) => !responseWrappers.has(s)).join('.');
    if (!sdkApis[provider].has(api)) return undefined;

    const args = this.adapter.requestArgs(call, this);
    const built = buildRequest(provider, api, args.value, args.fromName);
    const starts = (this.starts ??= lineStarts(this.text));
    const nameStart = method.nameNode.startIndex;
    const row = lastAtOrBefore(starts, nameStart);
    const site: CallSite = {
      provider,
      api,
      range: { start: nameStart, end: method.nameNode.endIndex },
      line: row + 1,
      column: nameStart - starts[row] + 1,
      callRange: { start: call.startIndex, end: call.endIndex },
      request: built.request,
      modelSource: built.modelSource,
      inLoop: this.inLoop(call),
    };
    if (args.range) site.argsRange = args.range;
    if (built.modelNullReason) site.modelNullReason = built.modelNullReason;
    if (built.modelRange) site.modelRange = built.modelRange;
    if (built.systemRange) site.systemRange = built.systemRange;
    if (built.messagesRange) site.messagesRange = built.messagesRange;
    const perDay = this.callsPerDay(call, starts);
    if (perDay) site.callsPerDay = perDay;
    return site;
  }

  private isMocked(call: Node): boolean {
    const scopes = this.facts.mockScopes;
    if (!scopes.length) return false;
    if (scopes.includes(null)) return true;
    const ids = new Set(scopes.map((s) => s?.id));
    for (let p = parentOf(call); p; p = parentOf(p)) if (ids.has(p.id)) return true;
    return false;
  }

  private inLoop(call: Node): boolean {
    for (let p = parentOf(call); p; p = parentOf(p)) {
      const type = typeOf(p);
      if (this.adapter.loopTypes.has(type)) return true;
      if (this.adapter.functionTypes.has(type)) {
        if (this.adapter.isIterationCallback(p)) return true;
        if (this.adapter.declarationTypes.has(type)) return false;
      }
    }
    return false;
  }

  /** A `tokenwise: 2000/day` comment (or /hour, /min, /month) in the comment lines right above the call or its function. */
  private callsPerDay(call: Node, starts: readonly number[]): CallsPerDay | undefined {
    const rows = [lastAtOrBefore(starts, call.startIndex)];
    for (let p = parentOf(call); p; p = parentOf(p)) {
      if (this.adapter.declarationTypes.has(typeOf(p))) {
        const outer = parentOf(p);
        rows.push(lastAtOrBefore(starts, (outer && typeOf(outer) === 'decorated_definition' ? outer : p).startIndex));
        break;
      }
    }
    for (const row of rows) {
      for (let r = row - 1; r >= 0; r--) {
        const line = this.text.slice(starts[r], r + 1 < starts.length ? starts[r + 1] : undefined).trim();
        if (!this.adapter.commentPrefixes.some((prefix) => line.startsWith(prefix))) break;
        const rate = parseCallRate(line);
        if (rate) return { perDay: rate.callsPerDay, text: line.replace(/^(\/\/+|\/\*+|\*+|#+)\s*/, '').replace(/\s*\*\/$/, '') };
      }
    }
    return undefined;
  }
}

/** Scans one parsed file; the adapter must match the grammar of `root`. */
export function scanTree(adapter: SyntaxAdapter, root: Node, text: string, imports?: ImportedNames): CallSite[] {
  return new FileScan(adapter, root, text, imports).scan();
}

/** What a parsed file says about one of its module-level names, for another file importing it. */
export function moduleNameOf(adapter: SyntaxAdapter, root: Node, text: string, name: string, imports?: ImportedNames): { client: Provider | undefined; value: Value | undefined } {
  const scan = new FileScan(adapter, root, text, imports);
  return { client: scan.moduleClient(name), value: scan.moduleValue(name) };
}
