#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.mjs (which exports a function of the same name) and
// prints its result as one JSON object on the last line of stdout (progress goes to stderr).
// Targets are reported, never asserted.
import fs from 'node:fs';

const here = new URL('.', import.meta.url);
const names = fs.readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'stats.mjs'].includes(f)).map((f) => f.slice(0, -4)).sort();
const name = process.argv[2];
if (!names.includes(name)) {
  console.error(`usage: npm run bench -- <${names.join('|')}>`);
  process.exit(2);
}
const bench = (await import(new URL(`${name}.mjs`, here).href))[name];
const result = await bench();
console.log(JSON.stringify(result));
// A benchmark that leaves a handle open (a socket of the VS Code harness) must not keep the run
// alive after its result; stdout to a pipe or file is written synchronously on Linux and macOS.
process.exit(0);
