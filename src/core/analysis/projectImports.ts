// Names shared between files: `export const openai = new OpenAI()` in lib/openai.ts, used as
// `import { openai } from './lib/openai'` everywhere else, or `export const MODEL = 'gpt-4o'` in
// config.ts. The scanner reads one file at a time; this answers its questions about an imported
// name ("is it a client?", "what is its value?") by finding the imported file in the project and
// asking the scanner about the name there. Paths use `/` separators throughout.
import * as path from 'node:path';
import type { ImportedNames } from '../parse/callScanner';
import { moduleName } from '../parse/scanSource';
import { withoutRanges, type Value } from '../parse/values';
import type { Provider } from '../request/llmRequest';

/** Synchronous access to the project's files (the scanner asks while it scans). */
export interface ModuleFiles {
  /** Changes whenever the file's content does (an mtime and size, a document version); undefined when there is no such file. */
  version(file: string): string | undefined;
  read(file: string): string | Uint8Array | undefined;
}

const scriptExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** TypeScript's ESM imports name the compiled file: `./client.js` is client.ts in the sources. */
const compiledToSource: Readonly<Record<string, string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
/** Re-exports through re-exports: deeper chains are not followed. */
const maxDepth = 4;

interface Answer {
  client: Provider | undefined;
  value: Value | undefined;
  /** The files the answer was read from beyond the target itself (re-exports, candidates tried). */
  dependencies: string[];
}

interface Cached {
  version: string;
  names: Map<string, Answer>;
}

export class ProjectImports {
  private readonly cache = new Map<string, Cached>();
  private readonly active = new Set<string>();

  /**
   * `roots`: the project folders ('' when paths are relative to one), asked each time since an
   * editor's folders change; files outside them are never read (an import can point anywhere,
   * node_modules included). `maxBytes`: larger files are not read.
   */
  constructor(private readonly files: ModuleFiles, private readonly roots: () => readonly string[], private readonly maxBytes?: number) {}

  /**
   * The scanner's answers for the imports of `file`. `onDependency` hears every file an answer
   * depends on (also the files an unresolved import could have been, so that creating one
   * counts), for an editor to re-analyze `file` when one of them changes.
   */
  forFile(file: string, onDependency?: (file: string) => void): ImportedNames {
    const from = slashes(file);
    return {
      client: (module, imported) => this.lookup(from, module, imported, 0, onDependency)?.client,
      value: (module, imported) => this.lookup(from, module, imported, 0, onDependency)?.value,
    };
  }

  private lookup(from: string, module: string, imported: string, depth: number, onDependency?: (file: string) => void): Answer | undefined {
    if (imported === '*' || depth > maxDepth) return undefined;
    const target = this.resolve(from, module, onDependency);
    if (!target) return undefined;
    const version = this.files.version(target);
    if (version === undefined) return undefined;
    let cached = this.cache.get(target);
    if (!cached || cached.version !== version) {
      cached = { version, names: new Map() };
      this.cache.set(target, cached);
    }
    let answer = cached.names.get(imported);
    if (!answer) {
      const key = `${target}\0${imported}`;
      // `a` re-exporting from `b` re-exporting from `a`.
      if (this.active.has(key)) return undefined;
      this.active.add(key);
      try {
        const dependencies: string[] = [];
        const heard = (file: string): void => {
          dependencies.push(file);
        };
        const source = this.files.read(target);
        const found = source === undefined ? {} : moduleName(source, target, imported, {
          ...(this.maxBytes !== undefined ? { maxBytes: this.maxBytes } : {}),
          imports: {
            client: (m, i) => this.lookup(target, m, i, depth + 1, heard)?.client,
            value: (m, i) => this.lookup(target, m, i, depth + 1, heard)?.value,
          },
        });
        // Offsets into the other file mean nothing where the value is used.
        answer = { client: found.client, value: found.value === undefined ? undefined : withoutRanges(found.value), dependencies };
        cached.names.set(imported, answer);
      } finally {
        this.active.delete(key);
      }
    }
    // The answer also rests on the files `target` imports from, in turn.
    if (onDependency) for (const file of answer.dependencies) onDependency(file);
    return answer;
  }

  /** The project file an import of `module` in `from` names, if there is one. */
  resolve(from: string, module: string, onCandidate?: (file: string) => void): string | undefined {
    const roots = this.roots();
    const candidates = /\.py$/i.test(from) ? pythonCandidates(from, module, roots) : scriptCandidates(from, module, roots);
    for (const candidate of candidates) {
      if (!this.inRoots(candidate)) continue;
      onCandidate?.(candidate);
      if (this.files.version(candidate) !== undefined) return candidate;
    }
    return undefined;
  }

  private inRoots(file: string): boolean {
    if (file.split('/').includes('node_modules')) return false;
    const roots = this.roots();
    if (roots.length === 0) return false;
    return roots.some((root) => {
      const r = slashes(root).replace(/\/$/, '');
      return r === '' ? !file.startsWith('../') && !path.posix.isAbsolute(file) : file.startsWith(`${r}/`);
    });
  }
}

/** A path with `/` separators, as ProjectImports takes and reports them. */
export function slashes(file: string): string {
  return file.replace(/\\/g, '/');
}

/** `./x`, `../x`, and the `@/x` / `~/x` aliases most projects map to their source root. */
function scriptCandidates(from: string, module: string, roots: readonly string[]): string[] {
  let bases: string[];
  if (module.startsWith('./') || module.startsWith('../') || module === '.' || module === '..') bases = [path.posix.join(path.posix.dirname(from), module)];
  else if (module.startsWith('@/') || module.startsWith('~/')) bases = roots.flatMap((r) => [path.posix.join(slashes(r), 'src', module.slice(2)), path.posix.join(slashes(r), module.slice(2))]);
  else return [];
  const out: string[] = [];
  for (const base of bases) {
    const ext = path.posix.extname(base);
    if (scriptExtensions.includes(ext)) {
      out.push(base);
      for (const source of compiledToSource[ext] ?? []) out.push(base.slice(0, -ext.length) + source);
    }
    for (const e of scriptExtensions) out.push(base + e);
    for (const e of scriptExtensions) out.push(`${base}/index${e}`);
  }
  return out;
}

/** `.x` / `..x.y` relative to the importing file's package; `a.b` from any folder above it in the project. */
function pythonCandidates(from: string, module: string, roots: readonly string[]): string[] {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  const asFile = (dir: string): string[] => (rest ? [path.posix.join(dir, `${rest}.py`), path.posix.join(dir, rest, '__init__.py')] : [path.posix.join(dir, '__init__.py')]);
  if (dots > 0) {
    let dir = path.posix.dirname(from);
    for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
    return asFile(dir);
  }
  const out: string[] = [];
  // Absolute imports resolve from the folder that is on sys.path: any folder from the file's own up to the project root.
  for (let dir = path.posix.dirname(from); ; dir = path.posix.dirname(dir)) {
    out.push(...asFile(dir));
    const parent = path.posix.dirname(dir);
    if (parent === dir || roots.some((r) => slashes(r).replace(/\/$/, '') === dir)) break;
  }
  return out;
}
