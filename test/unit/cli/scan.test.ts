import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../support/memoryIo';

const TS_CALL = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  '// tokenwise: 1000/day',
  'export async function ask(q: string) {',
  "  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: 'Answer briefly: ' + q }] });",
  '}',
].join('\n');

const PY_CALL = [
  'import anthropic',
  'client = anthropic.Anthropic()',
  'msg = client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[{"role": "user", "content": "Hello"}])',
].join('\n');

describe('tokenwise scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-scan-'));
    const write = (rel: string, text: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('src/ask.ts', TS_CALL);
    write('app/hello.py', PY_CALL);
    write('.gitignore', 'generated/\n');
    write('generated/copy.ts', TS_CALL);
    write('vendor/big.js', `// openai\n${'x'.repeat(3 * 1024)}`);
    write('img/logo.py', Buffer.from([0, 1, 2, 3]));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the JSON report other tools read', async () => {
    const io = memoryIo({}, dir);
    assert.equal(await main(['scan', '--format', 'json', '--max-file-size', '2', '--quiet'], io), 0);
    const report = JSON.parse(io.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.root, dir);
    assert.equal(report.files, 2);
    assert.deepEqual(report.calls.map((c: { file: string }) => c.file).sort(), ['app/hello.py', 'src/ask.ts']);
    const ts = report.calls.find((c: { file: string }) => c.file === 'src/ask.ts');
    assert.deepEqual(
      { line: ts.line, provider: ts.provider, api: ts.api, model: ts.model, modelSource: ts.modelSource, inputTokensExact: ts.inputTokensExact, maxOutputTokens: ts.maxOutputTokens, stream: ts.stream, inLoop: ts.inLoop, callsPerDay: ts.callsPerDay },
      { line: 5, provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o', modelSource: 'literal', inputTokensExact: false, maxOutputTokens: 100, stream: false, inLoop: false, callsPerDay: 1000 },
    );
    assert.ok(ts.costUsd > 0 && ts.priceSource && ts.priceAsOf);
    assert.ok(Math.abs(ts.monthlyUsd - ts.costUsd * 1000 * 30) < 1e-9);
    const py = report.calls.find((c: { file: string }) => c.file === 'app/hello.py');
    assert.equal(py.inputTokensExact, false);
    assert.ok(py.inputTokensBand.low <= py.inputTokens && py.inputTokens <= py.inputTokensBand.high);
    assert.deepEqual(report.skipped.map((s: { file: string }) => s.file).sort(), ['img/logo.py', 'vendor/big.js']);
    assert.equal(report.totals.calls, 2);
  });

  it('fails the build when the projected monthly cost is above --fail-on-cost', async () => {
    const io = memoryIo({}, dir);
    assert.equal(await main(['scan', 'src', '--fail-on-cost', '0.01', '--quiet'], io), 1);
    assert.match(io.stderr, /projected monthly cost \$\S+ is above --fail-on-cost \$0\.01/);
    assert.equal(await main(['scan', 'src', '--fail-on-cost', '100000', '--quiet'], memoryIo({}, dir)), 0);
  });

  it('scans single files, prints SARIF and Markdown, and writes --out files', async () => {
    const io = memoryIo({}, dir);
    assert.equal(await main(['scan', 'app/hello.py', '--format', 'sarif', '--out', 'report.sarif'], io), 0);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'app/hello.py');
    const md = memoryIo({}, dir);
    assert.equal(await main(['scan', 'src', '--format', 'markdown'], md), 0);
    assert.match(md.stdout, /\| src\/ask\.ts:5:\d+ \| gpt-4o \|/);
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    for (const [args, message] of [
      [['scan', '--format', 'pdf'], /--format must be one of table, json, markdown, sarif/],
      [['scan', 'nowhere'], /no such file or folder: nowhere/],
      [['scan', '--fail-on-cost', 'lots'], /--fail-on-cost needs a non-negative number/],
    ] as const) {
      const io = memoryIo({}, dir);
      assert.equal(await main([...args], io), 2);
      assert.match(io.stderr, message);
    }
  });

  describe('findings as the editor shows them', () => {
    const KEYED = [
      "import OpenAI from 'openai';",
      "const client = new OpenAI({ apiKey: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' });",
      'export async function ask(q: string) {',
      "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });",
      '}',
    ].join('\n');

    it('reports a hard-coded key as a file finding in JSON and SARIF, without the key', async () => {
      fs.writeFileSync(path.join(dir, 'src/keyed.ts'), KEYED);
      const io = memoryIo({}, dir);
      assert.equal(await main(['scan', 'src', '--format', 'json', '--quiet'], io), 0);
      const report = JSON.parse(io.stdout);
      assert.deepEqual(report.fileFindings.map((f: { file: string; line: number; id: string; severity: string }) => [f.file, f.line, f.id, f.severity]), [['src/keyed.ts', 2, 'hardcoded-api-key', 'error']]);
      assert.ok(!io.stdout.includes('abcdefghijklmnopqrstuvwxyz0123456789'), 'the key itself is never printed');
      const sarifIo = memoryIo({}, dir);
      assert.equal(await main(['scan', 'src/keyed.ts', '--format', 'sarif', '--quiet'], sarifIo), 0);
      const results = JSON.parse(sarifIo.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      const key = results.find((r) => r.ruleId === 'hardcoded-api-key');
      assert.equal(key?.locations[0]?.physicalLocation.region.startLine, 2);
    });

    it('honours tokenwise-disable-next-line comments like the editor', async () => {
      const call = "  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });";
      const findingIds = async (text: string) => {
        fs.writeFileSync(path.join(dir, 'src/quiet.ts'), text);
        const io = memoryIo({}, dir);
        assert.equal(await main(['scan', 'src/quiet.ts', '--format', 'json', '--quiet'], io), 0);
        return (JSON.parse(io.stdout).calls[0].findings as { id: string }[]).map((f) => f.id);
      };
      const head = ["import OpenAI from 'openai';", 'const client = new OpenAI();', 'export async function ask(q: string) {'];
      const loud = await findingIds([...head, call, '}'].join('\n'));
      assert.ok(loud.includes('missing-max-tokens'), `expected missing-max-tokens in ${loud.join(', ')}`);
      const quiet = await findingIds([...head, '  // tokenwise-disable-next-line missing-max-tokens -- streamed to a human', call, '}'].join('\n'));
      assert.ok(!quiet.includes('missing-max-tokens'));
      assert.deepEqual(quiet, loud.filter((id) => id !== 'missing-max-tokens'));
    });
  });
});
