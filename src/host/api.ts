import type * as vscode from 'vscode';
import type { PlaygroundDraft, RunOutcome } from '../core/protocol/playgroundMessages';
import type { ViewId } from '../core/protocol/webviewMessages';
import type { Provider } from '../core/request/llmRequest';
import type { KeySource } from './secrets/apiKeys';
import type { SpendApi } from './spend/registerSpendFeatures';

/** Timings of the extension's start, in milliseconds (read by `npm run bench -- activation`). */
export interface ActivationTiming {
  /** Time spent inside activate(). */
  activateMs: number;
  /** activateMs split by phase (services, views, commands, editorFeatures, diagnostics, proxy, rest). */
  phasesMs: Record<string, number>;
}

/** What `activate()` returns: `vscode.extensions.getExtension('tokenwise.tokenwise').exports`. */
export interface TokenwiseApi {
  readonly activation: ActivationTiming;
  /** Whether a sidebar view has been created (resolved) by VS Code in this window. */
  isViewResolved(view: ViewId): boolean;
  /** Where the provider's API key would come from (never the key itself). */
  keySource(provider: Provider): Promise<KeySource | undefined>;
  /** The spend dashboard, status bar and alerts (ledger folder, status text, alerts shown). */
  readonly spend: SpendApi;
  /** The versions of a document analyzed so far in this window, oldest first (once each, until a setting or the prices change). */
  analyzedVersions(uri: vscode.Uri): readonly number[];
  /** Runs a Playground draft as its Run (one model) or Compare button does, without the view; one outcome per model. */
  runPlayground(draft: PlaygroundDraft, models: string[], options?: { budgetOverride?: boolean }): Promise<RunOutcome[]>;
}
