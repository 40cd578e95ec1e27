// Lists the files a workspace scan reads: source and prompt files, minus what .gitignore files
// (at any depth, each applying to its own subtree, as git does) and the exclude globs remove.
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { languageForFile, type SourceKind } from '../parse/languageForFile';
import type { FileSource } from './fileSource';

export interface WorkspaceFile {
  /** Relative to the scan root, `/` separators. */
  path: string;
  kind: SourceKind;
}

export interface ListOptions {
  /** Globs relative to the root, e.g. `**\/node_modules/**`. */
  exclude: readonly string[];
  respectGitignore?: boolean;
  /** Stops the walk early (e.g. the user cancelled). */
  signal?: AbortSignal;
}

interface Rules {
  /** The folder the .gitignore sits in, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

/** Folders never worth walking into. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

export async function* listWorkspaceFiles(source: FileSource, options: ListOptions): AsyncGenerator<WorkspaceFile> {
  const excluded = picomatch(options.exclude as string[], { dot: true });
  const respectGitignore = options.respectGitignore ?? true;
  // Depth-first with an explicit stack: deep trees must not exhaust the call stack.
  const stack: { dir: string; rules: Rules[] }[] = [{ dir: '', rules: [] }];
  while (stack.length > 0) {
    if (options.signal?.aborted) return;
    const { dir, rules: inherited } = stack.pop() as { dir: string; rules: Rules[] };
    let entries;
    try {
      entries = await source.readDirectory(dir);
    } catch {
      continue; // unreadable folder (permissions, deleted meanwhile): skip it, keep scanning
    }
    let rules = inherited;
    if (respectGitignore && entries.some((e) => e.name === '.gitignore' && e.kind === 'file')) {
      try {
        const text = new TextDecoder().decode(await source.readFile(join(dir, '.gitignore')));
        rules = [...inherited, { base: dir, rules: ignore().add(text) }];
      } catch { /* an unreadable .gitignore ignores nothing */ }
    }
    const subdirs: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = join(dir, entry.name);
      if (entry.kind === 'directory') {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(rules, `${rel}/`) || excluded(`${rel}/`) || excluded(`${rel}/x`)) continue;
        subdirs.push(rel);
      } else if (entry.kind === 'file') {
        const kind = languageForFile(rel);
        if (!kind || isIgnored(rules, rel) || excluded(rel)) continue;
        yield { path: rel, kind };
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i] as string, rules });
  }
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function isIgnored(rules: readonly Rules[], rel: string): boolean {
  for (const { base, rules: r } of rules) {
    const inside = base ? rel.slice(base.length + 1) : rel;
    if (inside && r.ignores(inside)) return true;
  }
  return false;
}
