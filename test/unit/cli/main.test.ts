import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { version } from '../../../package.json';
import { memoryIo } from '../../support/memoryIo';

describe('tokenwise CLI', () => {
  it('prints the package version', async () => {
    const io = memoryIo();
    assert.equal(await main(['--version'], io), 0);
    assert.equal(io.stdout.trim(), version);
  });

  it('prints usage for --help and for no arguments', async () => {
    for (const args of [['--help'], []]) {
      const io = memoryIo();
      assert.equal(await main(args, io), 0);
      assert.match(io.stdout, /Usage:/);
    }
  });

  it('exits 2 with a message on an unknown command', async () => {
    const io = memoryIo();
    assert.equal(await main(['frobnicate'], io), 2);
    assert.match(io.stderr, /unknown command "frobnicate"/);
  });
});
