#!/usr/bin/env node
// `npm start`: builds the extension, keeps rebuilding it on change, and serves a real VS Code
// (code-server) on 127.0.0.1 with Tokenwise loaded and the demo workspace open. Ctrl-C (or
// SIGTERM) stops every process it started: the watcher and code-server's whole process group.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_WORKSPACE, EXTENSION_ID, PKG, ROOT, VSCODE_TEST_DIR, freePort, log, makeRunDirs, startCodeServer } from './lib/codeServer.mjs';

const port = Number(process.env.PORT || 8080);

function runOrExit(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

runOrExit([path.join(ROOT, 'scripts', 'setupVscode.mjs')]);
runOrExit([path.join(ROOT, 'esbuild.mjs')]);
// The Demo provider (the test suite's fake OpenAI/Anthropic server) is compiled by tsc.
runOrExit([path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT]);

// A persistent profile, so settings and keys set while trying Tokenwise survive a restart.
// The extension is linked into its extensions folder: VS Code loads it like an installed one.
const dirs = makeRunDirs('start', { base: path.join(VSCODE_TEST_DIR, 'start'), trust: true });
const link = path.join(dirs.extensions, `${EXTENSION_ID}-${PKG.version}`);
for (const entry of fs.readdirSync(dirs.extensions)) {
  if (entry.startsWith(`${EXTENSION_ID}-`)) fs.rmSync(path.join(dirs.extensions, entry), { recursive: true, force: true });
}
fs.rmSync(path.join(dirs.extensions, 'extensions.json'), { force: true });
fs.symlinkSync(ROOT, link, 'dir');

const watcher = spawn(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--watch'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
// Unless TOKENWISE_REAL_PROVIDERS=1, Playground runs go to a local Demo provider: offline, free,
// labelled "Demo provider" in the UI.
const useDemo = process.env.TOKENWISE_REAL_PROVIDERS !== '1';
const demo = useDemo ? await startDemoProvider() : undefined;
let server;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  watcher.kill('SIGTERM');
  demo?.child.kill('SIGTERM');
  await server?.stop();
  process.exit(code);
}

/** Starts the Demo provider on a free loopback port and resolves with its base URL once it listens. */
async function startDemoProvider() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'out', 'test', 'support', 'fakeProvider', 'main.js'), '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Demo provider exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('listening')) resolve(`http://127.0.0.1:${port}`);
    });
  });
  child.stdout.resume();
  return { child, url };
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
watcher.on('exit', (code) => { if (!stopping) { log(`the build watcher exited (${code})`); void stop(1); } });

try {
  // Unlike the tests, a person trying Tokenwise may use their own keys from the environment.
  const keys = { OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? '', ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY ?? '' };
  server = await startCodeServer(dirs, { port, env: { ...keys, TOKENWISE_DEMO_PROVIDER_URL: demo?.url ?? '' } });
} catch (e) {
  console.error(e.message);
  await stop(1);
}
const url = `${server.baseUrl}/?folder=${encodeURIComponent(DEMO_WORKSPACE)}`;
console.log(`\nTokenwise is running in VS Code at:\n\n    ${url}\n\n${demo ? `Playground runs go to the Demo provider at ${demo.url} (offline, free); TOKENWISE_REAL_PROVIDERS=1 npm start uses your keys instead.\n` : ''}Open it in your browser. Changes to src/ rebuild automatically; reload the window to load them.\nServer log: ${server.logFile}\nPress Ctrl-C to stop.\n`);
