import type * as vscode from 'vscode';
import type { DocumentAnalyses } from './analysis/documentAnalyses';
import type { SettingsStore } from './config/settingsStore';
import type { OutputLogger } from './log/outputLogger';
import type { CatalogStore } from './pricing/catalogStore';
import type { RuntimeService } from './runtime/runtimeService';
import type { ApiKeys } from './secrets/apiKeys';

/** What the features share; built once in activate() and handed to each feature's register function. */
export interface Services extends CoreServices {
  /** The optimizer pipeline (Playground, local proxy) and its ledger. */
  runtime: RuntimeService;
}

/** The services the runtime itself is built from. */
export interface CoreServices {
  context: vscode.ExtensionContext;
  log: OutputLogger;
  settings: SettingsStore;
  catalog: CatalogStore;
  analyses: DocumentAnalyses;
  keys: ApiKeys;
}
