/**
 * Configuration: what `.apexpatternlintrc.json` may say, validated into a
 * ResolvedConfig. Pure: node/config-file.ts finds and reads the file. The
 * same file means the same thing to the CLI and the language server.
 */
import { CONFIG_FILE, RULE_IDS, defaultConfig, type ResolvedConfig, type RuleId, type RuleSetting } from '../base/contracts';

export class ConfigError extends Error {}

const SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** Validate a parsed config object; throws ConfigError with a message naming the bad key. */
export function resolveConfig(raw: unknown, where = CONFIG_FILE): ResolvedConfig {
  const config = defaultConfig();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['rules', 'timeouts', '$schema'].includes(key)) throw new ConfigError(`${where}: unknown key "${key}"`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null) throw new ConfigError(`${where}: "rules" must be an object`);
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!(RULE_IDS as readonly string[]).includes(id)) throw new ConfigError(`${where}: unknown rule "${id}"`);
      if (typeof value !== 'string' || !SETTINGS.includes(value)) {
        throw new ConfigError(`${where}: rule "${id}" must be one of ${SETTINGS.join(', ')}`);
      }
      config.rules[id as RuleId] = value as RuleSetting;
    }
  }
  if (obj.timeouts !== undefined) {
    const t = obj.timeouts as Record<string, unknown>;
    for (const [k, v] of Object.entries(t)) {
      if (k !== 'syncLimitMs' && k !== 'asyncLimitMs' && k !== 'defaultMs') throw new ConfigError(`${where}: unknown key "timeouts.${k}"`);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 120000) {
        throw new ConfigError(`${where}: "timeouts.${k}" must be an integer between 1 and 120000`);
      }
      config.timeouts[k] = v;
    }
  }
  return config;
}
