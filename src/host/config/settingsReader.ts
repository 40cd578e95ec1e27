import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { parseSettings, settingKeys, type SettingKey, type Settings } from '../../core/protocol/settings';

/**
 * The one place settings are read. Values come from VS Code's merged configuration (user,
 * workspace, folder), are validated by the zod schema in core, and invalid ones are logged and
 * replaced by their defaults.
 */
export function readSettings(log: Logger, scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('tokenwise', scope);
  const raw: Partial<Record<SettingKey, unknown>> = {};
  for (const key of settingKeys) raw[key] = config.get(key);
  const { settings, problems } = parseSettings(raw);
  for (const p of problems) {
    log.warn(`Setting tokenwise.${p.key} has an invalid value ${JSON.stringify(p.value)} (${p.message}); using the default ${JSON.stringify(settings[p.key])}.`);
  }
  return settings;
}
