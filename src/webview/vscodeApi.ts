import type { WebviewToHost } from '../core/protocol/webviewMessages';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called only once per webview. */
export const vscode = acquireVsCodeApi();
