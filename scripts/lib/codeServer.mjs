// Shared by the setup script, the test runners, `npm start` and the benchmarks: where
// code-server (a complete VS Code server + web workbench, from the npm registry) lives, how to
// start and stop it on 127.0.0.1, and how to drive its workbench in Debian's chromium.
// Recipe and pitfalls: ../shared/reference/vscode-harness/README.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${PKG.publisher}.${PKG.name}`;
/** VSCODE_TARGET=latest picks the newest pinned code-server (node 24); the default is VS Code 1.100.3 on node 20. */
export const TARGET = process.env.VSCODE_TARGET === 'latest' ? 'latest' : 'default';
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION
  || (TARGET === 'latest' ? PKG.config.codeServerLatestVersion : PKG.config.codeServerVersion);
export const VSCODE_TEST_DIR = path.join(ROOT, '.vscode-test');
export const CODE_SERVER_PREFIX = path.join(VSCODE_TEST_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SETUP_MARKER = path.join(CODE_SERVER_PREFIX, '.setup-complete.json');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const DEMO_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'demo-workspace');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const VSIX = path.join(ROOT, `${PKG.name}-${PKG.version}.vsix`);

const t0 = Date.now();
export const log = (...a) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
export const fmt = (args) => util.format(...(Array.isArray(args) ? args : [args]));

export function readSetupMarker() {
  try {
    const m = JSON.parse(fs.readFileSync(SETUP_MARKER, 'utf8'));
    if (m.nodePath && !path.isAbsolute(m.nodePath)) m.nodePath = path.join(ROOT, m.nodePath);
    return m;
  } catch { return undefined; }
}

/** The node the native modules were built for: system node 20, or node 24 from npm for the newest code-server. */
function codeServerNode() {
  return process.env.CODE_SERVER_NODE || readSetupMarker()?.nodePath || process.execPath;
}

export function assertInstalled() {
  if (!fs.existsSync(SETUP_MARKER)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not set up; run "npm run setup:vscode"${TARGET === 'latest' ? ' with VSCODE_TARGET=latest' : ''}`);
  }
}

export function assertChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}; run "apt-get install -y chromium" or set CHROMIUM_PATH`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** User settings that keep the workbench quiet, offline and deterministic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
};

// Newer VS Code (1.139) honours the URL `payload` (extensionDevelopmentPath / extensionTestsPath)
// in a built workbench only with --enable-smoke-test-driver, which code-server passes through
// --vscode-option. In that mode notification toasts are not shown.
function smokeTestDriverArgs() {
  try {
    const cli = fs.readFileSync(path.join(path.dirname(CODE_SERVER_ENTRY), 'cli.js'), 'utf8');
    if (cli.includes('"vscode-option"')) return ['--vscode-option', 'enable-smoke-test-driver'];
  } catch { /* not installed */ }
  return [];
}

function codeServerArgs(dirs) {
  return [
    '--config', dirs.config, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(dirs.trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
  ];
}

function codeServerEnv(dirs, extraEnv = {}) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace requests at all
    XDG_CONFIG_HOME: path.join(dirs.base, 'xdg-config'), // keep ~/.config/code-server untouched
    XDG_DATA_HOME: path.join(dirs.base, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dirs.base, 'xdg-cache'),
    HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '',
    VSCODE_IPC_HOOK_CLI: '', // if started from a VS Code terminal, don't talk to that instance
    // Tests decide which keys exist; a developer's real keys must never reach a test window.
    OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '',
    ...extraEnv,
  };
}

/**
 * Directories for one code-server run: throw-away under the OS temp dir, or a fixed `base`
 * (npm start keeps its user data between runs).
 */
export function makeRunDirs(label, { base, settings = QUIET_SETTINGS, trust = false } = {}) {
  base ??= fs.mkdtempSync(path.join(os.tmpdir(), `tokenwise-${label}-`));
  const dirs = { base, trust, config: path.join(base, 'config.yaml'), userData: path.join(base, 'user-data'), extensions: path.join(base, 'extensions') };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.writeFileSync(dirs.config, 'auth: none\n'); // an empty config makes code-server fail
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  return dirs;
}

export function removeRunDirs(dirs, keep) {
  if (keep || process.env.KEEP_RUN_DIRS) log('run dir kept for inspection:', dirs.base);
  else fs.rmSync(dirs.base, { recursive: true, force: true });
}

