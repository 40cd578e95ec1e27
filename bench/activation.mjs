// `npm run bench -- activation`: time of activate() in a real extension host (fresh window per
// sample, production bundle), and the size of each production bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, ROOT, runInExtensionHost } from '../scripts/lib/codeServer.mjs';
import { median } from './stats.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES || 5);

export async function activation() {
  for (const args of [['scripts/setupVscode.mjs'], ['esbuild.mjs', '--production']]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tsc failed');
  const bundleBytes = {};
  for (const f of ['extension.js', 'webview.js', 'cli.js']) bundleBytes[`dist/${f}`] = fs.statSync(path.join(ROOT, 'dist', f)).size;

  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    let sample;
    const code = await runInExtensionHost({
      testsPath: path.join(ROOT, 'out', 'bench', 'extensionHost', 'activationProbe'),
      label: 'bench-activation',
      onLine: (line) => {
        const m = /^BENCH (.*)$/.exec(line);
        if (m) sample = JSON.parse(m[1]);
      },
    });
    if (code !== 0 || !sample) throw new Error(`activation probe failed (exit ${code})`);
    samples.push(sample);
    console.error(`sample ${i + 1}/${SAMPLES}: activate ${sample.activateMs.toFixed(2)} ms`);
  }
  const activate = samples.map((s) => s.activateMs);
  return {
    bench: 'activation',
    vscode: CODE_SERVER_VERSION,
    node: process.version,
    samples: SAMPLES,
    activateMs: round(median(activate)),
    activateMsMax: round(Math.max(...activate)),
    activateMsSamples: activate.map(round),
    phasesMsMedian: Object.fromEntries(Object.keys(samples[0].phasesMs ?? {}).map((k) => [k, round(median(samples.map((s) => s.phasesMs[k])))])),
    targetActivateMs: 50,
    bundleBytes,
  };
}

const round = (n) => Math.round(n * 100) / 100;
