import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..', '..', '..', '..');
const importVscode = "import * as vscode from 'vscode';\nexport const v = vscode.version;\n";

async function restrictedImportErrors(file: string): Promise<number> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(importVscode, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('lint: layers that must stay free of the VS Code API', function () {
  this.timeout(20_000); // loading the TypeScript parser takes a moment

  for (const file of ['src/core/tokens/x.ts', 'src/webview/x.ts', 'src/cli/x.ts']) {
    it(`refuses \`import 'vscode'\` in ${path.dirname(file)}`, async () => {
      assert.equal(await restrictedImportErrors(file), 1);
    });
  }

  it('allows it in src/host', async () => {
    assert.equal(await restrictedImportErrors('src/host/x.ts'), 0);
  });
});
