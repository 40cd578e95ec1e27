// `npm run bench -- runtime`: what the optimizer pipeline adds to a call, measured in one run
// against the same fake provider server (test/support/fakeProvider, compiled under out/):
// - added latency per call: the pipeline (budget, cache miss, breaker, retry, ledger, with the
//   default settings) versus the `openai` SDK called directly, p50 and p99;
// - a response-cache hit, p99;
// - the same added latency through @portkey-ai/gateway run locally in front of the same server.
// Direct and routed calls alternate sample by sample, so drift on the machine hits both alike.
// Added latency = percentile(routed) - percentile(direct); `noiseFloor` is the same difference
// for the SDK against itself, so a p99 can be read against the machine's own jitter.
// Targets are reported, not asserted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../scripts/lib/codeServer.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const out = (p) => require(path.join(ROOT, 'out', ...p.split('/')));
const OpenAI = require('openai').default;

const SAMPLES = 2000;
const WARMUP = 300;
const MODEL = 'gpt-4o-mini';
const targets = { pipelineP50Ms: 0.3, pipelineP99Ms: 1, cacheHitP99Ms: 1 };
const round = (n) => Math.round(n * 1000) / 1000;
const progress = (line) => process.stderr.write(`${line}\n`);

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Alternates `base` and `routed` calls; returns both latency samples (ms) after a warm-up. */
async function paired(base, routed, samples = SAMPLES) {
  for (let i = 0; i < WARMUP; i++) { await base(i); await routed(i); }
  const a = [];
  const b = [];
  for (let i = 0; i < samples; i++) {
    a.push(await time(() => base(i)));
    b.push(await time(() => routed(i)));
  }
  return { base: a, routed: b };
}

function overhead({ base, routed }) {
  const p = (xs, q) => percentile(xs, q);
  return {
    addedP50Ms: round(p(routed, 50) - p(base, 50)),
    addedP99Ms: round(p(routed, 99) - p(base, 99)),
    directP50Ms: round(p(base, 50)), directP99Ms: round(p(base, 99)),
    routedP50Ms: round(p(routed, 50)), routedP99Ms: round(p(routed, 99)),
    samples: base.length,
  };
}

/** The gateway on its own port (headless), for the duration of its measurement only. */
async function startGateway() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${port}`, '--headless'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' },
  });
  child.stderr.on('data', () => undefined);
  const ready = new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      if (/Ready for connections|running at/.test(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before it was ready: ${text.slice(-300)}`)));
    setTimeout(() => reject(new Error('the gateway did not start within 20 s')), 20_000).unref();
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { port, stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }) };
}

export async function runtime() {
  const { startFakeProvider } = out('test/support/fakeProvider/fakeProviderServer.js');
  const { Pipeline } = out('src/core/runtime/pipeline.js');
  const { createOpenAiTransport } = out('src/core/runtime/openaiTransport.js');
  const { runtimeConfig } = out('src/core/runtime/runtimeConfig.js');
  const { defaultSettings } = out('src/core/protocol/settings.js');
  const { Ledger } = out('src/core/storage/ledger.js');
  const { builtinCatalog, findModel } = out('src/core/pricing/catalog.js');
  const { priceCall } = out('src/core/cost/callCost.js');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-bench-runtime-'));
  const fake = await startFakeProvider();
  let gateway;
  try {
    const catalog = builtinCatalog();
    const ledger = await Ledger.open({ dir: path.join(dir, 'ledger') });
    // The extension's default settings, plus a budget cap so the budget guard runs too.
    const settings = { ...defaultSettings(), 'budget.dailyUsd': 1_000_000 };
    const { options } = runtimeConfig(settings, { cacheDir: path.join(dir, 'cache'), spend: ledger, catalogProvider: (m) => findModel(catalog, m)?.provider });
    const pipeline = new Pipeline({
      ...options,
      transports: [createOpenAiTransport({ keys: { get: async () => 'sk-bench' }, baseURL: fake.openaiBaseUrl })],
      priceUsage: (_p, model, usage) => {
        const entry = findModel(catalog, model);
        return entry ? { costUsd: priceCall(entry, usage).costUsd, priceSource: 'catalog', priceAsOf: entry.asOf ?? '' } : undefined;
      },
      ledger,
    });
    const direct = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.openaiBaseUrl, maxRetries: 0 });
    const text = (i) => `Summarize ticket ${i} in one line please`;
    // temperature > 0: not cacheable, so every pipeline call goes to the server.
    const body = (i, temperature) => ({ model: MODEL, messages: [{ role: 'user', content: text(i) }], max_completion_tokens: 16, temperature });
    const request = (i, temperature) => ({
      provider: 'openai', api: 'chat.completions.create', model: MODEL, maxOutputTokens: 16, temperature,
      messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text: text(i) }] }] }],
    });
    const callDirect = (i) => direct.chat.completions.create(body(i, 0.7));

    // The SDK against itself: how far apart two identical series land on this machine right now.
    progress(`noise floor: SDK vs SDK, ${SAMPLES} pairs`);
    const noise = overhead(await paired(callDirect, callDirect));
    progress(`pipeline vs SDK: ${SAMPLES} pairs against ${fake.openaiBaseUrl}`);
    const pipe = overhead(await paired(callDirect, (i) => pipeline.run({ request: request(i, 0.7), source: 'bench' })));

    progress('cache hits');
    const cached = request(0, 0);
    const first = await pipeline.run({ request: cached, source: 'bench' });
    if (first.cacheHit) throw new Error('the first temperature-0 call must miss the cache');
    const hits = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      let hit = false;
      const ms = await time(async () => { hit = (await pipeline.run({ request: cached, source: 'bench' })).cacheHit; });
      if (!hit) throw new Error('a repeated temperature-0 call missed the cache');
      if (i >= WARMUP) hits.push(ms);
    }

    progress('portkey gateway vs SDK');
    gateway = await startGateway();
    const viaGateway = new OpenAI({
      apiKey: 'sk-bench', baseURL: `http://127.0.0.1:${gateway.port}/v1`, maxRetries: 0,
      defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': fake.openaiBaseUrl },
    });
    const portkey = overhead(await paired(callDirect, (i) => viaGateway.chat.completions.create(body(i, 0.7))));
    await gateway.stop();
    gateway = undefined;
    ledger.close();

    const cacheHit = { p50Ms: round(percentile(hits, 50)), p99Ms: round(percentile(hits, 99)), samples: hits.length };
    return {
      bench: 'runtime',
      node: process.version,
      pipeline: { ...pipe, steps: 'budget, cache (miss), breaker, retry, transport, ledger (default settings)' },
      cacheHit,
      portkeyGateway: portkey,
      noiseFloor: { addedP50Ms: noise.addedP50Ms, addedP99Ms: noise.addedP99Ms, loadAverage: round(os.loadavg()[0]) },
      targets,
      met: {
        pipelineP50: pipe.addedP50Ms < targets.pipelineP50Ms,
        pipelineP99: pipe.addedP99Ms < targets.pipelineP99Ms,
        cacheHitP99: cacheHit.p99Ms < targets.cacheHitP99Ms,
      },
    };
  } finally {
    await gateway?.stop();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
