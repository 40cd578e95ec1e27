// Browser entry of the Tokenwise webviews. Every message from the host is checked with zod; a
// ready handshake asks for state only once the view listens; the last state is kept so a
// reopened view draws at once.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { hostToWebviewSchema, type ViewId } from '../core/protocol/webviewMessages';
import { el } from './dom';
import { PlaygroundView } from './playground/playgroundView';
import { isSpendMessage, SpendView } from './spend/spendView';
import { renderStatus } from './statusView';
import { vscode } from './vscodeApi';

const root = document.getElementById('root') as HTMLElement;
const view = root.dataset.view as ViewId;
const playground = view === 'playground' ? new PlaygroundView(root) : undefined;
const spend = view === 'spend' ? new SpendView(root) : undefined;

// The ready handshake is repeated until the host answers: a view resolved while the extension is
// still activating can lose its first message (seen in VS Code 1.100 with two views opening at once).
let answered = false;
let tries = 0;
const handshake = setInterval(() => {
  if (answered || ++tries > 30) clearInterval(handshake);
  else vscode.postMessage({ type: 'ready', view });
}, 1000);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  answered = true;
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    // A malformed message is a host bug; say so rather than draw garbage.
    root.prepend(el('p', `Tokenwise ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'}).`, 'warn'));
    return;
  }
  const message = parsed.data;
  if (message.type === 'status') {
    if (message.view !== view) return;
    if (playground) playground.setStatus(message);
    else if (spend) spend.setStatus(message);
    else {
      vscode.setState(message);
      renderStatus(root, message);
    }
  } else if (isSpendMessage(message)) {
    spend?.handle(message);
  } else {
    playground?.handle(message);
  }
  root.dataset.ready = 'true';
});

if (!playground && !spend) {
  const saved = hostToWebviewSchema.safeParse(vscode.getState());
  if (saved.success && saved.data.type === 'status' && saved.data.view === view) renderStatus(root, saved.data);
}
vscode.postMessage({ type: 'ready', view });
