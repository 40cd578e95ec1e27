#!/usr/bin/env node
// `npm run bench -- <name>`: runs one benchmark and prints its result as one JSON object on the
// last line of stdout (progress goes to stderr). Targets are reported, never asserted.
import { activation } from './activation.mjs';
import { analysis } from './analysis.mjs';
import { optimize } from './optimize.mjs';
import { tokenizers } from './tokenizers.mjs';

const benches = { activation, analysis, optimize, tokenizers };
const name = process.argv[2];
if (!benches[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
const result = await benches[name]();
console.log(JSON.stringify(result));
