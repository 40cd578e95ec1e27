// `npm run bench -- proxy`: latency the local proxy adds in front of the fake provider, against
// calling the fake provider directly and against @portkey-ai/gateway in front of the same fake
// provider, at 1, 10 and 100 concurrent requests; plus ledger appends per second.
// Each server runs in its own process (fake provider, `tokenwise proxy` from dist/cli.js, the
// Portkey gateway), so none of them shares an event loop with the load generator. Requests are
// non-streaming chat completions without temperature, so neither gateway serves from a cache.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, freePort } from '../scripts/lib/codeServer.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const KEY = 'sk-bench-0123456789abcdef';
const LEVELS = [1, 10, 100];
const REQUESTS = { 1: 300, 10: 1000, 100: 2000 };
const WARMUP = 100;
const progress = (...a) => console.error('[bench proxy]', ...a);

/** Starts a child process; `ready` resolves with its stdout once `readyPattern` appears in it. */
function startProcess(label, args, { env = {}, readyPattern }) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 30 s: ${err.slice(-500)}`)), 30_000);
    // Keep draining both pipes for the whole run: a full pipe would block the child's writes.
    child.stdout.on('data', (d) => {
      if (out.length < 100_000) out += d.toString();
      if (readyPattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr.on('data', (d) => { if (err.length < 100_000) err += d.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${label} exited (${code}): ${err.slice(-500)}`)); });
  });
  return { label, child, ready };
}

async function stopProcess(p) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((resolve) => p.child.once('exit', resolve));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port, label) {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (res) => { res.resume(); resolve(true); });
      req.once('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${label} is not listening on ${port}`);
}

function post(agent, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** `total` requests from `concurrency` workers on keep-alive connections; latency of each in ms. */
async function load(target, concurrency, total) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `bench request ${i} with a few words of prompt` }], max_tokens: 16 });
      const t0 = performance.now();
      try {
        const res = await post(agent, target.url, target.headers, body);
        if (res.status !== 200) {
          errors++;
          if (errors === 1) progress(`${target.name}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        }
      } catch (error) {
        errors++;
        if (errors === 1) progress(`${target.name}: ${error.message}`);
      }
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { latencies, errors, rps: total / seconds };
}

const round = (x) => Math.round(x * 1000) / 1000;
const stats = (l) => ({ p50: round(percentile(l, 50)), p99: round(percentile(l, 99)) });

/** Appends per second of the ledger itself, with records shaped like the proxy's. */
function ledgerAppendRate() {
  const { Ledger } = require(path.join(ROOT, 'out', 'src', 'core', 'storage', 'ledger.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-bench-ledger-'));
  return Ledger.open({ dir }).then((ledger) => {
    const n = 20_000;
    const record = (i) => ({
      v: 1, time: new Date().toISOString(), callId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, source: 'proxy', tag: 'bench', provider: 'openai',
      model: 'gpt-4o', api: 'chat', attempt: 1, inputTokens: 12, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 10,
      costUsd: 0.00013, priceSource: 'https://openai.com/api/pricing', priceAsOf: '2026-11-01', latencyMs: 3, cacheHit: false, savingUsd: 0,
    });
    for (let i = 0; i < 500; i++) ledger.append(record(i));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) ledger.append(record(i));
    const seconds = (performance.now() - t0) / 1000;
    ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return { appendsPerSec: Math.round(n / seconds), records: n, durability: 'process' };
  });
}

export async function proxy() {
  const processes = [];
  const ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-bench-proxy-'));
  try {
    const fakePort = await freePort();
    const fake = startProcess('fake provider', [path.join(ROOT, 'out', 'test', 'support', 'fakeProvider', 'main.js'), '--port', String(fakePort)], { readyPattern: /listening on/ });
    processes.push(fake);
    await fake.ready;
    const fakeBase = `http://127.0.0.1:${fakePort}`;

    const ours = startProcess('tokenwise proxy', [path.join(ROOT, 'dist', 'cli.js'), 'proxy', '--port', '0', '--ledger', ledgerDir, '--upstream-openai', `${fakeBase}/v1`, '--upstream-anthropic', fakeBase],
      { env: { OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY }, readyPattern: /ANTHROPIC_API_KEY=/ });
    processes.push(ours);
    const oursOut = await ours.ready;
    const proxyUrl = /listening on (\S+)/.exec(oursOut)[1];
    const token = /^token: (\S+)$/m.exec(oursOut)[1];

    const portkeyPort = await freePort();
    const portkey = startProcess('portkey gateway', [path.join(ROOT, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${portkeyPort}`, '--headless'],
      { readyPattern: /Ready for connections|running at/ });
    processes.push(portkey);
    await portkey.ready.catch(() => waitForPort(portkeyPort, 'portkey gateway'));
    progress(`fake provider ${fakeBase}, tokenwise proxy ${proxyUrl}, portkey http://127.0.0.1:${portkeyPort}`);

    const targets = [
      { name: 'direct', url: `${fakeBase}/v1/chat/completions`, headers: { authorization: `Bearer ${KEY}` } },
      { name: 'tokenwise', url: `${proxyUrl}/v1/chat/completions`, headers: { authorization: `Bearer ${token}` } },
      { name: 'portkey', url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
        headers: { authorization: `Bearer ${KEY}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${fakeBase}/v1` } },
    ];
    let proxied = 0;
    for (const t of targets) {
      const warm = await load(t, 10, WARMUP);
      if (warm.errors) throw new Error(`${t.name} failed ${warm.errors} of ${WARMUP} warm-up requests`);
      if (t.name === 'tokenwise') proxied += WARMUP;
    }
    const levels = {};
    for (const c of LEVELS) {
      const row = {};
      for (const t of targets) {
        const r = await load(t, c, REQUESTS[c]);
        if (t.name === 'tokenwise') proxied += REQUESTS[c];
        row[t.name] = { ...stats(r.latencies), rps: Math.round(r.rps), errors: r.errors };
        progress(`c=${c} ${t.name}: p50 ${row[t.name].p50} ms, p99 ${row[t.name].p99} ms, ${row[t.name].rps} req/s, ${r.errors} errors`);
      }
      const added = (name) => ({ p50: round(row[name].p50 - row.direct.p50), p99: round(row[name].p99 - row.direct.p99) });
      levels[c] = { requests: REQUESTS[c], ...row, addedMs: { tokenwise: added('tokenwise'), portkey: added('portkey') } };
    }
    await stopProcess(ours);
    const ledgerLines = fs.readdirSync(ledgerDir).filter((f) => /^ledger.*\.jsonl$/.test(f))
      .reduce((n, f) => n + fs.readFileSync(path.join(ledgerDir, f), 'utf8').split('\n').filter(Boolean).length, 0);
    const ledger = await ledgerAppendRate();
    return {
      bench: 'proxy', node: process.version, cpus: os.cpus().length, unit: 'ms', request: 'POST /v1/chat/completions, non-streaming, not cacheable',
      levels,
      ledger: { ...ledger, proxiedRequests: proxied, recordsWrittenByProxy: ledgerLines },
    };
  } finally {
    for (const p of processes.reverse()) await stopProcess(p);
    fs.rmSync(ledgerDir, { recursive: true, force: true });
  }
}
