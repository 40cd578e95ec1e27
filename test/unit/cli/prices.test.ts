import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { priceCommand } from '../../../src/cli/commands/price';
import { pricesCommand } from '../../../src/cli/commands/prices';
import { memoryIo } from '../../support/memoryIo';

const litellmPath = path.join(__dirname, '../../../..', '..', 'shared', 'data', 'litellm-model-prices-2026-07-24.json');
const litellm = fs.readFileSync(litellmPath, 'utf8');
const litellmJson = JSON.parse(litellm);

describe('tokenwise prices', () => {
  let dir: string;
  let overlay: string;
  const io = (input: Record<string, string> = {}) => Object.assign(memoryIo(input), { env: { TOKENWISE_PRICES_FILE: overlay } });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-prices-'));
    overlay = path.join(dir, 'config', 'prices.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges a LiteLLM file, reports additions and rejections, and writes the overlay the other commands use', async () => {
    const out = io({ [litellmPath]: litellm });
    assert.equal(await pricesCommand.run(['update', '--from', litellmPath], out), 0);
    assert.match(out.stdout, /\+ claude-fable-5 \(anthropic\)/);
    assert.match(out.stdout, /! rejected claude-3-haiku-20240307: cacheWrite1h \$6\/M is 24x input/);
    assert.match(out.stdout, /! rejected claude-3-opus-20240229: cacheWrite1h \$6\/M is 0\.4x input/);
    assert.match(out.stdout, new RegExp(`wrote \\d+ model\\(s\\) to ${overlay.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const written = JSON.parse(fs.readFileSync(overlay, 'utf8'));
    assert.equal(written.format, 'tokenwise-prices');
    assert.ok(written.models.some((m: { id: string }) => m.id === 'claude-fable-5'));

    const price = io();
    assert.equal(await priceCommand.run(['claude-fable-5'], price), 0);
    assert.match(price.stdout, /source: LiteLLM price file litellm-model-prices-2026-07-24\.json \(as of 2026-07-24\)/);
  });

  it('writes nothing on --dry-run and reports as JSON', async () => {
    const out = io({ [litellmPath]: litellm });
    assert.equal(await pricesCommand.run(['update', '--from', litellmPath, '--dry-run', '--json'], out), 0);
    const report = JSON.parse(out.stdout);
    assert.equal(report.written, false);
    assert.equal(report.asOf, '2026-07-24');
    assert.ok(report.rejections.some((r: { name: string }) => r.name === 'claude-3-opus-20240229'));
    assert.equal(fs.existsSync(overlay), false);
  });

  it('fetches an http URL and writes to --out', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ 'gpt-5.6-luna': litellmJson['gpt-5.6-luna'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prices.json`;
      const out = io();
      const target = path.join(dir, 'custom.json');
      assert.equal(await pricesCommand.run(['update', '--from', url, '--out', target, '--as-of', '2026-07-24'], out), 0);
      assert.match(out.stdout, /\+ gpt-5\.6-luna \(openai\)\n1 added, 0 changed, 0 kept, 0 rejected/);
      const model = JSON.parse(fs.readFileSync(target, 'utf8')).models[0];
      assert.deepEqual([model.id, model.source, model.asOf], ['gpt-5.6-luna', `LiteLLM price file ${url}`, '2026-07-24']);
    } finally {
      server.close();
    }
  });

  it('keeps earlier overlay entries when merging another file', async () => {
    const first = JSON.stringify({ 'claude-fable-5': litellmJson['claude-fable-5'] });
    const second = JSON.stringify({ 'gpt-5.6-terra': litellmJson['gpt-5.6-terra'] });
    await pricesCommand.run(['update', '--from', 'a-2026-07-24.json'], io({ 'a-2026-07-24.json': first }));
    await pricesCommand.run(['update', '--from', 'b-2026-07-24.json'], io({ 'b-2026-07-24.json': second }));
    const ids = JSON.parse(fs.readFileSync(overlay, 'utf8')).models.map((m: { id: string }) => m.id).sort();
    assert.deepEqual(ids, ['claude-fable-5', 'gpt-5.6-terra']);
  });

  it('lists the known models', async () => {
    const out = io();
    assert.equal(await pricesCommand.run(['list', '--provider', 'anthropic', '--json'], out), 0);
    const models = JSON.parse(out.stdout);
    assert.ok(models.length >= 20 && models.every((m: { provider: string }) => m.provider === 'anthropic'));
  });

  it('rejects bad usage and unreadable input', async () => {
    await assert.rejects(pricesCommand.run([], io()), /expected a subcommand/);
    await assert.rejects(pricesCommand.run(['update'], io()), /--from FILE\|URL is required/);
    await assert.rejects(pricesCommand.run(['update', '--from', 'missing.json'], io()), /cannot read missing\.json: ENOENT/);
    await assert.rejects(pricesCommand.run(['update', '--from', 'x.json', '--as-of', 'soon'], io({ 'x.json': '{}' })), /--as-of must be a date/);
    await assert.rejects(pricesCommand.run(['update', '--from', 'x.json'], io({ 'x.json': '[]' })), /JSON object of model name/);
  });
});
