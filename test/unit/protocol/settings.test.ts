import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseSettings, settingKeys } from '../../../src/core/protocol/settings';

interface ContributedSetting { default?: unknown; scope?: string; markdownDescription?: string }

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const contributed: Record<string, ContributedSetting> = manifest.contributes.configuration.properties;

describe('settings schema', () => {
  it('declares exactly the settings package.json contributes, with the same defaults', () => {
    assert.deepEqual(Object.keys(contributed).sort(), settingKeys.map((k) => `tokenwise.${k}`).sort());
    const defaults = defaultSettings();
    for (const key of settingKeys) assert.deepEqual(defaults[key], contributed[`tokenwise.${key}`]?.default, key);
  });

  it('gives every contributed setting a scope and a markdownDescription', () => {
    for (const [key, setting] of Object.entries(contributed)) {
      assert.ok(setting.scope, `${key} has no scope`);
      assert.ok(setting.markdownDescription && setting.markdownDescription.length > 20, `${key} has no markdownDescription`);
    }
  });

  it('keeps valid values', () => {
    const { settings, problems } = parseSettings({ 'analysis.maxFileSizeKB': 10, logLevel: 'debug', 'analysis.exclude': ['**/gen/**'] });
    assert.deepEqual(problems, []);
    assert.equal(settings['analysis.maxFileSizeKB'], 10);
    assert.equal(settings.logLevel, 'debug');
    assert.deepEqual(settings['analysis.exclude'], ['**/gen/**']);
  });

  it('replaces each invalid value by its default and reports it, keeping the valid ones', () => {
    const { settings, problems } = parseSettings({
      'analysis.maxFileSizeKB': -5,
      'cost.expectedOutputTokens': 'lots',
      logLevel: 'verbose',
      'cost.defaultCallsPerDay': 300,
    });
    assert.equal(settings['analysis.maxFileSizeKB'], 1024);
    assert.equal(settings['cost.expectedOutputTokens'], 500);
    assert.equal(settings.logLevel, 'info');
    assert.equal(settings['cost.defaultCallsPerDay'], 300);
    assert.deepEqual(problems.map((p) => p.key).sort(), ['analysis.maxFileSizeKB', 'cost.expectedOutputTokens', 'logLevel']);
    assert.equal(problems.find((p) => p.key === 'logLevel')?.value, 'verbose');
  });

  it('rejects non-finite numbers and non-integer token counts', () => {
    const { problems } = parseSettings({ 'analysis.maxFileSizeKB': Number.POSITIVE_INFINITY, 'cost.assumedPlaceholderTokens': 2.5 });
    assert.deepEqual(problems.map((p) => p.key).sort(), ['analysis.maxFileSizeKB', 'cost.assumedPlaceholderTokens']);
  });
});
