import * as assert from 'node:assert/strict';
import { ProjectImports, type ModuleFiles } from '../../../src/core/analysis/projectImports';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';

/** An in-memory project; `reads` counts how often each file is read. */
function project(files: Record<string, string>): ModuleFiles & { files: Record<string, string>; reads: Map<string, number>; versions: Map<string, number> } {
  const reads = new Map<string, number>();
  const versions = new Map<string, number>();
  return {
    files,
    reads,
    versions,
    version: (file) => (file in files ? `v${versions.get(file) ?? 0}` : undefined),
    read: (file) => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return files[file];
    },
  };
}

function callsOf(clients: ProjectImports, files: Record<string, string>, file: string): string[] {
  return scanSource(files[file] as string, file, { imports: clients.forFile(file) }).calls.map((c) => `${c.line} ${c.provider} ${c.api} ${c.request.model}`);
}

describe('names imported from another file of the project', () => {
  before(() => initParsers());

  it('follows named, aliased, namespace and re-exported imports in TypeScript, with .js and index paths', () => {
    const files = {
      'src/lib/openai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI();\nexport const fake = { chat: { completions: { create: () => null } } };\n",
      'src/lib/index.ts': "import { openai } from './openai';\nexport const client = openai;\n",
      'src/app.ts': [
        "import { openai as llm, fake } from './lib/openai.js';",
        "import * as lib from './lib/openai';",
        "import { client } from './lib';",
        "import { other } from 'some-package';",
        "llm.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });",
        "lib.openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });",
        "client.responses.create({ model: 'gpt-5', input: 'x' });",
        'fake.chat.completions.create();',
        "other.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      ].join('\n'),
    };
    const clients = new ProjectImports(project(files), () => ['']);
    assert.deepEqual(callsOf(clients, files, 'src/app.ts'), [
      '5 openai chat.completions.create gpt-4o-mini',
      '6 openai embeddings.create text-embedding-3-small',
      '7 openai responses.create gpt-5',
    ]);
  });

  it('follows relative and absolute Python imports, and the @/ alias in scripts', () => {
    const files = {
      'app/__init__.py': '',
      'app/clients.py': 'from anthropic import Anthropic\nclaude = Anthropic()\n',
      'app/services/summarize.py': [
        'from app.clients import claude',
        'from ..clients import claude as again',
        'import app.clients as clients',
        'claude.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
        'again.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
        'clients.claude.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
      ].join('\n'),
      'src/lib/ai.ts': "import Anthropic from '@anthropic-ai/sdk';\nexport default new Anthropic();\nexport const ai = new Anthropic();\n",
      'src/routes/chat.ts': "import { ai } from '@/lib/ai';\nai.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });\n",
    };
    const clients = new ProjectImports(project(files), () => ['']);
    assert.deepEqual(callsOf(clients, files, 'app/services/summarize.py').map((c) => c.split(' ')[0]), ['4', '5', '6']);
    assert.deepEqual(callsOf(clients, files, 'src/routes/chat.ts'), ['2 anthropic messages.create claude-sonnet-4-5']);
  });

  it('reads each imported file once per version, survives import cycles, and never leaves the project', () => {
    const files = {
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': "import { a } from './a';\nexport const b = a;\n",
      'use.ts': "import { a } from './a';\nimport { x } from '../outside/x';\nimport { y } from './node_modules/y';\na.chat.completions.create({ model: 'gpt-4o', messages: [] });\nx.chat.completions.create({ model: 'gpt-4o', messages: [] });\ny.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      '../outside/x.ts': "import OpenAI from 'openai';\nexport const x = new OpenAI();\n",
      'node_modules/y.ts': "import OpenAI from 'openai';\nexport const y = new OpenAI();\n",
      'lib.ts': "import OpenAI from 'openai';\nexport const c = new OpenAI();\n",
      'one.ts': "import { c } from './lib';\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
      'two.ts': "import { c } from './lib';\nc.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
    };
    const files2 = project(files);
    const clients = new ProjectImports(files2, () => ['']);
    assert.deepEqual(callsOf(clients, files, 'use.ts'), []);
    assert.equal(files2.reads.get('../outside/x.ts'), undefined);
    assert.equal(files2.reads.get('node_modules/y.ts'), undefined);
    assert.equal(callsOf(clients, files, 'one.ts').length, 1);
    assert.equal(callsOf(clients, files, 'two.ts').length, 1);
    assert.equal(files2.reads.get('lib.ts'), 1);
    // The client module changes: it is read again, and what it now exports counts.
    files['lib.ts'] = 'export const c = { chat: null };\n';
    files2.versions.set('lib.ts', 1);
    assert.deepEqual(callsOf(clients, files, 'one.ts'), []);
    assert.equal(files2.reads.get('lib.ts'), 2);
  });

  it('tells which files an answer rests on, also when it comes from the cache, and where a missing module could appear', () => {
    const files = {
      'lib/base.ts': "import OpenAI from 'openai';\nexport const base = new OpenAI();\n",
      'lib/index.ts': "import { base } from './base';\nexport const llm = base;\n",
      'app.ts': "import { llm } from './lib';\nimport { later } from './later';\nllm.chat.completions.create({ model: 'gpt-4o', messages: [] });\nlater.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
    };
    const clients = new ProjectImports(project(files), () => ['']);
    for (let round = 0; round < 2; round++) {
      const heard = new Set<string>();
      const calls = scanSource(files['app.ts'], 'app.ts', { imports: clients.forFile('app.ts', (f) => heard.add(f)) }).calls;
      assert.equal(calls.length, 1);
      assert.ok(heard.has('lib/index.ts') && heard.has('lib/base.ts'), `round ${round}: ${[...heard].join(', ')}`);
      assert.ok(heard.has('later.ts') && heard.has('later/index.ts'), 'the files a missing import could be');
    }
  });

  it('reads model names and limits imported from a config module, without its offsets', () => {
    const files = {
      'src/config.ts': "export const MODEL = 'gpt-4.1';\nexport const LIMITS = { maxTokens: 250 };\nexport let dynamic = process.env.MODEL;\n",
      'src/app.ts': [
        "import OpenAI from 'openai';",
        "import { MODEL, LIMITS, dynamic } from './config';",
        'const openai = new OpenAI();',
        "openai.chat.completions.create({ model: MODEL, max_tokens: LIMITS.maxTokens, messages: [{ role: 'user', content: 'hi' }] });",
        "openai.chat.completions.create({ model: dynamic, messages: [{ role: 'user', content: 'hi' }] });",
      ].join('\n'),
      'app/settings.py': 'MODEL = "claude-haiku-4-5"\n',
      'app/run.py': 'from anthropic import Anthropic\nfrom app.settings import MODEL\nAnthropic().messages.create(model=MODEL, max_tokens=5, messages=[])\n',
    };
    const names = new ProjectImports(project(files), () => ['']);
    const [fromConfig, fromEnv] = scanSource(files['src/app.ts'], 'src/app.ts', { imports: names.forFile('src/app.ts') }).calls;
    assert.equal(fromConfig?.request.model, 'gpt-4.1');
    assert.equal(fromConfig?.modelSource, 'constant');
    assert.equal(fromConfig?.request.maxOutputTokens, 250);
    // The literal sits in config.ts: no range into app.ts that a quick fix could rewrite.
    assert.equal(fromConfig?.modelRange, undefined);
    assert.equal(fromEnv?.request.model, null);
    const [py] = scanSource(files['app/run.py'], 'app/run.py', { imports: names.forFile('app/run.py') }).calls;
    assert.equal(py?.request.model, 'claude-haiku-4-5');
  });

  it('without a project to ask, imported names stay unknown and files that never name the SDK are not parsed', () => {
    const text = "import { llm } from './llm';\nllm.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
    assert.deepEqual(scanSource(text, 'app.ts').calls, []);
  });
});
