import * as assert from 'node:assert/strict';
import { languageForFile } from '../../../src/core/parse/languageForFile';
import { parseFrontMatter, scanPromptFile } from '../../../src/core/parse/promptFile';
import { scanNotebook, scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { literalText } from '../../../src/core/request/llmRequest';

function notebook(cells: { type: 'code' | 'markdown'; source: string }[], language = 'python'): string {
  return JSON.stringify({
    metadata: { language_info: { name: language } },
    cells: cells.map((c) => ({ cell_type: c.type, source: c.source.split(/(?<=\n)/), metadata: {} })),
  });
}

describe('notebooks and prompt files', () => {
  before(async () => {
    await initParsers();
  });

  it('maps file names to what the scanner does with them', () => {
    assert.equal(languageForFile('src/a.mts'), 'typescript');
    assert.equal(languageForFile('C:\\x\\b.TSX'), 'tsx');
    assert.equal(languageForFile('lib/c.cjs'), 'javascript');
    assert.equal(languageForFile('n.ipynb'), 'notebook');
    assert.equal(languageForFile('a/b.prompty'), 'prompt');
    assert.equal(languageForFile('app/prompts/system.md'), 'prompt');
    assert.equal(languageForFile('docs/README.md'), undefined);
    assert.equal(languageForFile('Makefile'), undefined);
    // VS Code language ids are accepted in place of a file name.
    const jsx = "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst el = <b>{c.embeddings.create({ model: 'm', input: 'x' })}</b>;";
    assert.equal(scanSource(jsx, 'typescriptreact').calls.length, 1);
    assert.equal(scanSource(jsx, 'javascriptreact').calls.length, 1);
  });

  it('scans notebook cells as one program and reports positions per cell', () => {
    const nb = notebook([
      { type: 'markdown', source: 'Calls client.chat.completions.create' },
      { type: 'code', source: '%pip install openai\nfrom openai import OpenAI\nclient = OpenAI()\nMODEL = "gpt-4o"' },
      { type: 'code', source: 'x = 1\nr = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])' },
    ]);
    const { calls } = scanNotebook(nb);
    assert.equal(calls.length, 1);
    const [site] = calls;
    assert.equal(site.cellIndex, 2);
    assert.equal(site.line, 2);
    assert.equal(site.column, 'r = client.chat.completions.'.length + 1);
    assert.equal(site.request.model, 'gpt-4o');
    // The model constant lives in another cell, so its range is not given relative to this one.
    assert.equal(site.modelRange, undefined);
    const cell = 'x = 1\nr = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])';
    assert.equal(cell.slice(site.range.start, site.range.end), 'create');
    const part = site.request.messages[0].blocks[0].parts[0] as { range?: { start: number; end: number } };
    assert.equal(cell.slice(part.range!.start, part.range!.end), 'Hi');
    assert.equal(scanNotebook(notebook([{ type: 'code', source: 'x' }], 'r')).skipped?.reason, 'unsupported-language');
  });

  it('reads Prompty front matter, roles and placeholders', () => {
    const text = [
      '---',
      'name: Demo',
      'model:',
      '  api: chat',
      '  configuration:',
      '    type: openai',
      '    name: gpt-4o-mini',
      '  parameters:',
      '    max_tokens: 128',
      '    temperature: 0.1',
      '---',
      'system:',
      'You answer {{ topic }} questions.',
      '',
      'user:',
      '{{question}}',
    ].join('\n');
    const [site] = scanPromptFile(text, 'demo.prompty').calls;
    assert.equal(site.api, 'prompt-file');
    assert.equal(site.provider, 'openai');
    assert.equal(site.request.model, 'gpt-4o-mini');
    assert.equal(site.modelSource, 'front-matter');
    assert.equal(site.request.maxOutputTokens, 128);
    assert.equal(site.request.temperature, 0.1);
    assert.deepEqual(site.request.messages.map((m) => m.role), ['system', 'user']);
    assert.deepEqual(site.request.messages[0].blocks[0].parts.map((p) => p.kind), ['text', 'placeholder', 'text']);
    const first = site.request.messages[0].blocks[0].parts[0] as { range?: { start: number; end: number } };
    assert.equal(text.slice(first.range!.start, first.range!.end), 'You answer ');
  });

  it('reads Dotprompt role markers and moves an Anthropic system prompt out of the messages', () => {
    const text = '---\nmodel: anthropic/claude-haiku-4-5\nconfig:\n  maxOutputTokens: 20\n---\n{{role "system"}}\nBe brief.\n{{role "user"}}\n{{text}}\n';
    const [site] = scanSource(text, 'x/classify.prompt').calls;
    assert.equal(site.provider, 'anthropic');
    assert.equal(site.request.model, 'claude-haiku-4-5');
    assert.equal(site.request.maxOutputTokens, 20);
    assert.equal(literalText(site.request.system![0].parts), 'Be brief.');
    assert.deepEqual(site.request.messages.map((m) => m.role), ['user']);
  });

  it('treats a prompts-folder Markdown file without front matter as a prompt of unknown model', () => {
    const [site] = scanSource('Rewrite this:\n\n{{paragraph}}\n', 'repo/prompts/tone.md').calls;
    assert.equal(site.request.model, null);
    assert.equal(site.modelNullReason, 'unknown');
    assert.equal(site.request.messages.length, 1);
  });

  it('parses the front-matter subset: nesting, lists, block scalars, quotes and comments', () => {
    const meta = parseFrontMatter('a:\n  b: "x: y"\n  c: 3 # note\nlist:\n  - one\n  - two\ntext: |\n  line 1\n  line 2\nflag: true');
    assert.deepEqual(meta, { a: { b: 'x: y', c: 3 }, list: ['one', 'two'], text: 'line 1\nline 2', flag: true });
  });
});
