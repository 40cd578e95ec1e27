import * as assert from 'node:assert/strict';
import { keyFormatProblem } from '../../../src/core/secrets/apiKeyFormat';
import { parseDotenv } from '../../../src/core/secrets/dotenv';

describe('.env parsing', () => {
  it('reads plain, exported, quoted and commented values', () => {
    const vars = parseDotenv([
      '# keys',
      'OPENAI_API_KEY=sk-proj-abc123',
      'export ANTHROPIC_API_KEY="sk-ant-xyz" # trailing comment inside quotes is not part of it',
      "SINGLE='a # not a comment'",
      'BARE=value # comment',
      'EMPTY=',
      'not a line',
      'MULTI="line1\\nline2"',
    ].join('\r\n'));
    assert.equal(vars.get('OPENAI_API_KEY'), 'sk-proj-abc123');
    assert.equal(vars.get('ANTHROPIC_API_KEY'), 'sk-ant-xyz');
    assert.equal(vars.get('SINGLE'), 'a # not a comment');
    assert.equal(vars.get('BARE'), 'value');
    assert.equal(vars.get('EMPTY'), '');
    assert.equal(vars.get('MULTI'), 'line1\nline2');
    assert.equal(vars.size, 6);
  });
});

describe('API key format hints', () => {
  it('accepts well-formed keys', () => {
    assert.equal(keyFormatProblem('openai', 'sk-proj-0123456789abcdefghij'), undefined);
    assert.equal(keyFormatProblem('anthropic', 'sk-ant-api03-0123456789abcdef'), undefined);
  });

  it('catches the common mistakes without echoing the key', () => {
    const secret = 'sk-ant-api03-0123456789abcdef';
    const wrongProvider = keyFormatProblem('openai', secret);
    assert.match(wrongProvider ?? '', /Anthropic key/);
    assert.ok(!wrongProvider?.includes(secret));
    assert.match(keyFormatProblem('anthropic', 'sk-proj-0123456789abcdefghij') ?? '', /start with "sk-ant-"/);
    assert.match(keyFormatProblem('openai', ' ') ?? '', /empty/);
    assert.match(keyFormatProblem('openai', 'sk-proj-0123 456789abcdefghij') ?? '', /spaces/);
    assert.match(keyFormatProblem('openai', 'sk-short') ?? '', /too short/);
  });
});
