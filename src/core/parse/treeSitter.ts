// Loads the web-tree-sitter runtime and grammars that @vscode/tree-sitter-wasm ships, once.
// The runtime in that package is built together with its grammars, so their ABI always matches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';
import type { SourceKind } from './languageForFile';

export type GrammarId = 'typescript' | 'tsx' | 'javascript' | 'python';

const grammarIds: readonly GrammarId[] = ['typescript', 'tsx', 'javascript', 'python'];

/**
 * Folder holding tree-sitter.wasm and the grammar files. In the esbuild bundle they are copied
 * next to dist/extension.js and dist/cli.js (dist/grammars); when running from tsc output or tests
 * they are read from the installed package.
 */
export function grammarDir(): string {
  const bundled = path.join(__dirname, 'grammars');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  return path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
}

let runtime: Promise<void> | undefined;
const loading = new Map<GrammarId, Promise<void>>();
const parsers = new Map<GrammarId, Parser>();

async function loadGrammar(id: GrammarId): Promise<void> {
  const dir = grammarDir();
  runtime ??= Parser.init({
    // Without locateFile the runtime looks for tree-sitter.wasm next to its own script, which in a
    // bundle is dist/extension.js's folder, not dist/grammars.
    locateFile: (file: string) => path.join(dir, file),
  }).catch((err: unknown) => {
    runtime = undefined;
    throw err;
  });
  await runtime;
  const language = await Language.load(path.join(dir, `tree-sitter-${id}.wasm`));
  const parser = new Parser();
  parser.setLanguage(language);
  parsers.set(id, parser);
}

/**
 * Loads the WASM runtime and the given grammars (all four by default); safe to call many times.
 * A workspace scan asks for the grammars of the files it meets, so a Python-only project never
 * holds the TypeScript grammars in memory (each takes several MB once compiled).
 */
export async function initParsers(ids: readonly GrammarId[] = grammarIds): Promise<void> {
  await Promise.all(ids.map((id) => {
    let pending = loading.get(id);
    if (!pending) {
      pending = loadGrammar(id).catch((err: unknown) => {
        loading.delete(id);
        throw err;
      });
      loading.set(id, pending);
    }
    return pending;
  }));
}

/** The grammars a file of this kind can need (a notebook's kernel decides its language). */
export function grammarsFor(kind: SourceKind | undefined): readonly GrammarId[] {
  if (kind === 'notebook') return ['python', 'typescript', 'javascript'];
  return kind === undefined || kind === 'prompt' ? [] : [kind];
}

/** The shared parser for a grammar; parsing is synchronous once initParsers() has resolved. */
export function parserFor(id: GrammarId): Parser {
  const parser = parsers.get(id);
  if (!parser) throw new Error(`Tokenwise parsers are not initialised: await initParsers(['${id}']) first`);
  return parser;
}
