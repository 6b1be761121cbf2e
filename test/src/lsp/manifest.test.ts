/** The extension manifest stays in step with the server: one setting per rule id, the commands, the entry points. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fork, spawnSync } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/out/base/contracts';
import { allRuleMetas } from '../../../server/out/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it('has a per-resource severity setting for every rule id, and the timeout and trace settings', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { scope: string; enum?: string[] }>;
    for (const id of RULE_IDS) {
      const p = props[`apexPatternLint.rules.${id}`];
      assert.ok(p, `setting for ${id}`);
      assert.deepEqual([p.scope, p.enum], ['resource', ['default', 'off', 'info', 'warning', 'error']]);
    }
    for (const key of ['syncLimitMs', 'asyncLimitMs', 'defaultMs']) assert.equal(props[`apexPatternLint.timeouts.${key}`].scope, 'resource');
    assert.ok(props['apexPatternLint.trace.server']);
    assert.deepEqual(
      [props['apexPatternLint.diagnostics.scope'].scope, props['apexPatternLint.diagnostics.scope'].enum],
      ['window', ['workspace', 'openFiles']],
    );
    assert.deepEqual(
      [props['apexPatternLint.baseline'].scope, props['apexPatternLint.baselineMode'].scope, props['apexPatternLint.baselineMode'].enum],
      ['resource', 'resource', ['hide', 'info']],
    );
    assert.equal(Object.keys(props).length, RULE_IDS.length + 7);
  });

  it('the settings are generated from the rules: each says what its rule finds and its default level', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { markdownDescription: string }>;
    const metas = allRuleMetas();
    for (const id of RULE_IDS) {
      const meta = metas.find((m) => m.id === id)!;
      assert.equal(
        props[`apexPatternLint.rules.${id}`].markdownDescription,
        `${meta.description} — \`default\` keeps the level of \`.apexpatternlintrc.json\` or the rule (${meta.defaultSeverity}).`,
      );
    }
    assert.equal(
      props['apexPatternLint.rules.callout-in-trigger'].markdownDescription,
      'A synchronous callout reachable from a trigger — `default` keeps the level of `.apexpatternlintrc.json` or the rule (error).',
    );
    // package.json is exactly what the generator writes: a new rule without its setting fails here.
    const check = spawnSync(process.execPath, [path.join(ROOT, 'client', 'settings.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('contributes the apex language, its grammar, and the three commands under one category', () => {
    assert.deepEqual(manifest.contributes.languages[0].extensions, ['.cls', '.trigger']);
    assert.equal(manifest.contributes.grammars[0].path, './syntaxes/apex.tmLanguage');
    assert.deepEqual(
      manifest.contributes.commands.slice(0, 3).map((c: { command: string; category: string }) => `${c.category}: ${c.command}`),
      ['Apex Pattern Lint: apexPatternLint.lintWorkspace', 'Apex Pattern Lint: apexPatternLint.showOutput', 'Apex Pattern Lint: apexPatternLint.restartServer'],
    );
    assert.deepEqual(manifest.activationEvents, ['onLanguage:apex', 'workspaceContains:sfdx-project.json']);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['apex-pattern-lint-server'], 'bin/apex-pattern-lint-server.js');
  });

  it("coexists with Salesforce's extensions: the apex language, but no scope name of theirs", () => {
    // source.apex (salesforcedx-vscode-apex), source.soql (salesforcedx-vscode-soql), and the other names of their grammars: a
    // second contribution of one makes VS Code log "Overwriting grammar scope name to file mapping".
    const salesforceScopes = ['source.apex', 'source.soql', 'source.sosl', 'text.html.soql'];
    const grammars = manifest.contributes.grammars as { language?: string; scopeName: string; path: string }[];
    assert.deepEqual(
      grammars.map((g) => [g.language, g.scopeName, g.path]),
      [['apex', 'source.apex.apex-pattern-lint', './syntaxes/apex.tmLanguage']],
    );
    for (const g of grammars) assert.ok(!salesforceScopes.includes(g.scopeName), `${g.scopeName} is Salesforce's`);
    // Without Salesforce's extension, .cls and .trigger are still the apex language, and it still activates us.
    assert.deepEqual(
      manifest.contributes.languages.map((l: { id: string; extensions: string[] }) => [l.id, l.extensions]),
      [['apex', ['.cls', '.trigger']]],
    );
  });

  it('the shipped grammar declares the scope name the manifest contributes, and the .vsix includes it', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-grammar-'));
    try {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'client', 'grammars.mjs'), out], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const grammar = fs.readFileSync(path.join(out, 'apex.tmLanguage'), 'utf8');
      // VS Code looks the grammar up by the scope name inside the file: a mismatch means no highlighting at all.
      assert.deepEqual(
        [...grammar.matchAll(/<key>scopeName<\/key>\s*<string>([^<]*)<\/string>/g)].map((m) => m[1]),
        [manifest.contributes.grammars[0].scopeName],
      );
      assert.doesNotMatch(grammar, /<string>source\.apex<\/string>/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const g of manifest.contributes.grammars as { path: string }[]) assert.ok(shipped.includes(`!${g.path.replace(/^\.\//, '')}`), g.path);
  });

  it('the server also speaks over Node IPC (the VS Code transport)', async () => {
    const child = fork(path.join(ROOT, 'bin', 'apex-pattern-lint-server.js'), ['--node-ipc'], { silent: true });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest<{ serverInfo: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo.name, 'apex-pattern-lint');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
