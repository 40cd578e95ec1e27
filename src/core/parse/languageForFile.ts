import type { GrammarId } from './treeSitter';

export type SourceKind = GrammarId | 'notebook' | 'prompt';

const byExtension: Record<string, SourceKind> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
  '.ipynb': 'notebook',
  '.prompty': 'prompt',
  '.prompt': 'prompt',
};

/**
 * What the scanner does with a file, by name; undefined when it is not analysed.
 * Markdown and text count as prompts only inside a folder named `prompts`, because elsewhere
 * they are documentation.
 */
export function languageForFile(fileName: string): SourceKind | undefined {
  const normalized = fileName.replace(/\\/g, '/').toLowerCase();
  // Declaration files hold types only: no call can be in them.
  if (/\.d\.[mc]?ts$/.test(normalized)) return undefined;
  const dot = normalized.lastIndexOf('.');
  const ext = dot >= 0 && dot > normalized.lastIndexOf('/') ? normalized.slice(dot) : '';
  const kind = byExtension[ext];
  if (kind) return kind;
  if ((ext === '.md' || ext === '.markdown' || ext === '.txt') && normalized.split('/').slice(0, -1).includes('prompts')) return 'prompt';
  return undefined;
}
