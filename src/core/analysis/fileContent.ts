// Turns a file's bytes into text the scanner can read, or a reason it was skipped. Bad input
// (huge bundles, binaries, other encodings) must never reach the parser: it is reported, not
// guessed at.

export type DecodedFile =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' | 'binary' | 'not-utf8'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** How far into a file to look for NUL bytes: git's own binary heuristic reads the first 8,000 bytes. */
const BINARY_SNIFF_BYTES = 8000;

export function decodeFile(bytes: Uint8Array, maxBytes: number): DecodedFile {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, reason: 'too-large', message: `larger than the ${formatKiB(maxBytes)} limit (${formatKiB(bytes.byteLength)})` };
  }
  const sniff = Math.min(bytes.byteLength, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (bytes[i] === 0) return { ok: false, reason: 'binary', message: 'binary content' };
  }
  try {
    // The fatal decoder rejects invalid UTF-8 instead of inventing U+FFFD characters that
    // would change token counts; it also drops a leading BOM.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', message: 'not valid UTF-8' };
  }
}

function formatKiB(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}
