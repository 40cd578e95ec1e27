import * as assert from 'node:assert/strict';
import { decodeFile } from '../../../src/core/analysis/fileContent';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('file decoding', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    assert.deepEqual(decodeFile(bytes('\uFEFFconst a = "é";'), 1024), { ok: true, text: 'const a = "é";' });
  });

  it('skips files above the size limit without decoding them', () => {
    const r = decodeFile(new Uint8Array(4096), 1024);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'too-large');
    assert.match(!r.ok ? r.message : '', /larger than the 1 KiB limit \(4 KiB\)/);
  });

  it('recognises binary content by NUL bytes', () => {
    const r = decodeFile(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 1024);
    assert.equal(!r.ok && r.reason, 'binary');
  });

  it('refuses invalid UTF-8 instead of guessing', () => {
    const r = decodeFile(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 1024); // "café" in Latin-1
    assert.equal(!r.ok && r.reason, 'not-utf8');
  });
});
