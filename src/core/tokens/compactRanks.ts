// A read-only "token bytes -> rank" table in a few typed arrays, standing in for the Map that
// js-tiktoken's encoder looks ranks up in. That Map holds one "b1,b2,..." string key per token:
// for o200k_base, 200,000 heap strings and a hash table of ~46 MB, which also makes V8 grow its
// young generation for good. Here the same table takes ~5 MB: every token's bytes side by side
// in one pool, and an open-addressing hash index over them.
//
// js-tiktoken only ever calls get() with keys in its own format (the bytes of a piece joined
// with ","), so get() parses that format back into bytes and looks them up.

const emptySlot = -1;

const base64Values = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) base64Values[c.charCodeAt(0)] = i;

/** FNV-1a over `length` bytes of `bytes` starting at `start`. */
function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** A growable typed array, doubling as it fills. */
class Growable<T extends Uint8Array | Int32Array> {
  values: T;
  length = 0;
  constructor(private readonly create: (capacity: number) => T, capacity: number) {
    this.values = create(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.create(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  /** The pushed values, in an array of their own size. */
  contents(): T {
    return this.values.slice(0, this.length) as T;
  }
}

class ByteBuffer extends Growable<Uint8Array> {
  constructor(capacity: number) {
    super((n) => new Uint8Array(n), capacity);
  }
}

class IntBuffer extends Growable<Int32Array> {
  constructor(capacity: number) {
    super((n) => new Int32Array(n), capacity);
  }
}

export class CompactRankTable {
  private readonly pool: Uint8Array;
  /** Token i's bytes are pool[starts[i] .. starts[i + 1]). */
  private readonly starts: Int32Array;
  private readonly ranks: Int32Array;
  /** Token index per slot, or emptySlot; a power of two at least twice the token count. */
  private readonly slots: Int32Array;
  private readonly scratch = new ByteBuffer(64);

  private constructor(pool: Uint8Array, starts: Int32Array, ranks: Int32Array) {
    this.pool = pool;
    this.starts = starts;
    this.ranks = ranks;
    let capacity = 16;
    while (capacity < ranks.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(emptySlot);
    for (let token = 0; token < ranks.length; token++) {
      const start = starts[token] as number;
      const length = (starts[token + 1] as number) - start;
      const slot = this.find(pool, start, length);
      // A repeated byte sequence keeps its last rank, as Map.set would.
      if (this.slots[slot] === emptySlot) this.slots[slot] = token;
      else this.ranks[this.slots[slot] as number] = ranks[token] as number;
    }
  }

  /** Number of distinct byte sequences. */
  get size(): number {
    let n = 0;
    for (const token of this.slots) if (token !== emptySlot) n++;
    return n;
  }

  /** The rank of the bytes written as js-tiktoken keys them ("104,105"), or undefined. */
  get(key: string): number | undefined {
    const bytes = this.scratch;
    bytes.length = 0;
    let value = 0;
    let digits = 0;
    for (let i = 0; i <= key.length; i++) {
      const c = i < key.length ? key.charCodeAt(i) : 44;
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits++;
      } else if (c === 44 && digits > 0 && digits <= 3 && value <= 255) {
        bytes.push(value);
        value = 0;
        digits = 0;
      } else return undefined;
    }
    const token = this.slots[this.find(bytes.values, 0, bytes.length)] as number;
    return token === emptySlot ? undefined : this.ranks[token];
  }

  /** The slot holding these bytes, or the empty slot where they would go (linear probing). */
  private find(bytes: Uint8Array, start: number, length: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashBytes(bytes, start, length) & mask; ; slot = (slot + 1) & mask) {
      const token = this.slots[slot] as number;
      if (token === emptySlot || this.equals(token, bytes, start, length)) return slot;
    }
  }

  private equals(token: number, bytes: Uint8Array, start: number, length: number): boolean {
    const from = this.starts[token] as number;
    if ((this.starts[token + 1] as number) - from !== length) return false;
    for (let i = 0; i < length; i++) if (this.pool[from + i] !== bytes[start + i]) return false;
    return true;
  }

  /**
   * Builds the table from tiktoken's rank file text as js-tiktoken ships it: lines of
   * "<label> <rank of the first token> <token> <token> ...", tokens in base64 with consecutive
   * ranks. Decodes each token straight into the pool, with no per-token temporaries.
   */
  static fromRankText(table: string): CompactRankTable {
    // Base64 packs 3 bytes in 4 characters, so the text bounds the pool; the slack is dropped below.
    const pool = new ByteBuffer(Math.ceil(table.length * 0.75));
    // Typed arrays throughout, so building leaves no garbage that would make V8 grow its heap.
    const starts = new IntBuffer(1 << 16);
    const ranks = new IntBuffer(1 << 16);
    let field = 0;
    let rank = 0;
    let fieldStart = 0;
    for (let i = 0; i <= table.length; i++) {
      const c = i < table.length ? table.charCodeAt(i) : 10;
      if (c !== 32 && c !== 10) continue;
      if (field === 1) {
        rank = 0;
        for (let j = fieldStart; j < i; j++) rank = rank * 10 + table.charCodeAt(j) - 48;
      }
      else if (field >= 2 && i > fieldStart) {
        starts.push(pool.length);
        ranks.push(rank++);
        let buffer = 0;
        let bits = 0;
        for (let j = fieldStart; j < i; j++) {
          const v = base64Values[table.charCodeAt(j)] ?? -1;
          if (v < 0) break; // '=' padding
          buffer = ((buffer << 6) | v) & 0xffffff;
          bits += 6;
          if (bits >= 8) {
            bits -= 8;
            pool.push((buffer >> bits) & 0xff);
          }
        }
      }
      field = c === 10 ? 0 : field + 1;
      fieldStart = i + 1;
    }
    starts.push(pool.length);
    return new CompactRankTable(pool.contents(), starts.contents(), ranks.contents());
  }
}
