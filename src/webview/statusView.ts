import type { z } from 'zod';
import type { statusSchema } from '../core/protocol/webviewMessages';
import { button, el } from './dom';
import { vscode } from './vscodeApi';

/** The about/status panel a view shows until it has content of its own. */
export function renderStatus(root: HTMLElement, message: z.infer<typeof statusSchema>): void {
  root.replaceChildren();
  const trust = el('p', message.trusted
    ? 'Workspace trusted: requests and the local proxy are allowed.'
    : 'Restricted mode: analysis only. Nothing is run and no .env file is read.', message.trusted ? 'ok' : 'warn');
  const list = el('ul');
  for (const line of message.lines) list.append(el('li', line));
  root.append(el('p', `Tokenwise ${message.version}`, 'muted'), trust, list,
    button('Show Log', () => vscode.postMessage({ type: 'runCommand', command: 'tokenwise.showLog' }), { secondary: true }));
}
