import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeFileSource } from '../../../src/core/analysis/fileSource';
import { listWorkspaceFiles } from '../../../src/core/analysis/workspaceFiles';

function makeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function list(root: string, exclude: string[] = []): Promise<string[]> {
  const out: string[] = [];
  for await (const f of listWorkspaceFiles(nodeFileSource(root), { exclude })) out.push(`${f.path}:${f.kind}`);
  return out;
}

describe('workspace file listing', () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps source, notebook and prompt files and skips the rest', async () => {
    root = makeTree({
      'a.ts': '', 'b.tsx': '', 'c.mjs': '', 'd.py': '', 'e.ipynb': '{}', 'types.d.ts': '', 'README.md': '',
      'prompts/system.md': '', 'prompts/deep/x.txt': '', 'notes/ideas.md': '', 'p.prompty': '', 'image.png': '',
    });
    assert.deepEqual(await list(root), [
      'a.ts:typescript', 'b.tsx:tsx', 'c.mjs:javascript', 'd.py:python', 'e.ipynb:notebook', 'p.prompty:prompt',
      'prompts/system.md:prompt', 'prompts/deep/x.txt:prompt', // a folder's files before its subfolders
    ]);
  });

  it('honours .gitignore files at every depth, each within its own folder', async () => {
    root = makeTree({
      '.gitignore': 'build/\n*.gen.ts\n',
      'src/keep.ts': '', 'src/out.gen.ts': '', 'build/bundle.js': '',
      'pkg/.gitignore': 'local.py\n', 'pkg/local.py': '', 'pkg/app.py': '', 'local.py': '',
    });
    assert.deepEqual(await list(root), ['local.py:python', 'pkg/app.py:python', 'src/keep.ts:typescript']);
  });

  it('applies exclude globs to folders and files, and never walks .git', async () => {
    root = makeTree({ 'node_modules/x/index.js': '', 'src/a.ts': '', 'src/a.test.ts': '', '.git/hooks/h.py': '' });
    assert.deepEqual(await list(root, ['**/node_modules/**', '**/*.test.ts']), ['src/a.ts:typescript']);
  });

  it('survives very deep folder trees', async () => {
    const deep = Array.from({ length: 200 }, (_, i) => `d${i}`).join('/');
    root = makeTree({ [`${deep}/x.py`]: '' });
    assert.deepEqual(await list(root), [`${deep}/x.py:python`]);
  });

  it('stops when the signal aborts', async () => {
    root = makeTree({ 'a.ts': '', 'b.ts': '' });
    const controller = new AbortController();
    controller.abort();
    const out: string[] = [];
    for await (const f of listWorkspaceFiles(nodeFileSource(root), { exclude: [], signal: controller.signal })) out.push(f.path);
    assert.deepEqual(out, []);
  });
});
