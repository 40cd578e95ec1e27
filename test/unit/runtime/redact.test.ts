import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/runtime/redact';

describe('redactSecrets', () => {
  it('removes the exact secrets given', () => {
    assert.equal(redactSecrets('key=abcd-1234-efgh used twice: abcd-1234-efgh', ['abcd-1234-efgh']), 'key=[REDACTED] used twice: [REDACTED]');
  });

  it('removes anything shaped like an OpenAI or Anthropic key, even when not given', () => {
    const text = 'Incorrect API key provided: sk-proj-AbC123xyz_987. Also sk-ant-api03-QWERTY-uiop.';
    const out = redactSecrets(text);
    assert.ok(!/sk-proj-AbC|sk-ant-api03/.test(out), out);
    assert.equal(out, 'Incorrect API key provided: [REDACTED]. Also [REDACTED].');
  });

  it('keeps the Bearer word but removes the token', () => {
    assert.equal(redactSecrets('Authorization: Bearer abc.def.ghi123'), 'Authorization: Bearer [REDACTED]');
  });

  it('leaves ordinary text and very short values alone', () => {
    assert.equal(redactSecrets('the task is done', ['a', '']), 'the task is done');
  });
});
