/**
 * `npm run test:e2e`: the packaged extension in a real VS Code (code-server
 * 4.100.3 = VS Code 1.100.3), driven through Debian's Chromium with
 * playwright-core, on a copy of examples/order-integration. What is asserted
 * is what a user sees: squiggles measured on the rendered text, Problems
 * rows, quick fixes chosen from the Ctrl+. menu, files on disk, hovers,
 * prompts. The CLI on the same files is the reference for ranges.
 * The last step restarts code-server with a stand-in for Salesforce's Apex
 * extension installed too (lib/coexist.mjs).
 *   node test/e2e/vscode.mjs [--vsix apex-pattern-lint.vsix] [--only <step name regex>]
 * Tools: bash test/e2e/setup.sh.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanTemp, copyExample, launchBrowser, requireTools, ROOT, runFolder, startCodeServer } from './lib/rig.mjs';
import { findingsOf, lintJson } from './lib/cli.mjs';
import { consoleOf, OVERWRITE_WARNING, packStub } from './lib/coexist.mjs';
import { Workbench } from './lib/workbench.mjs';
import { assert, Scenario } from './scenario.mjs';

const args = process.argv.slice(2);
const vsix = path.resolve(args.includes('--vsix') ? args[args.indexOf('--vsix') + 1] : path.join(ROOT, 'apex-pattern-lint.vsix'));
const only = args.includes('--only') ? new RegExp(args[args.indexOf('--only') + 1], 'i') : undefined;
if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);

const tempBefore = new Set(fs.readdirSync(os.tmpdir()));
const playwright = requireTools();
const run = runFolder('vscode');
const workspace = copyExample(run, 'order-integration');
const CLASSES = path.join(workspace, 'force-app', 'main', 'default', 'classes');
const cls = (name) => path.join(CLASSES, name);
const read = (file) => fs.readFileSync(file, 'utf8');
const started = Date.now();

// The client's trace of the protocol goes to the "Apex Pattern Lint" output log in the run folder
// (state/user-data/logs/…/output_logging_*/): which request came when, to read after a failed step.
// E2E_TRACE=verbose adds every message's content.
const SETTINGS = {
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'apexPatternLint.trace.server': process.env.E2E_TRACE === 'verbose' ? 'verbose' : 'messages',
};
let codeServer = await startCodeServer(run, workspace, [vsix], SETTINGS);
const browser = await launchBrowser(playwright, run);
const page = browser.pages()[0] ?? (await browser.newPage());
// Loading the workbench (a few MB of scripts from code-server) took more than playwright's 30 s under a CI load of 30.
page.setDefaultNavigationTimeout(120000);
const wb = new Workbench(page);
const log = consoleOf(page);
const scenario = new Scenario('VS Code end to end', run);

/** The CLI's finding of `rule` at `line` in `file`, as 1-based columns. */
function cliFinding(file, rule, line) {
  const found = findingsOf(workspace, file).find((m) => m.ruleId === rule && m.line === line);
  assert.ok(found, `the CLI reports ${rule} at line ${line} of ${path.basename(file)}`);
  return found;
}

/** Waits until the squiggles of `kind` include one on the CLI's range of `finding`. */
async function squiggleAt(kind, finding) {
  await wb.goTo(finding.line, finding.column);
  return wb.until(
    `a ${kind} squiggle on ${finding.line}:${finding.column}-${finding.endColumn}`,
    async () => {
      const all = await wb.squiggles(kind);
      return all.find((s) => s.line === finding.line && s.startColumn === finding.column && s.endColumn === finding.endColumn);
    },
    60000,
  );
}

scenario.step('Workbench starts with the extension', async () => {
  await page.goto(codeServer.url);
  await wb.ready();
  // The workspace's findings once indexed (not only open files), worst severity first.
  const all = lintJson([workspace]).flatMap((r) => r.messages);
  const errors = all.filter((m) => m.severity === 2).length;
  const warnings = all.filter((m) => m.severity === 1).length;
  const item = await wb.until(
    `status bar "Apex ${errors} / ${warnings}"`,
    async () => {
      const found = await wb.statusBarApex();
      return found && found.text === `Apex ${errors} ${warnings}` ? found : undefined;
    },
    60000,
  );
  assert.deepEqual(item.icons, ['codicon-error', 'codicon-warning']);
});

