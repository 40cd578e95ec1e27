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

// Data the Node bundles load at run time from dist/, not parsed at activation:
// - the tiktoken ranks (1-2 MB each) are required only when a count first needs them;
// - web-tree-sitter's runtime and the grammars VS Code ships are WebAssembly files.
const RANKS = ['cl100k_base', 'o200k_base'];
const GRAMMARS = ['tree-sitter.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-python.wasm'];

/** `require('js-tiktoken/ranks/X')` becomes `require('./ranks/X.cjs')`, a file copied next to the bundle. */
const lazyRanks = {
  name: 'lazy-ranks',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\// }, (args) => {
      const name = args.path.split('/').pop();
      if (!RANKS.includes(name)) return { errors: [{ text: `tiktoken ranks "${name}" are not shipped; add them to RANKS in esbuild.mjs` }] };
      return { path: `./ranks/${name}.cjs`, external: true };
    });
  },
};

function copyRuntimeData() {
  const ranksDir = path.join('dist', 'ranks');
  const grammarDir = path.join('dist', 'grammars');
  fs.mkdirSync(ranksDir, { recursive: true });
  fs.mkdirSync(grammarDir, { recursive: true });
  for (const name of RANKS) fs.copyFileSync(path.join('node_modules', 'js-tiktoken', 'dist', 'ranks', `${name}.cjs`), path.join(ranksDir, `${name}.cjs`));
  for (const name of GRAMMARS) fs.copyFileSync(path.join('node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', name), path.join(grammarDir, name));
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
    plugins: [reporter, lazyRanks],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // Style sheets (uPlot's, the Spend view's) are bundled as text and adopted as constructable
    // style sheets, which the webview CSP allows without a <link> per sheet.
    loader: { '.css': 'text' },
  },
  {
    ...common,
    entryPoints: ['src/webview/report/main.ts'],
    outfile: 'dist/report.js',
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
    plugins: [reporter, lazyRanks],
  },
];

fs.rmSync('dist', { recursive: true, force: true });
copyRuntimeData();
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
