/**
 * `npm run test:e2e`: the packaged extension in a real VS Code (code-server
 * 4.100.3 = VS Code 1.100.3), driven through Debian's Chromium with
 * playwright-core, on a copy of examples/order-integration. What is asserted
 * is what a user sees: squiggles measured on the rendered text, Problems
 * rows, quick fixes chosen from the Ctrl+. menu, files on disk, hovers,
 * prompts. The CLI on the same files is the reference for ranges.
 *   node test/e2e/vscode.mjs [--vsix apex-pattern-lint.vsix] [--keep]
 * Tools: bash test/e2e/setup.sh.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanTemp, copyExample, launchBrowser, requireTools, ROOT, runFolder, startCodeServer } from './lib/rig.mjs';
import { findingsOf, lintJson } from './lib/cli.mjs';
import { Workbench } from './lib/workbench.mjs';
import { assert, Scenario } from './scenario.mjs';

const args = process.argv.slice(2);
const vsix = path.resolve(args.includes('--vsix') ? args[args.indexOf('--vsix') + 1] : path.join(ROOT, 'apex-pattern-lint.vsix'));
if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);

const tempBefore = new Set(fs.readdirSync(os.tmpdir()));
const playwright = requireTools();
const run = runFolder('vscode');
const workspace = copyExample(run, 'order-integration');
const CLASSES = path.join(workspace, 'force-app', 'main', 'default', 'classes');
const cls = (name) => path.join(CLASSES, name);
const read = (file) => fs.readFileSync(file, 'utf8');
const started = Date.now();

const codeServer = await startCodeServer(run, workspace, [vsix], { 'git.enabled': false, 'git.openRepositoryInParentFolders': 'never' });
const browser = await launchBrowser(playwright, run);
const page = browser.pages()[0] ?? (await browser.newPage());
const wb = new Workbench(page);
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
  await wb.until('the Apex status bar item', () => wb.statusItem('Apex'), 60000);
});

scenario.step('Callout after DML: squiggle and Problems rows', async () => {
  await wb.openFile('OrderSubmitController.cls');
  const file = cls('OrderSubmitController.cls');
  const finding = cliFinding(file, 'callout-after-dml', 20);
  const squiggle = await squiggleAt('error', finding);
  assert.equal(squiggle.text, 'submit(ord)');
  const rows = await wb.until('the Problems rows of OrderSubmitController.cls', async () => {
    const all = await wb.problems();
    const i = all.findIndex((r) => r.code === 'callout-after-dml');
    return i >= 0 && all.length >= i + 3 ? all : undefined;
  });
  const i = rows.findIndex((r) => r.code === 'callout-after-dml');
  assert.match(
    rows[i].text,
    /^This call leads to a callout \(ErpOrderService\.submit\(\)\) made after update statement in the same transaction.* apex-pattern-lint callout-after-dml \[Ln 20, Col 49\]$/,
  );
  assert.equal(rows[i].link, 'https://github.com/apex-pattern-lint/apex-pattern-lint/blob/main/docs/rules/callout-after-dml.md');
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

scenario.step('Named Credential fix creates the metadata', async () => {
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
  const created = [cls('CreditLimitService.cls'), cls('CreditLimitServiceTest.cls')];
  await wb.until('the generated classes on disk', () => created.every((f) => fs.existsSync(f) && read(f).length > 0), 20000);
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
});

let outcome = { passed: 0, failed: 1 };
try {
  outcome = await scenario.run((file) => page.screenshot({ path: file }));
} finally {
  await browser.close().catch(() => undefined);
  codeServer.stop();
  cleanTemp(tempBefore);
}
console.log(`${outcome.passed} passed, ${outcome.failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s; run folder ${run})`);
process.exitCode = outcome.failed ? 1 : 0;