/** The grammar's root scope and the innermost scope of `public` (line 9) in OrderSubmitController.cls, and its colour classes. */
async function highlighting() {
  await wb.openFile('OrderSubmitController.cls');
  const scopes = await wb.tokenScopes(9, 1);
  await wb.goTo(18, 1);
  return { root: scopes.at(-1), token: scopes[0], classes: await wb.tokenClasses() };
}

scenario.step('Apex highlighting with our grammar when it is alone', async () => {
  const seen = await highlighting();
  assert.equal(seen.root, 'source.apex.apex-pattern-lint');
  assert.match(seen.token, /\.apex$/);
  assert.ok(seen.classes.length >= 3, `highlighted: ${seen.classes.join(' ')}`);
  assert.deepEqual(log.matching(OVERWRITE_WARNING), []);
});

scenario.step('Callout after DML: squiggle and Problems rows', async () => {
  await wb.openFile('OrderSubmitController.cls');
  const file = cls('OrderSubmitController.cls');
  const finding = cliFinding(file, 'callout-after-dml', 20);
  const squiggle = await squiggleAt('error', finding);
  assert.equal(squiggle.text, 'submit(ord)');
  await wb.filterProblems('OrderSubmitController');
  const rows = await wb.until('the Problems rows of OrderSubmitController.cls', async () => {
    const all = await wb.problems();
    const i = all.findIndex((r) => r.code === 'callout-after-dml' && r.text.includes('ErpOrderService.submit()'));
    return i >= 0 && all.length >= i + 3 ? all : undefined;
  });
  const i = rows.findIndex((r) => r.code === 'callout-after-dml' && r.text.includes('ErpOrderService.submit()'));
  assert.match(
    rows[i].text,
    /^This call leads to a callout \(ErpOrderService\.submit\(\)\) made after update statement in the same transaction.* apex-pattern-lint callout-after-dml \[Ln 20, Col 49\]$/,
  );
  // The rule page shipped in the .vsix, not a web page an offline user cannot open.
  assert.match(rows[i].link, /^(file|vscode-remote):\/\/.*\/extensions\/apex-pattern-lint\.apex-pattern-lint-0\.1\.0\/docs\/rules\/callout-after-dml\.md$/);
  assert.deepEqual(
    rows.slice(i + 1, i + 3).map((r) => r.text),
    ['OrderSubmitController.cls [Ln 19, Col 9] : pending work: update statement', 'ErpOrderService.cls [Ln 26, Col 39] : callout (Http.send)'],
  );
  await wb.closePanel();
});

scenario.step('Timeout fix with Ctrl+. and save', async () => {
  const file = cls('ErpOrderSync.cls');
  const before = read(file);
  await wb.openFile('ErpOrderSync.cls');
  const finding = cliFinding(file, 'callout-timeout-missing', 56);
  const squiggle = await squiggleAt('warning', finding);
  assert.equal(squiggle.text, 'send(req)');
  await wb.quickFix('Set an explicit timeout: req.setTimeout(10000);');
  await wb.save();
  const expected = before.replace("        req.setMethod('GET');\n", "        req.setMethod('GET');\n        req.setTimeout(10000);\n");
  assert.notEqual(expected, before);
  assert.equal(read(file), expected);
  assert.deepEqual(
    findingsOf(workspace, file).filter((m) => m.ruleId === 'callout-timeout-missing'),
    [],
  );
  await wb.until('the timeout squiggle to go', async () => (await wb.squiggles('warning')).every((s) => s.text !== 'send(req)'), 15000);
  const rows = await wb.problems();
  assert.equal(rows.filter((r) => r.code === 'callout-timeout-missing').length, 0, 'no callout-timeout-missing row left');
  await wb.closePanel();
});

