/**
 * Pattern scaffolding through the real protocol: `workspace/executeCommand`
 * against a spawned server, compared with the pure generator, and the edit
 * applied the way a client would (files created, then text inserted).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { parseSfdxProject } from '../../../server/out/base/sfdx-project';
import {
  DECISION_QUESTIONS,
  patternCatalog,
  recommendPattern,
  scaffold,
  ScaffoldError,
  validateField,
  type ScaffoldRequest,
} from '../../../server/out/scaffold';
import { lintFiles } from '../support/lint';
import { LspTestClient, fileUri } from './lsp-client';
import type { ScaffoldResult as ScaffoldCommandResult } from '../../../shared/out/protocol';
import { API_VERSION, applyCreations, filesBelow, MAIN_DEFAULT, SFDX_PROJECT, tempDir } from './scaffold-support';

const REQUESTS: ScaffoldRequest[] = [
  { pattern: 'request-reply', name: 'CreditCheck', options: { url: 'https://erp.example.com/api', timeout: '8000' } },
  { pattern: 'fire-and-forget', name: 'OrderSync', options: { 'named-credential': 'ERP', 'publish-behavior': 'immediately' } },
  { pattern: 'batch-sync', name: 'InvoiceErp', options: { object: 'Invoice__c', 'named-credential': 'ERP' } },
  { pattern: 'ui-update', name: 'Shipment' },
  { pattern: 'named-credential', name: 'ERP', options: { url: 'https://erp.example.com/v2', label: 'ERP' } },
];

type ScaffoldResult = ScaffoldCommandResult;

describe('language server: pattern scaffolding commands', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  const execute = <R>(command: string, ...args: unknown[]) => client.connection.sendRequest<R>('workspace/executeCommand', { command, arguments: args });
  const scaffoldCommand = (args: unknown) => execute<ScaffoldResult>('apexPatternLint.scaffold', args);

  before(async () => {
    dir = tempDir(SFDX_PROJECT);
    client = await LspTestClient.start({ workspace: dir });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the catalog command returns the patterns and the decision questions', async () => {
    const catalog = await execute('apexPatternLint.scaffoldCatalog');
    assert.deepEqual(catalog, { patterns: patternCatalog(), questions: JSON.parse(JSON.stringify(DECISION_QUESTIONS)) });
  });

  it("each pattern comes back as CreateFile + insert pairs for exactly the generator's files, under the default package directory", async () => {
    const project = parseSfdxProject(dir, SFDX_PROJECT);
    for (const request of REQUESTS) {
      const expected = scaffold(request, project).files;
      const result = await scaffoldCommand(request);
      const uris = expected.map((f) => fileUri(f.path));
      assert.deepEqual({ ...result, edit: undefined }, { files: uris, conflicts: [], problems: [], project: fileUri(dir), edit: undefined }, request.pattern);
      for (const f of expected) assert.ok(f.path.startsWith(path.join(dir, MAIN_DEFAULT) + path.sep), f.path);
      assert.deepEqual(
        result.edit,
        {
          documentChanges: expected.flatMap((f) => [
            { kind: 'create', uri: fileUri(f.path), options: { overwrite: false, ignoreIfExists: false } },
            {
              textDocument: { uri: fileUri(f.path), version: null },
              edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }],
            },
          ]),
        },
        request.pattern,
      );
      applyCreations(result.edit!);
    }
    const all = REQUESTS.flatMap((r) => scaffold(r, project).files);
    assert.deepEqual(
      filesBelow(dir).filter((f) => !f.endsWith('sfdx-project.json')),
      all.map((f) => f.path).sort(),
    );
    for (const f of all) assert.equal(fs.readFileSync(f.path, 'utf8'), f.text);
    for (const f of all.filter((x) => /\.(cls|trigger|js)-meta\.xml$/.test(x.path)))
      assert.ok(f.text.includes(`<apiVersion>${API_VERSION}</apiVersion>`), f.path);
  });

  it('the applied project lints with zero findings', () => {
    const apex = filesBelow(dir).filter((f) => /\.(cls|trigger)$/.test(f));
    assert.equal(apex.length, 11);
    const results = lintFiles(apex.map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') })));
    assert.deepEqual(
      [...results.entries()].filter(([, seen]) => seen.length),
      [],
    );
  });

  it('existing files are conflicts and no edit is returned; overwrite: true overwrites exactly those', async () => {
    const request = REQUESTS[0];
    const files = scaffold(request, parseSfdxProject(dir, SFDX_PROJECT)).files;
    const uris = files.map((f) => fileUri(f.path));
    const removed = files[1].path;
    fs.rmSync(removed);
    const refused = await scaffoldCommand(request);
    assert.deepEqual(refused, { files: uris, conflicts: uris.filter((_, i) => i !== 1), problems: [], project: fileUri(dir) });

    fs.writeFileSync(files[0].path, '// edited by hand\n');
    const consented = await scaffoldCommand({ ...request, overwrite: true });
    assert.deepEqual(consented.conflicts, refused.conflicts);
    const creates = (consented.edit!.documentChanges as (CreateFile | TextDocumentEdit)[]).filter((c): c is CreateFile => 'kind' in c);
    assert.deepEqual(
      creates.map((c) => [c.uri, c.options]),
      uris.map((u, i) => [u, { overwrite: i !== 1, ignoreIfExists: false }]),
    );
    applyCreations(consented.edit!);
    for (const f of files) assert.equal(fs.readFileSync(f.path, 'utf8'), f.text);
  });

  it("names that would leave the project folder are refused with the generator's problems and no edit", async () => {
    for (const request of [
      { pattern: 'request-reply', name: '../x' },
      { pattern: 'named-credential', name: '/etc/passwd', options: { url: 'https://x.example.com' } },
      { pattern: 'fire-and-forget', name: 'Evt', options: { event: '../../Evil__e' } },
      { pattern: 'ui-update', name: 'Shipment', options: { component: '..' } },
    ] as ScaffoldRequest[]) {
      let expected: string[] = [];
      assert.throws(
        () => scaffold(request, parseSfdxProject(dir, SFDX_PROJECT)),
        (e: unknown) => e instanceof ScaffoldError && !!(expected = e.problems),
      );
      const result = await scaffoldCommand(request);
      assert.deepEqual(result, { files: [], conflicts: [], problems: expected, project: fileUri(dir) }, request.name);
    }
    assert.equal(fs.existsSync(path.join(dir, 'x')), false);
  });

  it('a package folder that is a symbolic link out of the project is refused', async () => {
    const outside = tempDir();
    const classes = path.join(dir, MAIN_DEFAULT, 'classes');
    const moved = classes + '.real';
    fs.renameSync(classes, moved);
    fs.symlinkSync(outside, classes);
    try {
      const result = await scaffoldCommand({ pattern: 'request-reply', name: 'Escape' });
      assert.equal(result.edit, undefined);
      assert.deepEqual(result.problems, [
        `Refusing ${path.join(classes, 'EscapeService.cls')}: it leads outside the project folder through a symbolic link`,
        `Refusing ${path.join(classes, 'EscapeService.cls-meta.xml')}: it leads outside the project folder through a symbolic link`,
        `Refusing ${path.join(classes, 'EscapeServiceTest.cls')}: it leads outside the project folder through a symbolic link`,
        `Refusing ${path.join(classes, 'EscapeServiceTest.cls-meta.xml')}: it leads outside the project folder through a symbolic link`,
      ]);
    } finally {
      fs.rmSync(classes);
      fs.renameSync(moved, classes);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('bad arguments come back as problems, and the server keeps answering', async () => {
    const cases: [unknown[], string[]][] = [
      [[], ['Expected one argument { pattern, name, options?, folder?, overwrite? }']],
      [[null], ['Expected one argument { pattern, name, options?, folder?, overwrite? }']],
      [['request-reply'], ['Expected one argument { pattern, name, options?, folder?, overwrite? }']],
      [
        [{ pattern: 5, name: 3, options: 'x', overwrite: 'yes' }],
        [
          '"pattern" must be a string, one of request-reply, fire-and-forget, batch-sync, ui-update, named-credential (got number)',
          '"name" must be a string (got number)',
          '"options" must be an object of option id → string (got string)',
          '"overwrite" must be true or false (got string)',
        ],
      ],
      [[{ pattern: 'soap', name: 'X' }], ['Unknown pattern "soap" (use one of request-reply, fire-and-forget, batch-sync, ui-update, named-credential)']],
      [[{ pattern: 'request-reply', name: 'X', options: { timeout: 5, path: null } }], ['Option values must be strings: "timeout" is number']],
      [[{ pattern: 'request-reply', name: 'X', folder: 'https://example.com/' }], ['"folder" must be a file: URI (got "https://example.com/")']],
      [
        [{ pattern: 'request-reply', name: 'X', folder: fileUri(os.tmpdir()) }],
        [`${os.tmpdir()} is not inside a workspace folder; scaffolding writes only into the workspace`],
      ],
    ];
    for (const [args, problems] of cases) {
      const result = await client.connection.sendRequest<ScaffoldResult>('workspace/executeCommand', { command: 'apexPatternLint.scaffold', arguments: args });
      assert.deepEqual(result, { files: [], conflicts: [], problems }, JSON.stringify(args));
    }
    assert.deepEqual(await execute('apexPatternLint.scaffoldDefaults', { pattern: 'ui-update', name: 'Shipment' }), {
      defaults: { event: 'ShipmentStatus__e', component: 'shipmentStatusFeed', 'publish-behavior': 'after-commit' },
      problems: [],
    });
    assert.deepEqual(await execute('apexPatternLint.scaffoldDefaults', { pattern: 'ui-update' }), {
      defaults: {},
      problems: ['"name" must be a string (got undefined)'],
    });
    assert.equal((await execute<{ patterns: unknown[] }>('apexPatternLint.scaffoldCatalog')).patterns.length, 5);
  });

  it("validateScaffoldField gives the generator's message for each field, null when fine", async () => {
    const validate = (a: unknown) => execute<{ problem: string | null }>('apexPatternLint.validateScaffoldField', a);
    const fields: [string, string, string][] = [
      ['request-reply', 'name', '../x'],
      ['request-reply', 'name', 'class'],
      ['request-reply', 'name', 'AVeryLongServiceNameThatGoesOnAndOnForEver'],
      ['fire-and-forget', 'event', 'Order'],
      ['fire-and-forget', 'event', 'Order__Event__e'],
      ['named-credential', 'url', 'http://erp.example.com'],
      ['named-credential', 'url', ''],
      ['request-reply', 'timeout', '20000'],
      ['batch-sync', 'event', 'X__e'],
    ];
    for (const [pattern, field, value] of fields) {
      const expected = validateField(pattern as ScaffoldRequest['pattern'], field, value);
      assert.ok(expected, `${field}=${value} should be refused`);
      assert.deepEqual(await validate({ pattern, field, value }), { problem: expected });
    }
    assert.deepEqual(await validate({ pattern: 'fire-and-forget', field: 'event', value: 'Order' }), {
      problem: 'Platform Event API name "Order" must end with "__e" (for example Order_Event__e)',
    });
    assert.deepEqual(await validate({ pattern: 'fire-and-forget', field: 'event', value: 'Order_Event__e' }), { problem: null });
    assert.deepEqual(await validate({ pattern: 'request-reply', field: 'name', value: 'CreditCheck' }), { problem: null });
    assert.deepEqual(await validate({ pattern: 'request-reply', field: 'name' }), { problem: '"value" must be a string (got undefined)' });
    assert.deepEqual(await validate(42), { problem: 'Expected one argument { pattern, field, value }' });
  });

  it('recommendPattern answers with the pattern, its title and the one-sentence why; bad answers are problems', async () => {
    const answers = { needsAnswer: 'no', volume: 'single', latency: 'seconds', liveUi: 'yes', whenDown: 'retry-later' } as const;
    assert.deepEqual(await execute('apexPatternLint.recommendPattern', answers), {
      recommendation: { ...recommendPattern(answers), title: 'UI Update (Streaming)' },
      problems: [],
    });
    assert.equal(recommendPattern(answers).pattern, 'ui-update');
    assert.deepEqual(await execute('apexPatternLint.recommendPattern', { ...answers, volume: 'lots', liveUi: undefined }), {
      problems: [
        '"volume" (How many records does one action or run send?) must be one of single, bulk (got "lots")',
        '"liveUi" (Must the user\'s screen update live when the outcome is known?) must be one of yes, no (got nothing)',
      ],
    });
  });

  it('apply: true asks the client to apply the same edit with workspace/applyEdit', async () => {
    const received: WorkspaceEdit[] = [];
    client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      received.push(p.edit);
      return { applied: true };
    });
    const result = await scaffoldCommand({ pattern: 'named-credential', name: 'Billing', options: { url: 'https://billing.example.com' }, apply: true });
    assert.equal(result.applied, true);
    assert.deepEqual(received, [result.edit]);
    assert.deepEqual(result.files, [fileUri(path.join(dir, MAIN_DEFAULT, 'namedCredentials', 'Billing.namedCredential-meta.xml'))]);
  });
});

describe('language server: scaffolding picks the SFDX project', function () {
  this.timeout(30000);
  let outer: string;
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    // A workspace folder holding two SFDX projects, none at its root, inside an SFDX project that is not part of the workspace.
    outer = tempDir(SFDX_PROJECT);
    dir = path.join(outer, 'ws');
    for (const name of ['billing', 'shipping']) {
      fs.mkdirSync(path.join(dir, name, 'nested'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, name, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: API_VERSION }),
      );
    }
    client = await LspTestClient.start({ workspace: dir });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(outer, { recursive: true, force: true });
  });

  const request = { pattern: 'request-reply', name: 'Quote' };
  const scaffoldCommand = (args: unknown) =>
    client.connection.sendRequest<ScaffoldResult>('workspace/executeCommand', { command: 'apexPatternLint.scaffold', arguments: [args] });

  it('without "folder" it says that no workspace folder is an SFDX project', async () => {
    assert.deepEqual(await scaffoldCommand(request), {
      files: [],
      conflicts: [],
      problems: ['No workspace folder has an sfdx-project.json; open an SFDX project'],
    });
  });

  it('"folder" picks the nearest sfdx-project.json above it, within the workspace folder', async () => {
    const result = await scaffoldCommand({ ...request, folder: fileUri(path.join(dir, 'shipping', 'nested')) });
    assert.equal(result.project, fileUri(path.join(dir, 'shipping')));
    assert.deepEqual(result.files, [
      fileUri(path.join(dir, 'shipping', 'force-app', 'main', 'default', 'classes', 'QuoteService.cls')),
      fileUri(path.join(dir, 'shipping', 'force-app', 'main', 'default', 'classes', 'QuoteService.cls-meta.xml')),
      fileUri(path.join(dir, 'shipping', 'force-app', 'main', 'default', 'classes', 'QuoteServiceTest.cls')),
      fileUri(path.join(dir, 'shipping', 'force-app', 'main', 'default', 'classes', 'QuoteServiceTest.cls-meta.xml')),
    ]);
  });

  it('never looks above the workspace folder for a project, nor takes a folder outside it', async () => {
    for (const folder of [fileUri(dir), `${fileUri(dir)}/`]) {
      assert.deepEqual(
        await scaffoldCommand({ ...request, folder }),
        {
          files: [],
          conflicts: [],
          problems: [`No sfdx-project.json in ${dir} or the folders above it in the workspace`],
        },
        folder,
      );
    }
    assert.deepEqual((await scaffoldCommand({ ...request, folder: fileUri(outer) })).problems, [
      `${outer} is not inside a workspace folder; scaffolding writes only into the workspace`,
    ]);
    assert.deepEqual((await scaffoldCommand({ ...request, folder: fileUri(path.join(dir, '..', '..')) })).problems, [
      `${path.dirname(outer)} is not inside a workspace folder; scaffolding writes only into the workspace`,
    ]);
  });
});
