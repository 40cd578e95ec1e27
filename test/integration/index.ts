// extensionTestsPath entry: the extension host loads this and awaits run(). Mocha runs here,
// inside the real extension host; the runner (scripts/runIntegration.mjs) reads the summary
// line from the forwarded console.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.TOKENWISE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    }).once(Mocha.Runner.constants.EVENT_RUN_END, function (this: Mocha.Runner) {
      const { passes = 0, failures = 0 } = this.stats ?? {};
      console.log(`TEST-SUMMARY ${JSON.stringify({ passed: passes, failed: failures })}`);
    });
  });
}