scenario.step('Named Credential fix uses the project credential', async () => {
  const file = cls('ErpOrderSync.cls');
  const before = read(file);
  await wb.openFile('ErpOrderSync.cls');
  const finding = cliFinding(file, 'hardcoded-endpoint', 30);
  await squiggleAt('warning', finding);
  await wb.quickFix('Use the Named Credential ERP (callout:ERP)');
  await wb.save();
  assert.equal(read(file), before.replace("ERP_BASE = 'https://erp.example.com/api';", "ERP_BASE = 'callout:ERP';"));
  assert.ok(fs.existsSync(path.join(workspace, 'force-app/main/default/namedCredentials/ERP.namedCredential-meta.xml')));
});

scenario.step('Hover on a call that leads to a callout', async () => {
  await wb.openFile('OrderSubmitController.cls');
  await wb.goTo(20, 50);
  const text = await wb.until('the hover', async () => {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    return wb.until('hover text', () => wb.hoverText(), 3000).catch(() => undefined);
  });
  assert.match(text, /ErpOrderService\.submit\(\)/);
  assert.match(text, /Http\.send/);
  await page.keyboard.press('Escape');
});

scenario.step('Choose Integration Pattern creates files that lint clean', async () => {
  await wb.runCommand('Apex Pattern Lint: Choose Integration Pattern');
  for (const [question, answer] of [
    ['Does the caller need the answer', 'Yes'],
    ['How many records', 'One or a few'],
    ['How soon', 'Within seconds'],
    ['screen update live', 'No'],
    ['other system is down', 'The user must know at once'],
  ]) {
    await wb.waitQuickInput(question);
    await wb.pick(answer);
  }
  const offer = await wb.until('the recommendation', () => wb.dialog());
  assert.equal(offer.message, 'Recommended: Request-Reply Service');
  await page.click('.monaco-dialog-box .dialog-buttons .monaco-button:has-text("New Request-Reply Service")');
  await wb.waitQuickInput('Base name of the service');
  await page.keyboard.type('CreditLimit');
  await page.keyboard.press('Enter');
  await wb.waitQuickInput('Create it with these settings');
  await wb.pick('Create');
  // The project has no Named Credential CreditLimit: its URL creates it with the service.
  await wb.waitQuickInput('The project has no Named Credential CreditLimit');
  await page.keyboard.type('https://credit.example.com/api');
  await page.keyboard.press('Enter');
  const credential = path.join(workspace, 'force-app/main/default/namedCredentials/CreditLimit.namedCredential-meta.xml');
  await wb.until(
    'the Named Credential on disk',
    () => fs.existsSync(credential) && read(credential).includes('<endpoint>https://credit.example.com/api</endpoint>'),
    60000, // the client saves each created file in turn: seconds each under CI load
  );
  const created = [cls('CreditLimitService.cls'), cls('CreditLimitServiceTest.cls')];
  await wb.until('the generated classes on disk', () => created.every((f) => fs.existsSync(f) && read(f).length > 0), 60000);
  await wb.until('the notification', async () => (await wb.notifications()).find((n) => n.includes('created Request-Reply Service "CreditLimit"')));
  const results = lintJson(created);
  assert.deepEqual(
    results.map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]),
    created.map((f) => [path.basename(f), []]),
  );
  const rows = await wb.problems();
  assert.equal(rows.filter((r) => /CreditLimitService/.test(r.text)).length, 0, 'no Problems rows for the new classes');
  await wb.closePanel();
});

