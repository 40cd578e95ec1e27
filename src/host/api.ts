import type { ViewId } from '../core/protocol/webviewMessages';

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
}
