// The project's files as the scanner's import following reads them in the editor: an open
// document as it is in the editor (unsaved edits included), any other file from disk. Only local
// folders (the file scheme): a virtual workspace has no synchronous reads.
import * as vscode from 'vscode';
import { nodeModuleFiles } from '../../core/analysis/fileSource';
import { slashes, type ModuleFiles } from '../../core/analysis/projectImports';

function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && slashes(d.uri.fsPath) === file);
}

export function editorModuleFiles(): ModuleFiles {
  const disk = nodeModuleFiles('');
  return {
    version(file) {
      const document = openDocument(file);
      return document ? `open:${document.version}` : disk.version(file);
    },
    read(file) {
      return openDocument(file)?.getText() ?? disk.read(file);
    },
  };
}

/** The local workspace folders, with `/` separators. */
export function localWorkspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => slashes(f.uri.fsPath));
}
