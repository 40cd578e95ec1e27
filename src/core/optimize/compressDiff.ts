// Word-level diff between a prompt and its compressed form, as hunks with offsets into both
// texts: the host turns each hunk into a TextEdit for the diff preview and the quick fix.
// Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986): compression
// changes few words, so D stays small even for long prompts.

export interface DiffHunk {
  /** Offsets of the replaced stretch in the original text. */
  start: number;
  end: number;
  /** Offsets of its replacement in the compressed text. */
  afterStart: number;
  afterEnd: number;
  before: string;
  after: string;
}

interface Token {
  text: string;
  offset: number;
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)].map((m) => ({ text: m[0], offset: m.index }));
}

type Op = 'equal' | 'delete' | 'insert';

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    if (d > 0) {
      ops.push(x === prevX ? 'insert' : 'delete');
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}

/** Hunks turning `before` into `after`; empty when they are equal. */
export function diffHunks(before: string, after: string): DiffHunk[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const ops = myers(a.map((t) => t.text), b.map((t) => t.text));
  const hunks: DiffHunk[] = [];
  let i = 0;
  let j = 0;
  let open: { i: number; j: number } | null = null;
  const posA = (idx: number): number => (idx < a.length ? a[idx].offset : before.length);
  const posB = (idx: number): number => (idx < b.length ? b[idx].offset : after.length);
  const close = (): void => {
    if (!open) return;
    const start = posA(open.i);
    const end = posA(i);
    const afterStart = posB(open.j);
    const afterEnd = posB(j);
    hunks.push({ start, end, afterStart, afterEnd, before: before.slice(start, end), after: after.slice(afterStart, afterEnd) });
    open = null;
  };
  for (const op of ops) {
    if (op === 'equal') {
      close();
      i++;
      j++;
    } else {
      open ??= { i, j };
      if (op === 'delete') i++;
      else j++;
    }
  }
  close();
  return hunks;
}
