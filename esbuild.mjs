// Builds the three bundles: the extension (Node, CommonJS, `vscode` external), the webview
// (browser, ESM) and the CLI (Node). Usage: node esbuild.mjs [--production] [--watch]
// Output is problem-matcher friendly (esbuild's "file:line:col: error: ..." lines plus
// "[watch] build started/finished" markers, see .vscode/tasks.json).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints esbuild's errors in file:line:col form and the watch markers tasks.json waits for. */
const reporter = {
  name: 'tokenwise-reporter',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (result.metafile) printSizes(result.metafile);
      if (watch) console.log('[watch] build finished');
    });
  },
};

function printSizes(metafile) {
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`  ${file.padEnd(24)} ${(out.bytes / 1024).toFixed(1).padStart(8)} KiB`);
  }
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'silent',
  plugins: [reporter],
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

fs.rmSync('dist', { recursive: true, force: true });
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(builds.map((b) => esbuild.build(b)));
    fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
  } catch {
    // Errors were already printed by the reporter in problem-matcher form.
    process.exit(1);
  }
}
