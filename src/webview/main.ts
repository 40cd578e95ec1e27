// Browser code shared by the Tokenwise webviews. It renders what the host sends, asks for its
// state with a ready handshake (the host never posts before the view listens), and keeps the
// last state so a reopened view draws at once.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { hostToWebviewSchema, type HostToWebview, type ViewId, type WebviewToHost } from '../core/protocol/webviewMessages';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const view = root.dataset.view as ViewId;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function render(message: HostToWebview): void {
  root.replaceChildren();
  const header = el('p', `Tokenwise ${message.version}`, 'muted');
  const trust = el('p', message.trusted
    ? 'Workspace trusted: requests and the local proxy are allowed.'
    : 'Restricted mode: analysis only. Nothing is run and no .env file is read.', message.trusted ? 'ok' : 'warn');
  trust.dataset.testid = 'trust';
  const list = el('ul');
  for (const line of message.lines) list.append(el('li', line));
  const showLog = document.createElement('vscode-button');
  showLog.textContent = 'Show Log';
  showLog.setAttribute('secondary', '');
  showLog.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'tokenwise.showLog' }));
  root.append(header, trust, list, showLog);
  root.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    // A malformed message is a bug on the host side; show it rather than render garbage.
    root.replaceChildren(el('p', `Tokenwise: ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`, 'warn'));
    return;
  }
  if (parsed.data.view !== view) return;
  vscode.setState(parsed.data);
  render(parsed.data);
});

const saved = hostToWebviewSchema.safeParse(vscode.getState());
if (saved.success && saved.data.view === view) render(saved.data);
vscode.postMessage({ type: 'ready', view });
