// Loads the web-tree-sitter runtime and grammars that @vscode/tree-sitter-wasm ships, once.
// The runtime in that package is built together with its grammars, so their ABI always matches.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';

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

interface Loaded {
  parsers: Map<GrammarId, Parser>;
}

let loading: Promise<Loaded> | undefined;
let loaded: Loaded | undefined;

async function load(): Promise<Loaded> {
  const dir = grammarDir();
  // Without locateFile the runtime looks for tree-sitter.wasm next to its own script, which in a
  // bundle is dist/extension.js's folder, not dist/grammars.
  await Parser.init({ locateFile: (file: string) => path.join(dir, file) });
  const parsers = new Map<GrammarId, Parser>();
  for (const id of grammarIds) {
    const language = await Language.load(path.join(dir, `tree-sitter-${id}.wasm`));
    const parser = new Parser();
    parser.setLanguage(language);
    parsers.set(id, parser);
  }
  return { parsers };
}

/** Loads the WASM runtime and the four grammars; safe to call many times. */
export async function initParsers(): Promise<void> {
  loading ??= load().then((l) => (loaded = l), (err: unknown) => {
    loading = undefined;
    throw err;
  });
  await loading;
}

/** The shared parser for a grammar; parsing is synchronous once initParsers() has resolved. */
export function parserFor(id: GrammarId): Parser {
  const parser = loaded?.parsers.get(id);
  if (!parser) throw new Error('Tokenwise parsers are not initialised: await initParsers() first');
  return parser;
}
