import type { ViewId } from '../../core/protocol/webviewMessages';

/** The contributed view id (package.json contributes.views) of each Tokenwise webview view. */
export function viewTypeOf(view: ViewId): string {
  return `tokenwise.${view}`;
}
