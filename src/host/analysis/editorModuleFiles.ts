// The project's files as the scanner's import following reads them in the editor: an open
// document as it is in the editor (unsaved edits included), any other file from disk. Only local
// folders (the file scheme): a virtual workspace has no synchronous reads.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ModuleFiles } from '../../core/analysis/projectImports';

const slashes = (file: string): string => file.replace(/\\/g, '/');

function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && slashes(d.uri.fsPath) === file);
}

export function editorModuleFiles(): ModuleFiles {
  return {
    version(file) {
      const document = openDocument(file);
      if (document) return `open:${document.version}`;
      try {
        const stat = fs.statSync(file);
        return stat.isFile() ? `disk:${stat.mtimeMs}:${stat.size}` : undefined;
      } catch {
        return undefined;
      }
    },
    read(file) {
      const document = openDocument(file);
      if (document) return document.getText();
      try {
        return fs.readFileSync(file);
      } catch {
        return undefined;
      }
    },
  };
}

/** The local workspace folders, with `/` separators. */
export function localWorkspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => slashes(f.uri.fsPath));
}
