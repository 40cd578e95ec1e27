import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { version } from '../../../package.json';

function capture(fn: () => number): { code: number; out: string; err: string } {
  const log = console.log;
  const error = console.error;
  let out = '';
  let err = '';
  console.log = (...a: unknown[]) => { out += `${a.join(' ')}\n`; };
  console.error = (...a: unknown[]) => { err += `${a.join(' ')}\n`; };
  try {
    return { code: fn(), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('tokenwise CLI', () => {
  it('prints the package version', () => {
    const r = capture(() => main(['--version']));
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), version);
  });

  it('prints usage for --help and for no arguments', () => {
    for (const args of [['--help'], []]) {
      const r = capture(() => main(args));
      assert.equal(r.code, 0);
      assert.match(r.out, /Usage:/);
    }
  });

  it('exits 2 with a message on an unknown command', () => {
    const r = capture(() => main(['frobnicate']));
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command "frobnicate"/);
  });
});
