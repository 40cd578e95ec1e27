import * as assert from 'node:assert/strict';
import { hostToWebviewSchema, webviewToHostSchema } from '../../../src/core/protocol/webviewMessages';

describe('webview messages', () => {
  it('accepts the ready handshake and allowlisted commands', () => {
    assert.ok(webviewToHostSchema.safeParse({ type: 'ready', view: 'spend' }).success);
    assert.ok(webviewToHostSchema.safeParse({ type: 'runCommand', command: 'tokenwise.showLog' }).success);
  });

  it('refuses unknown message types, views and commands', () => {
    assert.equal(webviewToHostSchema.safeParse({ type: 'eval', code: '1' }).success, false);
    assert.equal(webviewToHostSchema.safeParse({ type: 'ready', view: 'settings' }).success, false);
    assert.equal(webviewToHostSchema.safeParse({ type: 'runCommand', command: 'workbench.action.terminal.new' }).success, false);
    assert.equal(webviewToHostSchema.safeParse(null).success, false);
  });

  it('checks host messages field by field', () => {
    const ok = { type: 'status', view: 'playground', version: '0.1.0', trusted: true, lines: ['a'] };
    assert.ok(hostToWebviewSchema.safeParse(ok).success);
    assert.equal(hostToWebviewSchema.safeParse({ ...ok, trusted: 'yes' }).success, false);
    assert.equal(hostToWebviewSchema.safeParse({ ...ok, lines: [1] }).success, false);
  });
});
