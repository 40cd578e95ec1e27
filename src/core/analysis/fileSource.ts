// The analysis reads files through this interface: Node's fs for the CLI and local folders,
// VS Code's workspace.fs for virtual workspaces (the host supplies that one).
import * as fs from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ModuleFiles } from './projectImports';

export interface DirEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

export interface FileSource {
  /** Entries of a folder given relative to the root with `/` separators ('' is the root). */
  readDirectory(relativeDir: string): Promise<DirEntry[]>;
  readFile(relativePath: string): Promise<Uint8Array>;
  /** Size in bytes, so huge files are skipped without being read. */
  size(relativePath: string): Promise<number>;
}

export function nodeFileSource(root: string): FileSource {
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  return {
    async readDirectory(rel) {
      const entries = await fs.readdir(abs(rel), { withFileTypes: true });
      // Symbolic links are not followed: they can loop, and they point outside the tree the user chose.
      return entries.map((e) => ({ name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other' }));
    },
    readFile: async (rel) => fs.readFile(abs(rel)),
    size: async (rel) => (await fs.stat(abs(rel))).size,
  };
}

/**
 * Synchronous reads under `root` (paths relative to it, or absolute when `root` is ''), for
 * following imports between the project's files while a file is scanned.
 */
export function nodeModuleFiles(root: string): ModuleFiles {
  const abs = (file: string) => (root ? path.join(root, ...file.split('/')) : file);
  return {
    version(file) {
      try {
        const stat = statSync(abs(file));
        return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
      } catch {
        return undefined;
      }
    },
    read(file) {
      try {
        return readFileSync(abs(file));
      } catch {
        return undefined;
      }
    },
  };
}
