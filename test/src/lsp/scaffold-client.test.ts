/**
 * The VS Code scaffolding commands without VS Code: client/out/scaffold.js is
 * loaded with a stand-in `vscode` module whose prompts answer from scripts,
 * and its requests go to a real spawned server. What lands on disk is
 * compared with the pure generator.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CHOOSE_PATTERN_COMMAND, NEW_PATTERN_COMMANDS } from '../../../client/out/scaffold-flow';
import { parseSfdxProject } from '../../../server/out/base/sfdx-project';
import { patternCatalog, recommendPattern, scaffold, validateField, type ScaffoldRequest } from '../../../server/out/scaffold';
import { LspTestClient, fileUri } from './lsp-client';
import { applyCreations, MAIN_DEFAULT, SFDX_PROJECT, tempDir } from './scaffold-support';
import { loadWithStandIn, StubUri, type QuickPickItem } from './vscode-stand-in';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLIENT_SCAFFOLD = path.join(ROOT, 'client', 'out', 'scaffold.js');

type ClientScaffold = { registerScaffoldCommands(context: { subscriptions: unknown[] }, getClient: () => unknown): void };

const pickLabel = (label: string) => (items: QuickPickItem[]) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no "${label}" among ${items.map((i) => i.label).join(', ')}`);
  return item;
};

describe('VS Code scaffolding commands', () => {
  it('package.json contributes the six commands and the client registers each of them', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const scaffolding = manifest.contributes.commands
      .slice(3, 9)
      .map((c: { command: string; title: string; category: string }) => `${c.category}: ${c.title} (${c.command})`);
    assert.deepEqual(scaffolding, [
      'Apex Pattern Lint: New Request-Reply Service (apexPatternLint.newRequestReplyService)',
      'Apex Pattern Lint: New Fire-and-Forget (Platform Event) (apexPatternLint.newFireAndForget)',
      'Apex Pattern Lint: New Batch Data Sync (apexPatternLint.newBatchDataSync)',
      'Apex Pattern Lint: New UI Update (Streaming) (apexPatternLint.newUiUpdate)',
      'Apex Pattern Lint: New Named Credential (apexPatternLint.newNamedCredential)',
      'Apex Pattern Lint: Choose Integration Pattern (apexPatternLint.chooseIntegrationPattern)',
    ]);
    assert.deepEqual(
      Object.values(NEW_PATTERN_COMMANDS),
      patternCatalog().map((p) => p.id),
    );

    const { exports, vscode } = loadWithStandIn<ClientScaffold>(CLIENT_SCAFFOLD);
    const context = { subscriptions: [] as unknown[] };
    vscode.commands.clear();
    exports.registerScaffoldCommands(context, () => undefined);
    assert.deepEqual([...vscode.commands.keys()], [...Object.keys(NEW_PATTERN_COMMANDS), CHOOSE_PATTERN_COMMAND]);
    assert.equal(context.subscriptions.length, 6);
    // activate() is what VS Code runs: it must hand the client to the registration.
    assert.match(fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8'), /\n {2}registerScaffoldCommands\(context, \(\) => client\);\n/);
  });

  it('the .vsix ships templates/, which the bundled server reads one folder above dist/', () => {
    assert.ok(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!templates/**'));
    assert.match(fs.readFileSync(path.join(ROOT, 'client', 'build.mjs'), 'utf8'), /plugins: \[parserRuntime, templatesDir, sharedSources\]/);
  });
});

describe('VS Code scaffolding commands against the server', function () {
  this.timeout(30000);
  let dir: string;
  let server: LspTestClient;
  const { exports, vscode } = loadWithStandIn<ClientScaffold>(CLIENT_SCAFFOLD);
  const project = () => parseSfdxProject(dir, SFDX_PROJECT);
  const run = (command: string) => vscode.commands.get(command)!();
  const classes = () => path.join(dir, MAIN_DEFAULT, 'classes');

  before(async () => {
    dir = tempDir(SFDX_PROJECT);
    server = await LspTestClient.start({ workspace: dir });
    const client = {
      sendRequest: (method: string, params: unknown) => server.connection.sendRequest(method, params),
      protocol2CodeConverter: { asWorkspaceEdit: async (edit: WorkspaceEdit) => edit },
    };
    vscode.commands.clear();
    exports.registerScaffoldCommands({ subscriptions: [] }, () => client);
    vscode.workspaceFolders = [{ uri: StubUri.parse(fileUri(dir)) }];
    vscode.applyEdit = (edit) => (applyCreations(edit as WorkspaceEdit), true);
  });

  beforeEach(() => vscode.reset());
  // Every scripted answer was asked for: a prompt the command skipped would go unnoticed otherwise.
  afterEach(() =>
    assert.deepEqual([vscode.inputs.length, vscode.picks.length, vscode.warnings.length, vscode.offers.length], [0, 0, 0, 0], 'unused scripted answers'),
  );

  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The generator's files for `request`, checked against the disk. */
  function assertOnDisk(request: ScaffoldRequest): string[] {
    const files = scaffold(request, project()).files;
    for (const f of files) assert.equal(fs.readFileSync(f.path, 'utf8'), f.text, f.path);
    return files.map((f) => fileUri(f.path));
  }

  it('New Request-Reply Service: name validated by the server, defaults shown, files created, saved, Apex opened', async () => {
    const seen: (string | null | undefined)[] = [];
    let summary: string | undefined;
    vscode.inputs.push(async (o) => {
      seen.push(await o.validateInput('../x'), await o.validateInput('class'), await o.validateInput('CreditCheck'));
      return 'CreditCheck';
    });
    vscode.picks.push((items) => ((summary = items[0].detail), pickLabel('Create')(items)));
    // The project has no Named Credential CreditCheck: its URL is asked; empty means "I create it myself".
    let credentialPrompt: string | undefined;
    vscode.inputs.push((o) => ((credentialPrompt = `${o.title}: ${o.prompt}`), ''));
    await run('apexPatternLint.newRequestReplyService');

    assert.deepEqual(seen, [validateField('request-reply', 'name', '../x'), 'Name "class" is a reserved word in Apex', null]);
    assert.equal(summary, 'named-credential: CreditCheck · path: credit-check · timeout: 10000 · url: (none)');
    assert.equal(
      credentialPrompt,
      'New Request-Reply Service "CreditCheck": Named Credential CreditCheck: The project has no Named Credential CreditCheck. Its URL (https) creates it; leave empty if you create it yourself before deploying.',
    );
    assert.deepEqual(vscode.errors, []);
    const uris = assertOnDisk({ pattern: 'request-reply', name: 'CreditCheck' });
    assert.equal(vscode.applied.length, 1);
    assert.deepEqual(vscode.saved, uris);
    assert.deepEqual(vscode.shown, [
      { uri: fileUri(path.join(classes(), 'CreditCheckService.cls')), preserveFocus: false },
      { uri: fileUri(path.join(classes(), 'CreditCheckServiceTest.cls')), preserveFocus: true },
    ]);
    assert.deepEqual(vscode.infos, []);
    assert.deepEqual(vscode.notices, [
      'Apex Pattern Lint: created Request-Reply Service "CreditCheck": 4 files. Still to do: create the Named Credential CreditCheck before deploying.',
    ]);
  });

  it('New Request-Reply Service: the URL given for the missing Named Credential creates it with the service', async () => {
    vscode.inputs.push(
      () => 'Payments',
      async (o) => (
        assert.equal(await o.validateInput('http://pay.example.com'), validateField('request-reply', 'url', 'http://pay.example.com')),
        'https://pay.example.com/api'
      ),
    );
    vscode.picks.push(pickLabel('Create'));
    await run('apexPatternLint.newRequestReplyService');
    assert.deepEqual(vscode.errors, []);
    const uris = assertOnDisk({ pattern: 'request-reply', name: 'Payments', options: { url: 'https://pay.example.com/api' } });
    assert.ok(
      uris.some((u) => u.endsWith('/namedCredentials/Payments.namedCredential-meta.xml')),
      uris.join('\n'),
    );
    assert.deepEqual(vscode.infos, ['Apex Pattern Lint: created Request-Reply Service "Payments": 5 files.']);
  });

  it('existing files: a modal question lists them; no answer creates nothing, "Overwrite" replaces them', async () => {
    const service = path.join(classes(), 'CreditCheckService.cls');
    fs.writeFileSync(service, '// edited by hand\n');
    const answerName = () => 'CreditCheck';
    let question: unknown;
    vscode.inputs.push(answerName, () => '');
    vscode.picks.push(pickLabel('Create'));
    vscode.warnings.push((message, options, items) => ((question = { message, options, items }), undefined));
    await run('apexPatternLint.newRequestReplyService');
    const rel = (f: string) => path.join(MAIN_DEFAULT, 'classes', f).split(path.sep).join('/');
    assert.deepEqual(question, {
      message: 'Overwrite 4 files that already exist?',
      options: {
        modal: true,
        detail: `Request-Reply Service "CreditCheck" would replace:\n${['CreditCheckService.cls', 'CreditCheckService.cls-meta.xml', 'CreditCheckServiceTest.cls', 'CreditCheckServiceTest.cls-meta.xml'].map(rel).join('\n')}`,
      },
      // The safe choice first: it is the dialog's primary button, the one Enter presses.
      items: [{ title: 'Keep Existing Files' }, { title: 'Overwrite' }],
    });
    assert.deepEqual([vscode.applied, vscode.errors, fs.readFileSync(service, 'utf8')], [[], [], '// edited by hand\n']);

    vscode.reset();
    vscode.inputs.push(answerName, () => '');
    vscode.picks.push(pickLabel('Create'));
    vscode.warnings.push((_m, _o, items) => items[0]);
    await run('apexPatternLint.newRequestReplyService');
    assert.deepEqual([vscode.applied, vscode.errors, fs.readFileSync(service, 'utf8')], [[], [], '// edited by hand\n'], 'the primary button keeps the files');

    vscode.reset();
    vscode.inputs.push(answerName, () => '');
    vscode.picks.push(pickLabel('Create'));
    vscode.warnings.push((_m, _o, items) => items[1]);
    await run('apexPatternLint.newRequestReplyService');
    assertOnDisk({ pattern: 'request-reply', name: 'CreditCheck' });
    assert.deepEqual(vscode.notices, [
      'Apex Pattern Lint: created Request-Reply Service "CreditCheck": 4 files (4 overwritten). Still to do: create the Named Credential CreditCheck before deploying.',
    ]);
  });

  it('New Fire-and-Forget: "Change settings…" asks every option, choices as a quick pick, values validated', async () => {
    const prefilled: Record<string, string | undefined> = {};
    let timeoutProblem: string | null | undefined;
    let behaviourItems: QuickPickItem[] = [];
    vscode.inputs.push(
      () => 'OrderSync',
      (o) => ((prefilled.event = o.value), 'Order_Event__e'),
      (o) => ((prefilled.nc = o.value), 'ERP'),
      (o) => o.value,
      async (o) => ((timeoutProblem = await o.validateInput('999999')), '20000'),
      (o) => ((prefilled.url = o.value), ''),
      () => '',
    );
    vscode.picks.push(pickLabel('Change settings…'), (items) => ((behaviourItems = items), pickLabel('immediately')(items)));
    await run('apexPatternLint.newFireAndForget');

    assert.deepEqual(prefilled, { event: 'OrderSyncEvent__e', nc: 'OrderSync', url: '' });
    assert.equal(timeoutProblem, validateField('fire-and-forget', 'timeout', '999999'));
    assert.deepEqual(
      behaviourItems.map((i) => [i.label, i.description]),
      [
        ['after-commit', '(default)'],
        ['immediately', undefined],
      ],
    );
    assert.deepEqual(vscode.errors, []);
    assertOnDisk({
      pattern: 'fire-and-forget',
      name: 'OrderSync',
      options: { event: 'Order_Event__e', 'publish-behavior': 'immediately', 'named-credential': 'ERP', path: 'order-sync', timeout: '20000' },
    });
    assert.equal(vscode.shown.length, 5);
    assert.ok(
      fs.readFileSync(path.join(dir, MAIN_DEFAULT, 'objects', 'Order_Event__e', 'Order_Event__e.object-meta.xml'), 'utf8').includes('PublishImmediately'),
    );
  });

  it('New Named Credential: the required URL first; cancelling creates nothing; the XML is opened when there is no Apex', async () => {
    vscode.inputs.push(
      () => 'Billing',
      () => undefined,
    );
    await run('apexPatternLint.newNamedCredential');
    assert.deepEqual([vscode.applied, vscode.errors], [[], []]);

    vscode.reset();
    let urlProblem: string | null | undefined;
    vscode.inputs.push(
      () => 'Billing',
      async (o) => ((urlProblem = await o.validateInput('http://billing.example.com')), 'https://billing.example.com'),
    );
    vscode.picks.push(pickLabel('Create'));
    await run('apexPatternLint.newNamedCredential');
    assert.equal(urlProblem, validateField('named-credential', 'url', 'http://billing.example.com'));
    const [uri] = assertOnDisk({ pattern: 'named-credential', name: 'Billing', options: { url: 'https://billing.example.com' } });
    assert.deepEqual(vscode.shown, [{ uri, preserveFocus: false }]);
  });

  it('Choose Integration Pattern: the questions in order, the recommendation with its why, then the pattern scaffolded', async () => {
    for (const label of ['No', 'Many', 'Hours are fine', 'No', 'Catch up on the next scheduled run']) vscode.picks.push(pickLabel(label));
    let offer: unknown;
    vscode.offers.push((message, options, items) => ((offer = { message, detail: options.detail, items }), items[0]));
    vscode.inputs.push(
      () => 'AccountErp',
      () => '',
    );
    vscode.picks.push(pickLabel('Create'));
    await run(CHOOSE_PATTERN_COMMAND);

    const why = recommendPattern({ needsAnswer: 'no', volume: 'bulk', latency: 'hours', liveUi: 'no', whenDown: 'next-run' }).why;
    assert.deepEqual(offer, { message: 'Recommended: Batch Data Sync', detail: why, items: ['New Batch Data Sync…'] });
    assert.deepEqual(vscode.asked.slice(0, 5), [
      'pick Choose Integration Pattern (1/5): Does the caller need the answer to continue?',
      'pick Choose Integration Pattern (2/5): How many records does one action or run send?',
      'pick Choose Integration Pattern (3/5): How soon must the other system have the data?',
      "pick Choose Integration Pattern (4/5): Must the user's screen update live when the outcome is known?",
      'pick Choose Integration Pattern (5/5): What should happen when the other system is down?',
    ]);
    assertOnDisk({ pattern: 'batch-sync', name: 'AccountErp' });
    assert.deepEqual(vscode.errors, []);
  });

  it('Choose Integration Pattern: declining the recommendation creates nothing', async () => {
    for (const label of ['Yes', 'One or a few', 'Within seconds', 'No', 'The user must know at once']) vscode.picks.push(pickLabel(label));
    let offered: string | undefined;
    vscode.offers.push((message) => ((offered = message), undefined));
    await run(CHOOSE_PATTERN_COMMAND);
    assert.equal(offered, 'Recommended: Request-Reply Service');
    assert.deepEqual([vscode.applied, vscode.errors, vscode.asked.length], [[], [], 6]);
  });

  it("the server's refusal is shown as an error and nothing is applied", async () => {
    fs.mkdirSync(path.join(classes(), 'QuoteService.cls'));
    vscode.inputs.push(
      () => 'Quote',
      () => '',
    );
    vscode.picks.push(pickLabel('Create'));
    await run('apexPatternLint.newRequestReplyService');
    assert.deepEqual(vscode.applied, []);
    assert.deepEqual(vscode.errors, [
      `Apex Pattern Lint: cannot create Request-Reply Service "Quote": Refusing ${path.join(classes(), 'QuoteService.cls')}: it exists and is not a file`,
    ]);
  });
});
