// Writes the Apex TextMate grammar the .vsix ships (syntaxes/apex.tmLanguage)
// from @salesforce/apex-tmlanguage, under a scope name of our own.
//
// Why not `source.apex`: most Salesforce developers also run Salesforce's Apex
// extension (in the Extension Pack), which contributes the same grammar as
// `source.apex`. Two extensions contributing one scope name make VS Code log
// "Overwriting grammar scope name to file mapping for scope source.apex" (once
// in the window, once in the tokenization worker). A scope of our own never
// collides, and it still starts with `source.apex.`, so theme rules, token
// colour customisations and injection grammars aimed at `source.apex` apply to
// it too (both match scope prefixes). Both extensions declare the `apex`
// language; VS Code highlights it with the grammar registered last, and user
// extensions register in the order of their folder names, so Salesforce's
// (`salesforce.salesforcedx-vscode-apex-…`) wins over ours
// (`apex-pattern-lint.apex-pattern-lint-…`) whenever it is installed.
//
// The grammar highlights inline SOQL itself (its own #soql-… rules); the
// package's separate soql.tmLanguage is not shipped.
//   node client/grammars.mjs [out-dir]     (default: syntaxes/)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The scope name we contribute (package.json contributes.grammars must say the same). */
export const APEX_SCOPE = 'source.apex.apex-pattern-lint';
const UPSTREAM_SCOPE = 'source.apex';

/** The upstream grammar with its root scope renamed; fails when the package no longer has exactly one. */
export function apexGrammar() {
  const file = path.join(root, 'node_modules', '@salesforce', 'apex-tmlanguage', 'grammars', 'apex.tmLanguage');
  const upstream = fs.readFileSync(file, 'utf8');
  const declaration = /(<key>scopeName<\/key>\s*<string>)([^<]*)(<\/string>)/g;
  const found = [...upstream.matchAll(declaration)].map((m) => m[2]);
  if (found.length !== 1 || found[0] !== UPSTREAM_SCOPE)
    throw new Error(`${file}: expected one scopeName ${UPSTREAM_SCOPE}, found ${JSON.stringify(found)}: update client/grammars.mjs`);
  // A rule that includes the grammar by its scope name would point at Salesforce's copy (or nothing).
  if (/<string>source\.apex(#[^<]*)?<\/string>/.test(upstream.replace(declaration, '')))
    throw new Error(`${file}: the grammar includes itself by scope name: update client/grammars.mjs`);
  return upstream.replace(declaration, `$1${APEX_SCOPE}$3`);
}

/** Writes apex.tmLanguage into `dir`; returns its path. */
export function writeGrammars(dir = path.join(root, 'syntaxes')) {
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'apex.tmLanguage');
  fs.writeFileSync(out, apexGrammar());
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${writeGrammars(process.argv[2] ? path.resolve(process.argv[2]) : undefined)} (scope ${APEX_SCOPE})`);
}
