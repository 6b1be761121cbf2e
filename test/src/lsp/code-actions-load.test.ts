/**
 * Code actions under load (issue 20, item 6): a client that asks for the
 * fixes of a diagnostic the moment it arrives gets them, every time, even
 * on a busy machine, while the workspace is still being indexed and other
 * documents are being linted. Fixes must come from the analysis that
 * produced the diagnostics the client holds.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, ERP_CLIENT, removeWorkspace, tempWorkspace } from './workspace';

const ROUNDS = 30;

/** What a user sees for the class's two findings, in order. */
const EXPECTED_TITLES: Record<string, string[]> = {
  'hardcoded-endpoint': [
    'Create the Named Credential Erp_Stock for https://erp.example.com (with an External Credential) and use callout:Erp_Stock',
    'Disable apex-pattern-lint hardcoded-endpoint for this line',
    'Disable hardcoded-endpoint for this method',
    'Show documentation for hardcoded-endpoint',
  ],
  'callout-timeout-missing': [
    'Set an explicit timeout: req.setTimeout(10000);',
    'Disable apex-pattern-lint callout-timeout-missing for this line',
    'Disable callout-timeout-missing for this method',
    'Show documentation for callout-timeout-missing',
  ],
};

/** A child process that keeps one core busy until killed. */
function cpuHog(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

describe('language server: code actions the moment diagnostics arrive, under load', function () {
  this.timeout(240000);
  let dir: string;
  let client: LspTestClient;
  const hogs: ChildProcess[] = [];

  before(() => {
    const classes = Array.from({ length: ROUNDS }, (_, i) => [path.join(CLASSES, `Client${i}.cls`), ERP_CLIENT.replace('ErpClient', `Client${i}`)]);
    dir = tempWorkspace(Object.fromEntries(classes));
    hogs.push(cpuHog(), cpuHog());
  });

  after(async () => {
    for (const hog of hogs) hog.kill();
    await client?.stop();
    removeWorkspace(dir);
  });

  /** The titles of the actions for each diagnostic of `held`, asked for all at once, by rule id. */
  async function titles(uri: string, held: PublishDiagnosticsParams): Promise<Record<string, string[]>> {
    const asked = await Promise.all(held.diagnostics.map((d) => client.codeActions(uri, d.range, [d])));
    return Object.fromEntries(held.diagnostics.map((d, i) => [String(d.code), asked[i].map((a: CodeAction) => a.title)]));
  }

  it(`${ROUNDS} times: open a class and at once ask for the fixes of the squiggles shown, then of the first diagnostics published for it`, async () => {
    client = await LspTestClient.start({ workspace: dir });
    const uris = Array.from({ length: ROUNDS }, (_, i) => fileUri(path.join(dir, CLASSES, `Client${i}.cls`)));
    // The workspace pass shows every class's findings before any is opened.
    const shown = (uri: string) => client.published.filter((p) => p.uri === uri && p.diagnostics.length > 0).pop();
    await client.waitFor('the findings of every class', () => (uris.every(shown) ? true : undefined));
    const missing: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const uri = uris[round];
      const held = shown(uri)!;
      const before = client.published.length;
      await client.open(uri, ERP_CLIENT.replace('ErpClient', `Client${round}`));
      // Another open document edited: its re-lint, and the workspace pass after it, compete.
      if (round > 0) await client.change(uris[round - 1], [{ text: ERP_CLIENT.replace('ErpClient', `Client${round - 1}`) + `\n// ${round}\n` }]);
      const atOnce = await titles(uri, held);
      const first = await client.waitFor(`diagnostics of Client${round}`, () => client.published.slice(before).find((p) => p.uri === uri));
      const afterOpen = await titles(uri, first);
      for (const [when, got] of [
        ['the squiggles shown when it opened', atOnce],
        [`its first publication (v${first.version ?? 'none'})`, afterOpen],
      ] as const) {
        if (JSON.stringify(got) !== JSON.stringify(EXPECTED_TITLES)) missing.push(`round ${round}, ${when}: ${JSON.stringify(got)}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
