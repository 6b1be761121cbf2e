/**
 * Configuration: what `.apexpatternlintrc.json` may say, validated into a
 * ResolvedConfig. Pure: node/config-file.ts finds and reads the file. The
 * same file means the same thing to the CLI and the language server.
 *
 * The shape is a JSON Schema checked with Ajv, so that every wrong type is
 * caught (not only the ones someone thought of); the first problem becomes
 * one message naming the file, the key and what was expected.
 */
import type { default as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { CONFIG_FILE, RULE_IDS, defaultConfig, type ResolvedConfig, type RuleId, type RuleSetting } from '../base/contracts';

export class ConfigError extends Error {}

/**
 * The levels a rule may be set to, here, in the editor's settings
 * (lsp/settings.ts) and in the extension's settings schema that
 * client/settings.mjs writes into package.json: one list for all three.
 */
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];
const SETTINGS: readonly string[] = RULE_SETTINGS;
/** The callout timeouts that may be configured (`timeouts.<key>`), for the same three readers. */
export const TIMEOUT_KEYS = ['syncLimitMs', 'asyncLimitMs', 'defaultMs'] as const;
/** Bounds of each `timeouts.<key>` value (ms): the Apex callout limit is 120 seconds. */
export const TIMEOUT_RANGE = { min: 1, max: 120000 } as const;
/** The per-file analysis budget: at least 100 ms, at most 10 minutes. */
export const FILE_TIMEOUT_RANGE = { min: 100, max: 600000 } as const;

const timeoutMs = { type: 'integer', minimum: TIMEOUT_RANGE.min, maximum: TIMEOUT_RANGE.max } as const;

/** The schema of `.apexpatternlintrc.json` (draft-07). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(RULE_IDS.map((id) => [id, { type: 'string', enum: SETTINGS }])),
    },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(TIMEOUT_KEYS.map((k) => [k, timeoutMs])),
    },
    fileTimeoutMs: { type: 'integer', minimum: FILE_TIMEOUT_RANGE.min, maximum: FILE_TIMEOUT_RANGE.max },
  },
} as const;

let validator: ValidateFunction | undefined;

function validate(raw: unknown): ErrorObject | undefined {
  if (!validator) {
    // Loaded on first use: Ajv costs ~20 ms of start-up, and most runs have no configuration file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    validator = new Ajv({ allErrors: false, strict: true, verbose: true }).compile(CONFIG_SCHEMA);
  }
  return validator(raw) ? undefined : (validator.errors ?? [])[0];
}

/** `/timeouts/syncLimitMs` → `timeouts.syncLimitMs`. */
function keyOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describe(e: ErrorObject): string {
  const key = keyOf(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const got = (() => {
    const value = e.data;
    if (value === null) return 'null';
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify would print as null.
    if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to be finite';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'object') return 'an object';
    return JSON.stringify(value);
  })();
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return key === 'rules' ? `unknown rule "${extra}"` : `unknown key "${key ? `${key}.` : ''}${extra}"`;
    }
    case 'enum':
      return key.startsWith('rules.') ? `rule "${key.slice(6)}" must be one of ${SETTINGS.join(', ')} (got ${got})` : `"${key}" has an unknown value ${got}`;
    case 'type':
      if (!key) return `expected a JSON object (got ${got})`;
      return `"${key}" must be ${params.type === 'object' ? 'an object' : params.type === 'integer' ? 'an integer' : `a ${String(params.type)}`} (got ${got})`;
    case 'minimum':
    case 'maximum': {
      const range = key === 'fileTimeoutMs' ? FILE_TIMEOUT_RANGE : TIMEOUT_RANGE;
      return `"${key}" must be an integer between ${range.min} and ${range.max} (got ${got})`;
    }
    default:
      return `"${key}" ${e.message ?? 'is invalid'}`;
  }
}

/** Validate a parsed config object; throws ConfigError with a message naming the file and the bad key. */
export function resolveConfig(raw: unknown, where = CONFIG_FILE): ResolvedConfig {
  const error = validate(raw);
  if (error) throw new ConfigError(`${where}: ${describe(error)}`);
  const obj = raw as { rules?: Record<string, RuleSetting>; timeouts?: Partial<ResolvedConfig['timeouts']>; fileTimeoutMs?: number };
  const config = defaultConfig();
  for (const [id, value] of Object.entries(obj.rules ?? {})) config.rules[id as RuleId] = value;
  Object.assign(config.timeouts, obj.timeouts ?? {});
  if (obj.fileTimeoutMs !== undefined) config.fileTimeoutMs = obj.fileTimeoutMs;
  const { syncLimitMs, asyncLimitMs } = config.timeouts;
  if (syncLimitMs > asyncLimitMs) {
    throw new ConfigError(`${where}: "timeouts.syncLimitMs" (${syncLimitMs}) must not be above "timeouts.asyncLimitMs" (${asyncLimitMs})`);
  }
  return config;
}
