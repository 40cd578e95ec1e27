import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ViewId } from '../../core/protocol/webviewMessages';

/** Local resources a webview may load: the bundled script and the static assets, nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export interface WebviewPage {
  /** The bundle in dist/ the page runs: webview.js (sidebar views) or report.js (report panel). */
  script: 'webview.js' | 'report.js';
  title: string;
  /** Style sheets from media/, after the shared webview.css. */
  styles?: string[];
  /** The sidebar view the page draws, passed to the script as data-view. */
  view?: ViewId;
}

/**
 * The HTML shell of every Tokenwise webview: CSP `default-src 'none'`, one script by nonce
 * (fresh random bytes per render), styles from media/ only.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script));
  const styles = ['webview.css', ...(page.styles ?? [])]
    .map((name) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name))}">`).join('\n');
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    // @vscode-elements injects component styles through constructable stylesheets and,
    // as a fallback, <style> elements carrying the nonce.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${page.title}</title>
</head>
<body>
<main id="root"${page.view ? ` data-view="${page.view}"` : ''} aria-live="polite"><p class="muted">Loading…</p></main>
<script type="module" nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
