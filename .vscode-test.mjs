// For desktops with internet: `npm run test:electron` runs the same integration suite as
// scripts/runIntegration.mjs, in Electron VS Code downloaded by @vscode/test-electron.
// (CI here has no route to VS Code's download server, so it uses code-server instead.)
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: 'test/fixtures/demo-workspace',
  mocha: { ui: 'bdd', timeout: 30000 },
});
