// Which files the analysis reads, and as what.

export type FileKind = 'typescript' | 'tsx' | 'javascript' | 'python' | 'notebook' | 'prompt';

const byExtension: Record<string, FileKind> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python',
  '.ipynb': 'notebook',
  '.prompty': 'prompt', '.prompt': 'prompt',
};

/** Text files that hold prompts when they sit in a folder named `prompts`. */
const promptFolderExtensions = new Set(['.md', '.txt', '.markdown']);

/** The kind of a file from its path (`/` separators), or undefined when the analysis skips it. */
export function fileKind(relativePath: string): FileKind | undefined {
  const slash = relativePath.lastIndexOf('/');
  const name = relativePath.slice(slash + 1).toLowerCase();
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return undefined; // declarations only
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = name.slice(dot);
  const kind = byExtension[ext];
  if (kind) return kind;
  if (promptFolderExtensions.has(ext) && relativePath.toLowerCase().split('/').slice(0, -1).includes('prompts')) return 'prompt';
  return undefined;
}
