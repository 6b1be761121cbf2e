import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, fileUri } from './lsp-client';
import { CLASSES, removeWorkspace, tempWorkspace } from './workspace';

const REPO = `public with sharing class AccountRepo {
    public static void save(Account a) {
        update a;
    }
}
`;

const SYNC = `public with sharing class AccountSync {
    @AuraEnabled
    public static void go(Account a) {
        AccountRepo.save(a);
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/accounts');
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        if (res.getBody() != 'OK') {
            throw new CalloutException(res.getStatus());
        }
    }
}
`;

describe('language server: cross-file findings and files changed on disk', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  let repoFile: string;
  let syncUri: string;

  before(async () => {
    dir = tempWorkspace({ [path.join(CLASSES, 'AccountRepo.cls')]: REPO });
    repoFile = path.join(dir, CLASSES, 'AccountRepo.cls');
    syncUri = fileUri(path.join(dir, CLASSES, 'AccountSync.cls'));
    client = await LspTestClient.start({ workspace: dir });
    await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
  });

  after(async () => {
    await client?.stop();
    removeWorkspace(dir);
  });

  it('an open class gets callout-after-dml from DML in a closed class, with related locations in both files', async () => {
    await client.open(syncUri, SYNC);
    const ds = await client.diagnosticsFor(syncUri, 1);
    assert.deepEqual(ds, [
      {
        range: { start: { line: 7, character: 38 }, end: { line: 7, character: 47 } },
        severity: 1,
        source: 'apex-pattern-lint',
        code: 'callout-after-dml',
        codeDescription: { href: 'https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/callout-after-dml.md' },
        message:
          'Callout after AccountRepo.save() (update statement) in the same transaction: it fails at runtime with "You have uncommitted work pending". Call out first, or hand the callout to a Queueable with Database.AllowsCallouts',
        relatedInformation: [
          {
            location: { uri: syncUri, range: { start: { line: 3, character: 20 }, end: { line: 3, character: 27 } } },
            message: 'pending work: AccountRepo.save() (update statement)',
          },
          {
            location: { uri: fileUri(repoFile), range: { start: { line: 2, character: 8 }, end: { line: 2, character: 16 } } },
            message: 'pending work: update statement',
          },
        ],
      },
    ]);
  });

  it('when the closed class changes on disk, the open class is re-linted without the finding', async () => {
    fs.writeFileSync(repoFile, REPO.replace('        update a;\n', '        System.debug(a);\n'));
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(repoFile), type: 2 }] });
    const ds = await client.waitFor('re-published AccountSync', () => client.published.slice(before).find((p) => p.uri === syncUri)?.diagnostics);
    assert.deepEqual(ds, []);
  });

  it('when the class is deleted and created again with DML, the finding comes back', async () => {
    fs.rmSync(repoFile);
    let before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(repoFile), type: 3 }] });
    assert.deepEqual(await client.waitFor('after delete', () => client.published.slice(before).find((p) => p.uri === syncUri)?.diagnostics), []);
    fs.writeFileSync(repoFile, REPO);
    before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(repoFile), type: 1 }] });
    const ds = await client.waitFor('after create', () => client.published.slice(before).find((p) => p.uri === syncUri)?.diagnostics);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['callout-after-dml'],
    );
  });

  it('diagnostics that Lint Workspace published for a closed class follow its changes on disk', async () => {
    const legacy = path.join(dir, CLASSES, 'InventoryClient.cls');
    const text = `public with sharing class InventoryClient {
    public static HttpResponse stock() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/stock');
        return new Http().send(req);
    }
}
`;
    fs.writeFileSync(legacy, text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(legacy), type: 1 }] });
    await client.connection.sendRequest('apexPatternLint/lintWorkspace', {});
    const uri = fileUri(legacy);
    const first = client.published.filter((p) => p.uri === uri).pop()!;
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['callout-timeout-missing'],
    );
    const before = client.published.length;
    fs.writeFileSync(legacy, text.replace('        return new Http()', '        req.setTimeout(5000);\n        return new Http()'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    assert.deepEqual(await client.waitFor('closed file re-published', () => client.published.slice(before).find((p) => p.uri === uri)?.diagnostics), []);
  });

  it('a .forceignore that starts ignoring a class re-indexes without it', async () => {
    const forceignore = path.join(dir, '.forceignore');
    fs.writeFileSync(forceignore, '**/AccountRepo.cls\n');
    const statusesBefore = client.statuses.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(forceignore), type: 1 }] });
    const done = await client.waitFor('re-index done', () => client.statuses.slice(statusesBefore).find((s) => !s.indexing));
    const ds = await client.waitFor('re-linted after re-index', () => client.published.slice(done.publishedBefore).find((p) => p.uri === syncUri)?.diagnostics);
    assert.deepEqual(ds, []);
    fs.rmSync(forceignore);
    const again = client.statuses.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(forceignore), type: 3 }] });
    const back = await client.waitFor('re-index done', () => client.statuses.slice(again).find((s) => !s.indexing));
    const restored = await client.waitFor('re-linted', () => client.published.slice(back.publishedBefore).find((p) => p.uri === syncUri)?.diagnostics);
    assert.deepEqual(
      restored.map((d) => d.code),
      ['callout-after-dml'],
    );
  });

  it('an sfdx-project.json that drops the package directory re-indexes without its classes', async () => {
    fs.writeFileSync(
      path.join(dir, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'elsewhere', default: true }], sourceApiVersion: '62.0' }),
    );
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    const statusesBefore = client.statuses.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'sfdx-project.json')), type: 2 }] });
    // Diagnostics computed once the new index is complete (earlier ones may still be in flight).
    const done = await client.waitFor('re-index done', () => client.statuses.slice(statusesBefore).find((s) => !s.indexing));
    const ds = await client.waitFor('re-linted after re-index', () => client.published.slice(done.publishedBefore).find((p) => p.uri === syncUri)?.diagnostics);
    // AccountRepo.cls is no longer part of the project: nothing leaves pending work before the callout.
    assert.deepEqual(ds, []);
  });
});
