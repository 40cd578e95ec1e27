// ESLint flat config. The one architectural rule enforced here: `vscode` may only be imported
// by src/extension.ts and src/host/**, so src/core, src/webview and src/cli stay host-free
// (testable in plain Node, usable from the CLI and the browser).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'src/core, src/webview and src/cli must not depend on the VS Code API; put host code in src/host.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['src/core/**', 'src/cli/**'], rules: noVscode },
  { files: ['src/webview/**'], languageOptions: { globals: { ...globals.browser } }, rules: noVscode },
  // The CLI, scripts, benchmarks and tests talk to a terminal.
  { files: ['src/cli/**', 'scripts/**', 'bench/**', 'test/**', '*.mjs'], rules: { 'no-console': 'off' } },
  { files: ['**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // End-to-end tests run mocha in Node and hand functions to the page (page.waitForFunction).
  { files: ['test/e2e/**', 'test/support/workbench.mjs'], languageOptions: { globals: { ...globals.mocha, ...globals.browser } } },
);
