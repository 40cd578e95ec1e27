import * as vscode from 'vscode';
import type { Report } from '../../core/analysis/report';

export interface ScannedFolder {
  /** The report's files of this folder start with `${prefix}/`; '' for a single-folder workspace. */
  prefix: string;
  uri: vscode.Uri;
}

export interface StoredReport {
  report: Report;
  folders: ScannedFolder[];
  generatedAt: string;
}

/** The last workspace report, shared by the report panel and Export Cost Report. */
export class ReportStore {
  last: StoredReport | undefined;

  /** The URI of a report file path, through the folder it was scanned in. */
  uriOf(file: string): vscode.Uri | undefined {
    const folders = this.last?.folders ?? [];
    for (const f of folders) {
      if (f.prefix === '') return vscode.Uri.joinPath(f.uri, ...file.split('/'));
      if (file.startsWith(`${f.prefix}/`)) return vscode.Uri.joinPath(f.uri, ...file.slice(f.prefix.length + 1).split('/'));
    }
    return undefined;
  }
}
