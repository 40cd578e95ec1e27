// Tokenizer benchmark: throughput and init time of js-tiktoken (what Tokenwise ships), tiktoken
// (WASM) and gpt-tokenizer on the same ~1 MB of prose, code and JSON, and the exactness of
// Tokenwise's countText against tiktoken (counts and token ids) on that corpus.
// Imports the compiled core from out/ (run `npx tsc -p .` first). Reports, never asserts.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const MB = 1024 * 1024;
const chunkChars = 2048;

/** Seeded, so every run tokenizes the same corpus. */
const rng = (seed) => require(path.join(root, 'out/test/support/seededRandom.js')).seededRandom(seed);

const words = ('the of and to in is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her all she there would their we him been has when who will more no if out so said what up its about into than ' +
  'them can only other new some could time these two may then do first any my now such like our over man me even most made ' +
  'after also did many before must through back years where much your way well down should because each just those people ' +
  'customer order refund shipping address payment invoice summary translate assistant policy confidential delivery').split(' ');
const exotic = ['naïve', 'café', 'Zürich', '東京', 'データ', 'Ελλάδα', 'привет', '👩‍💻', '🚀', '—', '“quoted”', '<|endoftext|>', '<|im_start|>'];
const identifiers = ['user', 'order', 'items', 'total', 'price', 'count', 'result', 'config', 'client', 'response', 'tokens', 'cache'];

function prose(r) {
  const n = 8 + Math.floor(r() * 20);
  const out = [];
  for (let i = 0; i < n; i++) out.push(r() < 0.03 ? exotic[Math.floor(r() * exotic.length)] : words[Math.floor(r() * words.length)]);
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}${r() < 0.2 ? '?' : '.'} `;
}

function code(r) {
  const id = () => identifiers[Math.floor(r() * identifiers.length)];
  const lines = [
    `export function ${id()}${Math.floor(r() * 100)}(${id()}: number[], ${id()}?: string): number {`,
    `  const ${id()} = ${id()}.filter((x) => x > ${Math.floor(r() * 1000)}).map((x) => x * ${(r() * 10).toFixed(2)});`,
    `  if (!${id()}) throw new Error(\`missing ${id()}: \${${id()}}\`);`,
    `  // ${prose(r).trim()}`,
    `  return ${id()}.reduce((a, b) => a + b, 0);`,
    '}',
    `def ${id()}_${id()}(self, ${id()}=None):`,
    `    """${prose(r).trim()}"""`,
    `    return {k: v for k, v in self.${id()}.items() if v is not None}`,
  ];
  return `${lines.join('\n')}\n\n`;
}

function json(r) {
  const obj = { id: Math.floor(r() * 1e9), name: prose(r).trim().slice(0, 30), price: Number((r() * 500).toFixed(2)), tags: [words[Math.floor(r() * words.length)], exotic[Math.floor(r() * exotic.length)]], nested: { ok: r() < 0.5, count: Math.floor(r() * 50) } };
  return `${JSON.stringify(obj, null, r() < 0.5 ? 2 : 0)}\n`;
}

