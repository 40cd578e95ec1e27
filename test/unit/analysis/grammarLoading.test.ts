import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Compiled to out/test/unit/analysis; the compiled core is in out/src/core.
const core = path.join(__dirname, '..', '..', '..', 'src', 'core');

describe('grammar loading in a workspace scan', function () {
  this.timeout(30_000);

  it('loads only the grammars of the files it meets (a fresh process, since grammars stay loaded)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-grammars-'));
    try {
      fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n');
      fs.writeFileSync(path.join(dir, 'notes.md'), '# not code\n');
      const script = `
        const { scanWorkspace } = require(${JSON.stringify(path.join(core, 'analysis', 'analyzeFile.js'))});
        const { nodeFileSource } = require(${JSON.stringify(path.join(core, 'analysis', 'fileSource.js'))});
        const { builtinCatalog } = require(${JSON.stringify(path.join(core, 'pricing', 'catalog.js'))});
        const { parserFor } = require(${JSON.stringify(path.join(core, 'parse', 'treeSitter.js'))});
        (async () => {
          const ctx = { catalog: builtinCatalog(), assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };
          const report = await scanWorkspace(nodeFileSource(${JSON.stringify(dir)}), { root: ${JSON.stringify(dir)}, exclude: [], maxBytes: 1048576 }, ctx);
          const loaded = ['typescript', 'tsx', 'javascript', 'python'].filter((id) => { try { parserFor(id); return true; } catch { return false; } });
          console.log(JSON.stringify({ calls: report.calls.length, loaded }));
        })();`;
      const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n').pop() as string) as { calls: number; loaded: string[] };
      assert.deepEqual(out, { calls: 1, loaded: ['python'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
