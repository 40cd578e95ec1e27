#!/usr/bin/env node
// Integration tests: the mocha suite in out/test/integration runs inside the real Node extension
// host of code-server's VS Code, with the extension loaded from this folder (development mode)
// and the demo workspace open. Activation on a language can only be observed once per window,
// so the suite runs in one window per session below. Prints each session's mocha output and a
// closing "N passed, N failed" over all of them.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, log, runInExtensionHost } from './lib/codeServer.mjs';

const sessions = [
  // Everything, starting from a window where a TypeScript file is the first thing opened.
  { label: 'itest', env: { TOKENWISE_ACTIVATE_WITH: 'typescript' } },
  // A fresh window: does opening a Python file alone activate the extension?
  { label: 'itest-python', env: { TOKENWISE_ACTIVATE_WITH: 'python', TOKENWISE_TEST_GREP: 'activation' } },
];

// The workbench's own chatter on the forwarded console, which says nothing about the tests.
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

const testsPath = path.join(ROOT, 'out', 'test', 'integration', 'index');
if (!fs.existsSync(`${testsPath}.js`) || !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
  console.error('The extension and its tests are not built: run "npm run build" first.');
  process.exit(2);
}
const only = process.env.TOKENWISE_SESSION;
let passed = 0;
let failed = 0;
for (const session of sessions.filter((s) => !only || s.label === only)) {
  log(`session ${session.label}`);
  let summary;
  const code = await runInExtensionHost({
    testsPath,
    label: session.label,
    env: session.env,
    onLine: (line, type) => {
      const m = /^TEST-SUMMARY (.*)$/.exec(line);
      if (m) summary = JSON.parse(m[1]);
      else if (type === 'error' || !WORKBENCH_NOISE.test(line)) (type === 'error' ? console.error : console.log)(line);
    },
  });
  passed += summary?.passed ?? 0;
  failed += summary ? summary.failed : 1;
  if (code !== 0 && summary && summary.failed === 0) failed += 1; // the host failed outside mocha
  log(`session ${session.label}: extension host exit code ${code}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
