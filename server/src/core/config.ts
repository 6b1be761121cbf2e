/**
 * Configuration: `.apexpatternlintrc.json` (found upward from the linted
 * path, or given with --config) and its defaults. The same file means the
 * same thing to the CLI and the language server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS, type RuleId, type Severity } from '../rules/rule';

export const CONFIG_FILE = '.apexpatternlintrc.json';

export type RuleSetting = Severity | 'off';

export interface ResolvedConfig {
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Limits judged by callout-timeout-excessive; `defaultMs` is what quick fixes insert. */
  timeouts: { syncLimitMs: number; asyncLimitMs: number; defaultMs: number };
  /** Milliseconds one file's analysis may take before it is abandoned. */
  fileTimeoutMs: number;
}

export function defaultConfig(): ResolvedConfig {
  return { rules: {}, timeouts: { syncLimitMs: 15000, asyncLimitMs: 120000, defaultMs: 10000 }, fileTimeoutMs: 10000 };
}

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

export function loadConfigFile(file: string): ResolvedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return resolveConfig(raw, file);
}

/** The nearest `.apexpatternlintrc.json` in `dir` or its parents. */
export function findConfigFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}
