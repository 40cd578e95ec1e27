import type { ViewId } from '../core/protocol/webviewMessages';
import type { Provider } from '../core/request/llmRequest';
import type { KeySource } from './secrets/apiKeys';

/** Timings of the extension's start, in milliseconds (read by `npm run bench -- activation`). */
export interface ActivationTiming {
  /** Time spent inside activate(). */
  activateMs: number;
}

/** What `activate()` returns: `vscode.extensions.getExtension('tokenwise.tokenwise').exports`. */
export interface TokenwiseApi {
  readonly activation: ActivationTiming;
  /** Whether a sidebar view has been created (resolved) by VS Code in this window. */
  isViewResolved(view: ViewId): boolean;
  /** Where the provider's API key would come from (never the key itself). */
  keySource(provider: Provider): Promise<KeySource | undefined>;
}