/** ~1 MB: about half prose, a third code, the rest JSON. */
export function corpus(bytes = MB, seed = 42) {
  const r = rng(seed);
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const x = r();
    const piece = x < 0.5 ? prose(r) + prose(r) + prose(r) + '\n' : x < 0.83 ? code(r) : json(r);
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

/** Prompt-sized pieces; a boundary never splits a surrogate pair (an emoji would become two U+FFFD). */
function chunks(text) {
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkChars);
    const code = text.charCodeAt(end);
    if (end < text.length && code >= 0xdc00 && code <= 0xdfff) end++;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function throughput(pieces, bytes, encode) {
  const start = performance.now();
  let tokens = 0;
  for (const p of pieces) tokens += encode(p).length;
  const ms = performance.now() - start;
  return { mbPerSec: Number((bytes / MB / (ms / 1000)).toFixed(2)), ms: Math.round(ms), tokens };
}

/** Import + first encode in a fresh process, so no module or rank table is already loaded. */
function initMs(script) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t0 = performance.now(); ${script}; console.log(performance.now() - t0);`], { cwd: root, encoding: 'utf8' });
  return Math.round(Number(out.trim()));
}

export async function tokenizers() {
  const { countText } = require(path.join(root, 'out/src/core/tokens/countTokens.js'));
  const { encodeOrdinary } = require(path.join(root, 'out/src/core/tokens/openAiEncodings.js'));
  const { get_encoding } = await import('tiktoken');
  const gptTokenizer = await import('gpt-tokenizer/encoding/o200k_base');

  const text = corpus();
  const bytes = Buffer.byteLength(text);
  const pieces = chunks(text);

  const init = {
    // What Tokenwise ships: js-tiktoken's encoder with the rank table loaded by openAiEncodings.ts.
    jsTiktoken: initMs(`const { encodeOrdinary } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(path.join(root, 'out/src/core/tokens/openAiEncodings.js'))}); encodeOrdinary('hello', 'o200k_base')`),
    jsTiktokenStock: initMs("const { Tiktoken } = await import('js-tiktoken/lite'); const { default: r } = await import('js-tiktoken/ranks/o200k_base'); new Tiktoken(r).encode('hello', [], [])"),
    tiktokenWasm: initMs("const { get_encoding } = await import('tiktoken'); get_encoding('o200k_base').encode_ordinary('hello')"),
    gptTokenizer: initMs("const { encode } = await import('gpt-tokenizer/encoding/o200k_base'); encode('hello', { disallowedSpecial: new Set() })"),
  };

  const wasm = get_encoding('o200k_base');
  encodeOrdinary('warm up', 'o200k_base');
  const results = {
    jsTiktoken: throughput(pieces, bytes, (p) => encodeOrdinary(p, 'o200k_base')),
    tiktokenWasm: throughput(pieces, bytes, (p) => wasm.encode_ordinary(p)),
    gptTokenizer: throughput(pieces, bytes, (p) => gptTokenizer.encode(p, { disallowedSpecial: new Set() })),
  };
  // countText adds hashing and the memo; the second pass is all cache hits.
  const countTextCold = throughput(pieces, bytes, (p) => ({ length: countText(p, 'gpt-4o').tokens }));
  const countTextWarm = throughput(pieces, bytes, (p) => ({ length: countText(p, 'gpt-4o').tokens }));

  let sameCount = 0;
  let sameIds = 0;
  let gptTokenizerSame = 0;
  for (const p of pieces) {
    const ref = wasm.encode_ordinary(p);
    if (countText(p, 'gpt-4o').tokens === ref.length) sameCount++;
    const ids = encodeOrdinary(p, 'o200k_base');
    if (ids.length === ref.length && ids.every((id, i) => id === ref[i])) sameIds++;
    if (gptTokenizer.encode(p, { disallowedSpecial: new Set() }).length === ref.length) gptTokenizerSame++;
  }
  wasm.free();

  return {
    corpus: { bytes, chunks: pieces.length, chunkChars, mix: 'prose ~50%, code ~33%, JSON ~17%, seeded', encoding: 'o200k_base' },
    throughputMBps: { jsTiktoken: results.jsTiktoken.mbPerSec, tiktokenWasm: results.tiktokenWasm.mbPerSec, gptTokenizer: results.gptTokenizer.mbPerSec },
    initMs: init,
    countText: { coldMBps: countTextCold.mbPerSec, warmMBps: countTextWarm.mbPerSec },
    tokens: { jsTiktoken: results.jsTiktoken.tokens, tiktokenWasm: results.tiktokenWasm.tokens, gptTokenizer: results.gptTokenizer.tokens },
    exactness: {
      countTextVsTiktoken: sameCount / pieces.length,
      tokenIdsVsTiktoken: sameIds / pieces.length,
      gptTokenizerCountsVsTiktoken: gptTokenizerSame / pieces.length,
    },
    node: process.version,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await tokenizers()));