scenario.step('The overwrite question: Enter keeps the existing files', async () => {
  const service = cls('CreditLimitService.cls');
  fs.writeFileSync(service, read(service).replace('public with sharing class', '// edited by hand\npublic with sharing class'));
  const before = read(service);
  await wb.runCommand('Apex Pattern Lint: New Request-Reply Service');
  await wb.waitQuickInput('Base name of the service');
  await page.keyboard.type('CreditLimit');
  await page.keyboard.press('Enter');
  await wb.waitQuickInput('Create it with these settings');
  await wb.pick('Create');
  const dialog = await wb.until('the overwrite question', () => wb.dialog());
  assert.match(dialog.message, /^Overwrite \d+ files that already exist\?$/);
  assert.deepEqual([...dialog.buttons].sort(), ['Cancel', 'Keep Existing Files', 'Overwrite']);
  // Enter presses the primary button: the safe one.
  assert.deepEqual(dialog.primary, ['Keep Existing Files']);
  await page.keyboard.press('Enter');
  await wb.until('the dialog to close', async () => !(await wb.dialog()), 5000);
  await page.waitForTimeout(1000);
  assert.equal(read(service), before);
});

scenario.step('A typed finding appears without a reload', async () => {
  await wb.openFile('ErpOrderService.cls');
  await wb.goTo(21, 31);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const typedAt = Date.now();
  await page.keyboard.type('req.setTimeout(200000);', { delay: 20 });
  const typed = Date.now();
  const squiggle = await wb.until('the excessive-timeout squiggle', async () => (await wb.squiggles('error')).find((s) => s.line === 22), 15000);
  console.log(`    flagged ${Date.now() - typed} ms after the last keystroke (typing took ${typed - typedAt} ms)`);
  assert.equal(squiggle.text, 'setTimeout(200000)');
  // Leave the class as it was: a later Save All would write the 200 s timeout, and the callout
  // budget of every caller (the jobs the later fixes generate among them) would exceed 120 s.
  await wb.runCommand('File: Revert File');
  await wb.until('the typed line reverted', async () => !(await wb.isActiveDirty()) && !(await wb.visibleText()).includes('setTimeout(200000)'), 15000);
  await wb.until('the excessive-timeout squiggle to go', async () => (await wb.squiggles('error')).every((s) => s.line !== 22), 15000);
});

