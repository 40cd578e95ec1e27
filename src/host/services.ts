import type * as vscode from 'vscode';
import type { DocumentAnalyses } from './analysis/documentAnalyses';
import type { SettingsStore } from './config/settingsStore';
import type { OutputLogger } from './log/outputLogger';
import type { CatalogStore } from './pricing/catalogStore';
import type { ApiKeys } from './secrets/apiKeys';

/** What the features share; built once in activate() and handed to each feature's register function. */
export interface Services {
  context: vscode.ExtensionContext;
  log: OutputLogger;
  settings: SettingsStore;
  catalog: CatalogStore;
  analyses: DocumentAnalyses;
  keys: ApiKeys;
}
