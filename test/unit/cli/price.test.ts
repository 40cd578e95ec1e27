import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { priceCommand } from '../../../src/cli/commands/price';
import { memoryIo } from '../../support/memoryIo';

describe('tokenwise price', () => {
  let dir: string;
  const io = () => Object.assign(memoryIo(), { env: { TOKENWISE_PRICES_FILE: path.join(dir, 'prices.json') } });
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-price-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints prices per 1M tokens with the long-context tier, source and date', async () => {
    const out = io();
    assert.equal(await priceCommand.run(['claude-sonnet-4-5-20250929'], out), 0);
    assert.match(out.stdout, /^claude-sonnet-4-5 \(anthropic, chat\)/);
    assert.match(out.stdout, /cache write 1h\s+\$6\s+\$12/);
    assert.match(out.stdout, /prompt > 200,000/);
    assert.match(out.stdout, /cached input \(read\) \$0\.30\s+\$0\.60\n/);
    assert.match(out.stdout, /source: https:\/\/platform\.claude\.com\/.* \(as of 2026-11-24\)/);
  });

  it('prints the catalog entry as JSON', async () => {
    const out = io();
    assert.equal(await priceCommand.run(['GPT-4o', '--json'], out), 0);
    const entry = JSON.parse(out.stdout);
    assert.equal(entry.id, 'gpt-4o');
    assert.deepEqual(entry.prices, { input: 2.5, cachedInput: 1.25, output: 10 });
    assert.equal(entry.asOf, '2026-11-24');
  });

  it('exits 2 on an unknown model and suggests close ids without pricing them', async () => {
    const out = io();
    assert.equal(await priceCommand.run(['gpt-4o-mini-2024'], out), 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /unknown model "gpt-4o-mini-2024".*similar names: gpt-4o-mini/);
  });

  it('warns about a broken overlay and still prices from the built-in catalog', async () => {
    fs.writeFileSync(path.join(dir, 'prices.json'), '{"format":"tokenwise-prices","version":2,"models":[]}');
    const out = io();
    assert.equal(await priceCommand.run(['o3'], out), 0);
    assert.match(out.stderr, /warning: .*prices\.json: invalid price overlay: version/);
    assert.match(out.stdout, /input\s+\$2\n/);
  });

  it('rejects bad usage', async () => {
    await assert.rejects(priceCommand.run([], io()), /expected one MODEL/);
    await assert.rejects(priceCommand.run(['gpt-4o', '--bogus'], io()), /Unknown option '--bogus'/);
  });
});
