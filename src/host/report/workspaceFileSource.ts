import * as vscode from 'vscode';
import type { DirEntry, FileSource } from '../../core/analysis/fileSource';

/**
 * Files read through vscode.workspace.fs, so the workspace scan works on virtual file systems
 * (vscode-vfs, remote) as well as on disk. It only reads: nothing runs, nothing is written.
 */
export function workspaceFileSource(root: vscode.Uri): FileSource {
  const at = (rel: string) => (rel === '' ? root : vscode.Uri.joinPath(root, ...rel.split('/')));
  return {
    async readDirectory(rel): Promise<DirEntry[]> {
      const entries = await vscode.workspace.fs.readDirectory(at(rel));
      // Symbolic links are not followed (as in nodeFileSource): they can loop or leave the folder.
      return entries.map(([name, type]) => ({
        name,
        kind: type & vscode.FileType.SymbolicLink ? 'other' : type === vscode.FileType.File ? 'file' : type === vscode.FileType.Directory ? 'directory' : 'other',
      }));
    },
    readFile: async (rel) => vscode.workspace.fs.readFile(at(rel)),
    size: async (rel) => (await vscode.workspace.fs.stat(at(rel))).size,
  };
}
