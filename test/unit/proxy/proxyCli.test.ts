import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../../src/cli/cliCommand';
import { defaultLedgerDir, runProxy } from '../../../src/cli/commands/proxy';
import { readLedger } from '../../../src/core/storage/ledger';
import { memoryIo } from '../../support/memoryIo';
import type { FakeProvider } from '../../support/fakeProvider/fakeProviderServer';
import { startFakeProvider } from '../../support/fakeProvider/fakeProviderServer';

const root = path.resolve(__dirname, '..', '..', '..', '..');

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), `timed out waiting for ${what}`);
}

describe('tokenwise proxy (CLI)', () => {
  let fake: FakeProvider;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeProvider();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-proxy-cli-'));
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts the ledger under $XDG_DATA_HOME, else ~/.local/share', () => {
    assert.equal(defaultLedgerDir({ XDG_DATA_HOME: '/data' }), path.join('/data', 'tokenwise', 'ledger'));
    assert.equal(defaultLedgerDir({ HOME: '/home/u' }), path.join('/home/u', '.local', 'share', 'tokenwise', 'ledger'));
  });

  it('prints the URL, the token and the environment, proxies with the env key, and stops when asked', async () => {
    const io = memoryIo();
    io.env = { OPENAI_API_KEY: 'sk-cli-env-key-0123456789' };
    let stop!: () => void;
    const done = runProxy(['--port', '0', '--ledger', dir, '--upstream-openai', fake.openaiBaseUrl, '--upstream-anthropic', fake.baseUrl], io, new Promise<void>((r) => { stop = r; }));
    await waitFor(() => /OPENAI_API_KEY=/.test(io.stdout), 'the proxy to start');
    const url = /listening on (\S+)/.exec(io.stdout)?.[1] as string;
    const token = /^token: (\S+)$/m.exec(io.stdout)?.[1] as string;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(io.stdout.includes(`OPENAI_BASE_URL=${url}/v1\nOPENAI_API_KEY=${token}\nANTHROPIC_BASE_URL=${url}\nANTHROPIC_API_KEY=${token}`));
    assert.match(io.stderr, /ANTHROPIC_API_KEY not set/);
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-tokenwise-tag': 'cli' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'from the cli' }] }),
    });
    assert.equal(res.status, 200);
    assert.equal(fake.requests[0]?.auth, 'bearer');
    stop();
    assert.equal(await done, 0);
    await assert.rejects(fetch(`${url}/v1/chat/completions`, { method: 'POST' }));
    const records = [];
    for await (const r of readLedger(dir)) records.push(r);
    assert.equal(records.length, 1);
    assert.equal(records[0]?.tag, 'cli');
    assert.ok((records[0]?.costUsd ?? 0) > 0, 'priced from the catalog');
    assert.ok(!io.stdout.includes('sk-cli-env-key') && !io.stderr.includes('sk-cli-env-key'));
  });

  it('rejects bad options and a port in use with a usage error', async () => {
    const never = new Promise<void>(() => undefined);
    await assert.rejects(runProxy(['--port', 'x'], memoryIo(), never), UsageError);
    await assert.rejects(runProxy(['--upstream-openai', 'ftp://x'], memoryIo(), never), UsageError);
    await assert.rejects(runProxy(['--port', String(fake.port), '--ledger', dir], memoryIo(), never), (e: unknown) => e instanceof UsageError && /already in use.*--port/.test(e.message));
  });

  it('runs as dist/cli.js and stops cleanly on SIGTERM', async function () {
    const cli = path.join(root, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const child = spawn(process.execPath, [cli, 'proxy', '--port', '0', '--ledger', dir, '--upstream-openai', fake.openaiBaseUrl], { env: { ...process.env, OPENAI_API_KEY: 'sk-spawned-0123456789' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => /ANTHROPIC_API_KEY=/.test(out), `the CLI proxy to start (stderr: ${err})`);
      const url = /listening on (\S+)/.exec(out)?.[1] as string;
      const token = /^token: (\S+)$/m.exec(out)?.[1] as string;
      const res = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(err, /proxy stopped/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