/** `code-server --install-extension <vsix>` into the run's extensions dir (no network). */
export function installVsix(dirs, vsix) {
  return new Promise((resolve, reject) => {
    const p = spawn(codeServerNode(), [CODE_SERVER_ENTRY, ...codeServerArgs(dirs), '--install-extension', vsix, '--force'],
      { env: codeServerEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 && /successfully installed/i.test(out)
      ? resolve() : reject(new Error(`--install-extension failed (${code}):\n${out}`))));
  });
}

/**
 * Starts code-server on 127.0.0.1 in its own process group, so stop() ends the server and
 * every process it forked (extension host, pty host, file watcher).
 */
export async function startCodeServer(dirs, { honorPayload = false, port, host = '127.0.0.1', logToConsole = false, env = {} } = {}) {
  assertInstalled();
  port ??= Number(process.env.CODE_SERVER_PORT) || (await freePort());
  const logFile = path.join(dirs.base, 'code-server.log');
  const out = logToConsole ? 'inherit' : fs.openSync(logFile, 'a');
  const child = spawn(codeServerNode(),
    [CODE_SERVER_ENTRY, ...codeServerArgs(dirs), ...(honorPayload ? smokeTestDriverArgs() : []), '--bind-addr', `${host}:${port}`],
    { env: codeServerEnv(dirs, env), stdio: ['ignore', out, out], detached: true });
  let exited = false;
  child.on('exit', () => (exited = true));
  const authority = `${host}:${port}`;
  const baseUrl = `http://${authority}`;
  const deadline = Date.now() + 60_000;
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
  };
  for (;;) {
    if (exited) throw new Error(`code-server exited early; log: ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not come up within 60 s; log: ${logFile}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, authority, baseUrl, logFile, pid: child.pid, smokeTestDriver: honorPayload && smokeTestDriverArgs().length > 0, stop };
}

/** Workbench URL; `payload` is how VS Code web takes the CLI's --extensionDevelopmentPath/--extensionTestsPath. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${server.authority}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const q = new URLSearchParams();
  if (folder) q.set('folder', path.resolve(folder));
  q.set('payload', JSON.stringify(payload));
  return `${server.baseUrl}/?${q}`;
}

/** Headless Debian chromium through playwright-core; the page may only reach loopback. */
export async function launchBrowser({ viewport = { width: 1440, height: 900 }, baseDir } = {}) {
  assertChromium();
  const { chromium } = await import('playwright-core');
  const xdg = baseDir || fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-browser-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'xdg-config'), XDG_CACHE_HOME: path.join(xdg, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    // code-server's own PWA service worker (/_static/out/browser/serviceWorker.js) can take
    // control before a webview's service worker, and that webview then never loads ("Found
    // unexpected service worker controller"). Tests do not need the PWA one.
    if (u.pathname.endsWith('/_static/out/browser/serviceWorker.js')) return route.abort();
    if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    if (process.env.HARNESS_DEBUG) log('blocked non-loopback request', u.href);
    return route.abort();
  });
  return { browser, context };
}

/**
 * Runs a mocha suite (a compiled `index.js` exporting run()) inside the real extension host:
 * the workbench forwards the host's console to `codeAutomationLog` and reports the exit code
 * through `codeAutomationExit` (the same hooks @vscode/test-web uses).
 */
export async function runInExtensionHost({ testsPath, folder = DEMO_WORKSPACE, label = 'itest', timeoutMs = 300_000, onLine = console.log, env = {} }) {
  const dirs = makeRunDirs(label);
  let server, browser, exitCode = 1;
  try {
    server = await startCodeServer(dirs, { honorPayload: true, env });
    log(`code-server ${CODE_SERVER_VERSION} up on ${server.baseUrl} (pid ${server.pid})`);
    let context;
    ({ browser, context } = await launchBrowser({ baseDir: dirs.base }));
    const page = await context.newPage();
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => onLine(fmt(args), type));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('crash', () => resolveExit(99));
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: ROOT, extensionTestsPath: testsPath }), { waitUntil: 'domcontentloaded' });
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    if (code === 'timeout') {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const shot = path.join(RESULTS_DIR, `${label}-timeout.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      log(`TIMEOUT after ${timeoutMs} ms waiting for the extension host; screenshot ${shot}, server log ${server.logFile}`);
    } else {
      exitCode = Number(code);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    removeRunDirs(dirs, exitCode !== 0);
  }
  return exitCode;
}
