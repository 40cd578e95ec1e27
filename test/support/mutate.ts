// Random edits to a source file (cut, duplicate, swap byte runs), for the scanner fuzz tests.

/** 1 to 4 random edits of `bytes`, drawn from `rnd`. */
export function mutate(bytes: Buffer, rnd: () => number): Buffer {
  let out = bytes;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits && out.length > 2; i++) {
    const a = Math.floor(rnd() * out.length);
    const len = 1 + Math.floor(rnd() * Math.min(200, out.length - a));
    const b = Math.floor(rnd() * out.length);
    const op = Math.floor(rnd() * 3);
    if (op === 0) out = Buffer.concat([out.subarray(0, a), out.subarray(a + len)]);
    else if (op === 1) out = Buffer.concat([out.subarray(0, a + len), out.subarray(a, a + len), out.subarray(a + len)]);
    else {
      const [x, y] = a < b ? [a, b] : [b, a];
      const first = out.subarray(x, Math.min(x + len, y));
      const second = out.subarray(y, Math.min(y + len, out.length));
      out = Buffer.concat([out.subarray(0, x), second, out.subarray(x + first.length, y), first, out.subarray(y + second.length)]);
    }
  }
  return out;
}
