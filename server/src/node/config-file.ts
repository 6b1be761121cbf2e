/**
 * Finding and reading `.apexpatternlintrc.json` on disk (the CLI and the
 * language server both use it); core/config.ts validates what it holds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, type ResolvedConfig } from '../base/contracts';
import { ConfigError, resolveConfig } from '../core/config';

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