scenario.step('Move the callout to a Queueable and Retry asynchronously', async () => {
  const resend = cls('OrderResendController.cls');
  const resendFinding = cliFinding(resend, 'callout-after-dml', 23);
  await wb.openFile('OrderResendController.cls');
  await squiggleAt('error', resendFinding);
  await wb.applyFixAndSave('Move the callout to a Queueable', (text) => text.includes('System.enqueueJob(new ErpOrderSyncPushOrderJob(ord));'));
  const job = cls('ErpOrderSyncPushOrderJob.cls');
  assert.match(read(job), /implements Queueable, Database\.AllowsCallouts/);
  assert.match(read(resend), /\n {8}update ord;\n {8}System\.enqueueJob\(new ErpOrderSyncPushOrderJob\(ord\)\);\n/);
  assert.ok(fs.existsSync(`${job}-meta.xml`), 'the job has its -meta.xml');

  const stock = cls('StockReservationClient.cls');
  const loop = cliFinding(stock, 'callout-retry-loop', 19);
  await wb.openFile('StockReservationClient.cls');
  await squiggleAt('warning', loop);
  await wb.applyFixAndSave('Retry asynchronously', (text) => text.includes('System.enqueueJob(new StockReservationClientReserveRetryJob(sku, quantity, 1));'));
  const retry = cls('StockReservationClientReserveRetryJob.cls');
  assert.match(read(retry), /System\.enqueueJob/);
  assert.match(
    read(stock),
    /public static void reserveWithRetry\(String sku, Integer quantity\) \{\n {8}System\.enqueueJob\(new StockReservationClientReserveRetryJob\(sku, quantity, 1\)\);\n {4}\}/,
  );
  // Neither the changed classes nor the new jobs have a finding of these rules left.
  const after = lintJson([resend, stock, job, retry]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.ruleId}`));
  assert.deepEqual(
    after.filter((m) => /callout-after-dml|callout-retry-loop/.test(m)),
    [],
  );
});

scenario.step('Reload with a code action in flight shuts down cleanly', async () => {
  await wb.openFile('ErpOrderSync.cls');
  await wb.goTo(30, 13);
  // Moving the cursor onto a finding asks for code actions; reload right away.
  await page.keyboard.press('ArrowRight');
  await wb.runCommand('Developer: Reload Window');
  await wb.ready();
  await wb.until('the extension back', () => wb.statusBarApex(), 60000);
  await page.waitForTimeout(2000);
  const logs = path.join(run, 'state', 'user-data', 'logs');
  const bad = [];
  for (const file of fs.readdirSync(logs, { recursive: true })) {
    const full = path.join(logs, String(file));
    if (!fs.statSync(full).isFile()) continue;
    for (const line of read(full).split('\n'))
      if (/provider FAILED|Channel has been closed/.test(line) && /apex|Apex/.test(line + full)) bad.push(`${file}: ${line}`);
  }
  assert.deepEqual(bad, []);
});

scenario.step("Side by side with Salesforce's Apex extension", async () => {
  // A new code-server on the same folders: ours stays installed, the stub joins it.
  codeServer.stop();
  await wb.until('code-server to stop', () => codeServer.child.exitCode !== null || codeServer.child.signalCode !== null, 15000);
  codeServer = await startCodeServer(run, workspace, [packStub(run)], SETTINGS);
  log.lines.length = 0;
  await page.goto(codeServer.url);
  await wb.ready();
  await wb.until('the extension running', () => wb.statusBarApex(), 60000);
  // Salesforce's grammar highlights Apex (registered after ours), and ours still lints it.
  const seen = await highlighting();
  assert.deepEqual([seen.root, seen.token], ['source.apex', 'keyword.other.stub.apex']);
  assert.ok(seen.classes.length >= 3, `highlighted: ${seen.classes.join(' ')}`);
  const squiggle = await squiggleAt('error', cliFinding(cls('OrderSubmitController.cls'), 'callout-after-dml', 20));
  assert.equal(squiggle.text, 'submit(ord)');
  assert.ok(log.lines.length > 0, 'the console was heard');
  assert.deepEqual(log.matching(OVERWRITE_WARNING), []);
});

scenario.step('Publish a Platform Event instead: the save no longer waits on the ERP', async () => {
  const submit = cls('OrderSubmitController.cls');
  const finding = cliFinding(submit, 'callout-blocks-save', 20);
  // Before: the Problems view shows the finding on the save.
  await wb.filterProblems('OrderSubmitController');
  await wb.until('the callout-blocks-save row of OrderSubmitController.cls', async () =>
    (await wb.problems()).find((r) => r.code === 'callout-blocks-save' && r.text.endsWith('[Ln 20, Col 49]')),
  );
  await wb.closePanel();
  await wb.openFile('OrderSubmitController.cls');
  await squiggleAt('warning', finding);
  const title = 'Publish a Platform Event instead: EventBus.publish(new ErpOrderServiceSubmit__e(…))';
  const rows = await wb.applyFixAndSave(title, (text) =>
    text.includes('ErpOrderServiceSubmit__e evt = new ErpOrderServiceSubmit__e(Ord__c = JSON.serialize(ord));'),
  );
  // The menu offered it by its whole title, enabled, next to the move to a Queueable.
  assert.deepEqual(
    rows.filter((r) => /^(Publish a Platform Event|Move the callout)/.test(r.title)),
    [
      { title: 'Move the callout to a Queueable: System.enqueueJob(new ErpOrderServiceSubmitJob(…))', disabled: false },
      { title, disabled: false },
    ],
  );
  const base = path.join(workspace, 'force-app', 'main', 'default');
  const created = [
    'objects/ErpOrderServiceSubmit__e/ErpOrderServiceSubmit__e.object-meta.xml',
    'objects/ErpOrderServiceSubmit__e/fields/Ord__c.field-meta.xml',
    'triggers/ErpOrderServiceSubmitTrigger.trigger',
    'triggers/ErpOrderServiceSubmitTrigger.trigger-meta.xml',
    'classes/ErpOrderServiceSubmitHandler.cls',
    'classes/ErpOrderServiceSubmitHandler.cls-meta.xml',
    'classes/ErpOrderServiceSubmitJob.cls',
    'classes/ErpOrderServiceSubmitJob.cls-meta.xml',
  ];
  const written = (rel) => fs.existsSync(path.join(base, rel)) && read(path.join(base, rel)).length > 0;
  assert.deepEqual(
    created.filter((rel) => !written(rel)),
    [],
    'every created file saved with its text',
  );
  const text = (rel) => read(path.join(base, rel));
  // The save publishes the event (after commit) and checks the result, in place of the call.
  assert.match(
    read(submit),
    /\n {8}update ord;\n {8}ErpOrderServiceSubmit__e evt = new ErpOrderServiceSubmit__e\(Ord__c = JSON\.serialize\(ord\)\);\n {8}Database\.SaveResult published = EventBus\.publish\(evt\);\n {8}if \(!published\.isSuccess\(\)\) \{\n/,
  );
  assert.match(text(created[0]), /\n {4}<publishBehavior>PublishAfterCommit<\/publishBehavior>\n/);
  assert.match(text(created[1]), /\n {4}<type>LongTextArea<\/type>\n/);
  assert.match(
    text(created[2]),
    /^trigger ErpOrderServiceSubmitTrigger on ErpOrderServiceSubmit__e \(after insert\) \{\n.*\n {4}ErpOrderServiceSubmitHandler\.handle\(Trigger\.new\);\n\}/,
  );
  const handler = text(created[4]);
  assert.match(handler, /\n {12}System\.enqueueJob\(new ErpOrderServiceSubmitJob\(\(Order\) JSON\.deserialize\(evt\.Ord__c, Order\.class\)\)\);\n/);
  assert.match(handler, /\n {16}Integer retries = EventBus\.TriggerContext\.currentContext\(\)\.retries;\n {16}if \(retries < MAX_RETRIES\) \{\n/);
  assert.match(handler, /throw new EventBus\.RetryableException\(/);
  assert.match(text(created[6]), /\npublic with sharing class ErpOrderServiceSubmitJob implements Queueable, Database\.AllowsCallouts \{\n/);
  assert.match(text(created[6]), /\n {8}String documentNumber = ErpOrderService\.submit\(ord\);\n/);
  // What the Problems view shows once the server has linted the new text: the save's finding is gone, and
  // nothing is reported on the files the fix created.
  await wb.filterProblems('OrderSubmitController');
  await wb.until('the callout-blocks-save row of OrderSubmitController.cls to go', async () =>
    (await wb.problems()).every((r) => r.code !== 'callout-blocks-save' && r.code !== 'callout-after-dml'),
  );
  // The filter also matches messages loosely (ErpOrderService.submit() in other files' rows): only file rows count.
  await wb.filterProblems('ErpOrderServiceSubmit');
  const fileRows = (await wb.problems()).filter((r) => r.level === 1).map((r) => r.text);
  assert.deepEqual(
    fileRows.filter((t) => t.startsWith('ErpOrderServiceSubmit')),
    [],
  );
  await wb.filterProblems('');
  await wb.closePanel();
  // The CLI agrees: the generated Apex lints clean and the save no longer waits on the ERP.
  const after = lintJson([workspace]).flatMap((r) => r.messages.map((m) => `${path.relative(base, r.filePath)}:${m.line}:${m.ruleId}`));
  assert.deepEqual(
    after.filter((m) => m.startsWith('classes/OrderSubmitController.cls:20:') || /ErpOrderServiceSubmit/.test(m)),
    [],
  );
});

let outcome = { passed: 0, failed: 1 };
try {
  outcome = await scenario.run((file) => page.screenshot({ path: file }), only);
} finally {
  await browser.close().catch(() => undefined);
  codeServer.stop();
  cleanTemp(tempBefore);
}
console.log(`${outcome.passed} passed, ${outcome.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s; run folder ${run})`);
process.exitCode = outcome.failed ? 1 : 0;
