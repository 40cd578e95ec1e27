// Model -> BPE encoding, and the lazily loaded js-tiktoken encoders. Only the lite entry and the
// two rank tables current models use are loaded (o200k_base is 2.3 MB of source, cl100k_base
// 1.1 MB), and each only the first time a model needs it, so activation stays cheap.
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import type { OpenAiEncoding } from './tokenTypes';
import { CompactRankTable } from './compactRanks';

// js-tiktoken's own getEncodingNameForModel throws "Unknown model" for any name newer than its
// release (provider-facts.md), so models are mapped by prefix: new releases keep working.
const cl100kPrefixes = [/^gpt-4(?:-|$)/, /^gpt-3\.5/, /^gpt-35/, /^text-embedding-3-/, /^text-embedding-ada-002/];
// gpt-4o, gpt-4.1, gpt-4.5, gpt-5.x, gpt-6-*, the o-series and chatgpt-4o all use o200k_base;
// every gpt-* name not caught above is a newer model, and OpenAI has used o200k_base for all
// of them since gpt-4o (2024-05).
const o200kPrefixes = [/^gpt-/, /^o\d+(?:-|$)/, /^chatgpt-/];

/** Strips routing prefixes (`openai/gpt-4o`, `azure/...`) and fine-tune wrappers (`ft:gpt-4o-mini:org::id`). */
function baseModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf('/') + 1);
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0] ?? '';
  return id;
}

/** The encoding an OpenAI model uses, or null when the model is not an OpenAI model Tokenwise knows. */
export function encodingForModel(model: string): OpenAiEncoding | null {
  const id = baseModelId(model);
  if (cl100kPrefixes.some((p) => p.test(id))) return 'cl100k_base';
  if (o200kPrefixes.some((p) => p.test(id))) return 'o200k_base';
  return null;
}

/** gpt-3.5-turbo-0301 framed messages differently (4 tokens each, a name replacing the role). */
export function usesLegacyChatFraming(model: string): boolean {
  return baseModelId(model).startsWith('gpt-3.5-turbo-0301');
}

function loadRanks(encoding: OpenAiEncoding): TiktokenBPE {
  // require() inside the function is what makes the load lazy (and lets esbuild bundle the
  // tables); a top-level import would parse both tables at activation.
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (encoding) {
    case 'o200k_base': return require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;
    case 'cl100k_base': return require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The part of js-tiktoken's encoder we fill ourselves (a public field, marked internal in its types). */
interface EncoderTables {
  rankMap: Pick<Map<string, number>, 'get' | 'size'>;
}

/**
 * js-tiktoken's encoder with only the table encode() uses, held compactly. Its constructor
 * builds the rank map through a 200,000-key temporary object, plus a rank -> bytes map that only
 * decode() needs: for o200k_base that peaks at ~210 MB RSS, takes ~600 ms, and keeps ~46 MB.
 * Here the rank lookup is a CompactRankTable built in one pass over the table text (~5 MB).
 * encode() is js-tiktoken's own, unchanged, and only calls rankMap.get(), so counts stay exact
 * (unit tests compare every rank with js-tiktoken's own table). decode() is never used by Tokenwise.
 */
export function encodeOnlyTiktoken(ranks: TiktokenBPE): Tiktoken {
  const tiktoken = new Tiktoken({ ...ranks, bpe_ranks: '' });
  const tables = tiktoken as unknown as EncoderTables;
  if (!(tables.rankMap instanceof Map) || tables.rankMap.size !== 0) throw new Error('js-tiktoken internals changed: rankMap not found');
  tables.rankMap = CompactRankTable.fromRankText(ranks.bpe_ranks);
  return tiktoken;
}

const encoders = new Map<OpenAiEncoding, Tiktoken>();

function encoder(encoding: OpenAiEncoding): Tiktoken {
  let e = encoders.get(encoding);
  if (!e) {
    e = encodeOnlyTiktoken(loadRanks(encoding));
    encoders.set(encoding, e);
  }
  return e;
}

/**
 * Token ids of `text`, special-token strings such as <|endoftext|> encoded as plain text,
 * like tiktoken's encode_ordinary / encode(text, disallowed_special=()). js-tiktoken throws on
 * them by default; with allowedSpecial=[] no special token is emitted and disallowedSpecial=[]
 * turns the check off. Prompts in source code do contain these strings (docs about tokenizers,
 * test fixtures), and the API bills them as text.
 */
export function encodeOrdinary(text: string, encoding: OpenAiEncoding): number[] {
  return encoder(encoding).encode(text, [], []);
}
