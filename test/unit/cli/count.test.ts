import * as assert from 'node:assert/strict';
import { countCommand } from '../../../src/cli/commands/count';
import { UsageError } from '../../../src/cli/cliCommand';
import { memoryIo } from '../../support/memoryIo';

describe('tokenwise count', () => {
  it('prints exactly model, tokens and exact as JSON for an OpenAI model', async () => {
    const io = memoryIo({ 'prompt.txt': 'hello world' });
    assert.equal(await countCommand.run(['prompt.txt', '--model', 'gpt-4o', '--json'], io), 0);
    assert.deepEqual(JSON.parse(io.stdout), { model: 'gpt-4o', tokens: 2, exact: true });
  });

  it('adds the band for a Claude estimate and explains it on stderr', async () => {
    const io = memoryIo({ '-': 'hello world, this is a prompt' });
    assert.equal(await countCommand.run(['--model=claude-sonnet-4-5', '--json'], io), 0);
    const out = JSON.parse(io.stdout) as { model: string; tokens: number; exact: boolean; band: { low: number; high: number } };
    assert.deepEqual(Object.keys(out), ['model', 'tokens', 'exact', 'band']);
    assert.equal(out.exact, false);
    assert.ok(out.band.low <= out.tokens && out.tokens <= out.band.high);
    assert.match(io.stderr, /note: Claude estimate/);
  });

  it('counts special-token strings as text and reads "-" from stdin', async () => {
    const io = memoryIo({ '-': '<|endoftext|>' });
    assert.equal(await countCommand.run(['-', '--model', 'gpt-5.4'], io), 0);
    assert.match(io.stdout, /^\d+ tokens \(gpt-5\.4, o200k_base, exact\)\n$/);
    assert.ok(Number(io.stdout.split(' ')[0]) > 1);
  });

  it('prints an estimate with ~ and its band in text mode', async () => {
    const io = memoryIo({ 'a.md': 'Some prose for Claude.' });
    await countCommand.run(['a.md', '--model', 'claude-opus-4-7'], io);
    assert.match(io.stdout, /^~\d+ tokens \(claude-opus-4-7, estimate, \d+-\d+\)\n$/);
  });

  it('rejects a missing model, unknown options, two inputs and unreadable files', async () => {
    await assert.rejects(countCommand.run(['a.txt'], memoryIo({ 'a.txt': 'x' })), UsageError);
    await assert.rejects(countCommand.run(['--model'], memoryIo()), (e: Error) => e instanceof UsageError && /--model/.test(e.message));
    await assert.rejects(countCommand.run(['--model', 'gpt-4o', '--fast'], memoryIo()), (e: Error) => e instanceof UsageError && /--fast/.test(e.message));
    await assert.rejects(countCommand.run(['a', 'b', '--model', 'gpt-4o'], memoryIo()), /one input at a time/);
    await assert.rejects(countCommand.run(['missing.txt', '--model', 'gpt-4o'], memoryIo()), /cannot read missing\.txt/);
  });
});
