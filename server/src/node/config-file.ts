/**
 * Finding and reading `.apexpatternlintrc.json` on disk (the CLI and the
 * language server both use it); core/config.ts validates what it holds.
 * Read with a size limit (`--config /dev/zero` must not fill the memory) and
 * with or without a UTF-8 byte order mark.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, type ResolvedConfig } from '../base/contracts';
import { ConfigError, resolveConfig } from '../core/config';
import { megabytes, readBounded } from './bounded-read';

/** No configuration needs more; anything larger is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export function loadConfigFile(file: string): ResolvedConfig {
  const read = readBounded(file, MAX_CONFIG_BYTES);
  if (!read.ok) {
    if (read.tooLarge) throw new ConfigError(`${file}: larger than ${megabytes(MAX_CONFIG_BYTES)}; this is not a configuration file`);
    throw new ConfigError(`cannot read config ${file}: ${read.error.code ?? read.error.message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes);
  } catch {
    throw new ConfigError(`${file}: not valid UTF-8; save it as UTF-8`);
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
