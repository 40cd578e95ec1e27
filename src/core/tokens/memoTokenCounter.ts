// Token counts memoized by content hash: the editor recounts every prompt of a file on each
// keystroke, and BPE on a 2 KB prompt costs about a millisecond (provider-facts.md), so an
// unchanged string must never be tokenized twice.
import { createHash } from 'node:crypto';
import { LruCache } from './lruCache';
import { encodeOrdinary } from './openAiEncodings';
import type { OpenAiEncoding } from './tokenTypes';

export const defaultMemoCapacity = 10_000;
/** Texts up to this length key the cache by themselves. */
const shortKeyLength = 40;

export class MemoTokenCounter {
  private readonly cache: LruCache<string, number>;

  /** `namespace` keeps counts of different encodings apart under the same text. */
  constructor(
    private readonly namespace: string,
    private readonly encode: (text: string) => ArrayLike<number>,
    capacity = defaultMemoCapacity,
  ) {
    this.cache = new LruCache(capacity);
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    // The key is a digest, not the text, so the cache holds 40 bytes per entry however long the
    // prompt; a text no longer than a digest is its own key (hashing it would cost more than counting
    // a cache hit). The NUL keeps the two kinds of key apart.
    const key = text.length <= shortKeyLength ? `${this.namespace}\0${text}` : createHash('sha1').update(this.namespace).update('\0').update(text).digest('hex');
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const tokens = this.encode(text).length;
    this.cache.set(key, tokens);
    return tokens;
  }
}

const counters = new Map<OpenAiEncoding, MemoTokenCounter>();

/** Exact BPE token count of plain text (no chat framing), memoized. */
export function bpeTokenCount(text: string, encoding: OpenAiEncoding): number {
  let counter = counters.get(encoding);
  if (!counter) {
    counter = new MemoTokenCounter(encoding, (t) => encodeOrdinary(t, encoding));
    counters.set(encoding, counter);
  }
  return counter.count(text);
}
