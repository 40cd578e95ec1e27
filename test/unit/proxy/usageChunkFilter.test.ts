import * as assert from 'node:assert/strict';
import { withoutUsageChunk } from '../../../src/core/proxy/usageChunkFilter';

async function run(pieces: string[]): Promise<string> {
  async function* source() {
    for (const p of pieces) yield p;
  }
  let out = '';
  for await (const piece of withoutUsageChunk(source())) out += piece;
  return out;
}

const delta = (text: string) => `data: {"id":"c1","choices":[{"index":0,"delta":{"content":"${text}"}}],"usage":null}\n\n`;
const usage = 'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n';
const done = 'data: [DONE]\n\n';

describe('withoutUsageChunk', () => {
  it('drops the usage-only chunk and passes every other event through unchanged', async () => {
    assert.equal(await run([delta('a'), delta('b'), usage, done]), delta('a') + delta('b') + done);
  });

  it('works however the bytes are split, including inside an event and across CRLF separators', async () => {
    const whole = delta('héllo') + usage.replace(/\n\n$/, '\r\n\r\n') + done;
    const pieces = whole.match(/.{1,7}/gs) ?? [];
    assert.equal(await run(pieces), delta('héllo') + done);
  });

  it('keeps a chunk that has choices, even with usage, and a stream cut short mid-event', async () => {
    const both = 'data: {"choices":[{"index":0,"delta":{}}],"usage":{"prompt_tokens":1}}\n\n';
    assert.equal(await run([both, 'data: {"choi']), `${both}data: {"choi`);
  });
});
