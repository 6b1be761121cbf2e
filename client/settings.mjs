// Generates the extension's settings (package.json contributes.configuration)
// from the rules' own metadata, so that no rule reads "… or the rule ()" and
// a new rule gets its setting: one `apexPatternLint.rules.<id>` per rule id,
// described by the rule's description and default level, then the settings
// that are not per rule. Needs the compiled server (tsc -b).
//   node client/settings.mjs          rewrite package.json
//   node client/settings.mjs --check  exit 1 when package.json differs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { allRuleMetas } = require(path.join(root, 'server', 'out', 'rules', 'index.js'));
const { RULE_IDS } = require(path.join(root, 'server', 'out', 'base', 'contracts.js'));
// The levels and bounds the server accepts (server/src/core/config.ts): one source for the schema and the server.
const { RULE_SETTINGS, TIMEOUT_RANGE } = require(path.join(root, 'server', 'out', 'core', 'config.js'));

const LEVELS = ['default', ...RULE_SETTINGS];

export function settingsProperties() {
  const metas = allRuleMetas();
  const byId = new Map(metas.map((m) => [m.id, m]));
  const missing = RULE_IDS.filter((id) => !byId.has(id));
  if (missing.length) throw new Error(`no rule metadata for ${missing.join(', ')}`);
  const properties = {};
  for (const id of RULE_IDS) {
    const meta = byId.get(id);
    properties[`apexPatternLint.rules.${id}`] = {
      type: 'string',
      enum: LEVELS,
      default: 'default',
      scope: 'resource',
      markdownDescription: `${meta.description} — \`default\` keeps the level of \`.apexpatternlintrc.json\` or the rule (${meta.defaultSeverity}).`,
    };
  }
  const timeout = (what, fallback) => ({
    type: ['integer', 'null'],
    minimum: TIMEOUT_RANGE.min,
    maximum: TIMEOUT_RANGE.max,
    default: null,
    scope: 'resource',
    markdownDescription: `${what} Empty: the config file or ${fallback}.`,
  });
  properties['apexPatternLint.timeouts.syncLimitMs'] = timeout('Largest timeout (ms) accepted for a callout that runs synchronously.', 15000);
  properties['apexPatternLint.timeouts.asyncLimitMs'] = timeout('Largest timeout (ms) accepted for a callout in async Apex.', 120000);
  properties['apexPatternLint.timeouts.defaultMs'] = timeout('Timeout (ms) that quick fixes insert.', 10000);
  properties['apexPatternLint.diagnostics.scope'] = {
    type: 'string',
    enum: ['workspace', 'openFiles'],
    enumDescriptions: [
      'Every Apex file of the workspace, as a build would: published once the index is built, and kept up to date as you edit.',
      'Only the files open in editors (and those "Lint Workspace" checks).',
    ],
    default: 'workspace',
    scope: 'window',
    markdownDescription: 'Which files show problems in the Problems view and the status bar.',
  };
  properties['apexPatternLint.baseline'] = {
    type: 'string',
    default: '',
    scope: 'resource',
    markdownDescription:
      'A baseline file written by `apex-pattern-lint --write-baseline`, relative to the workspace folder (e.g. `apl-baseline.json`): the findings it records are hidden or shown as info (`#apexPatternLint.baselineMode#`). Empty: no baseline. See docs/ci.md.',
  };
  properties['apexPatternLint.baselineMode'] = {
    type: 'string',
    enum: ['hide', 'info'],
    enumDescriptions: ['Findings the baseline records are not shown.', 'Findings the baseline records are shown at information level.'],
    default: 'hide',
    scope: 'resource',
    markdownDescription: 'What the editor does with the findings `#apexPatternLint.baseline#` records.',
  };
  properties['apexPatternLint.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the Apex Pattern Lint server (Output: Apex Pattern Lint).',
  };
  return properties;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(root, 'package.json');
  const text = fs.readFileSync(file, 'utf8');
  const manifest = JSON.parse(text);
  manifest.contributes.configuration.properties = settingsProperties();
  const generated = `${JSON.stringify(manifest, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    if (generated !== text) {
      console.error('package.json contributes.configuration is not what client/settings.mjs generates: run `npm run generate:settings`');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, generated);
    console.log(`package.json: ${Object.keys(manifest.contributes.configuration.properties).length} settings`);
  }
}
