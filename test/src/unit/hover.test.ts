import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LintProject } from '../../../server/out/core/project';
import { discoverFiles } from '../../../server/out/node/files';
import { ROOT } from '../support/lint';

const EXAMPLE = path.join(ROOT, 'examples', 'order-integration');

describe('hover on a callout', () => {
  const project = new LintProject();
  for (const file of discoverFiles([EXAMPLE], EXAMPLE)) project.setFile({ path: file, text: fs.readFileSync(file, 'utf8') });
  const classFile = (name: string) => path.join(EXAMPLE, 'force-app', 'main', 'default', 'classes', name);
  const hoverOn = (name: string, snippet: string) => {
    const text = fs.readFileSync(classFile(name), 'utf8');
    const offset = text.indexOf(snippet);
    const line = text.slice(0, offset).split('\n').length;
    const character = offset - text.lastIndexOf('\n', offset - 1) - 1 + 2;
    return project.hoverAt(classFile(name), { line, character });
  };

  it('shows endpoint, timeout, the contexts that reach it and the pattern', () => {
    const hover = hoverOn('ErpOrderService.cls', 'send(req)');
    assert.equal(
      hover?.markdown,
      [
        '**Callout** (`Http.send`)',
        '',
        '- Endpoint: `callout:ERP/orders` — Named Credential **ERP**',
        '- Timeout: 10000 ms',
        '- Runs in: trigger OrderTrigger, @AuraEnabled OrderSubmitController.submit()',
        '- Pattern: none that works: a trigger cannot call out synchronously (use Fire-and-Forget: a Platform Event or a Queueable)',
        '- Advice: **Fire-and-Forget**: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber',
      ].join('\n'),
    );
    assert.equal(hover?.range.start.line, 26);
  });

  it('names the asynchronous patterns and the hard-coded endpoint', () => {
    assert.match(
      hoverOn('ErpOrderPushJob.cls', 'send(req)')!.markdown,
      /Runs in: Queueable ErpOrderPushJob\.execute\(\)\n- Pattern: Fire-and-Forget \(asynchronous callout\)\n- Advice: \*\*Fire-and-Forget\*\*: runs after the save, where no one waits; the answer is written back here$/,
    );
    assert.match(
      hoverOn('AccountSyncBatch.cls', 'send(req)')!.markdown,
      /- Pattern: Batch Data Sync \(Batch Apex\)\n- Advice: \*\*Batch Data Sync\*\*: one callout per record in Batch Apex$/,
    );
  });

  it('advises Fire-and-Forget for a save that waits on a status it only checks, Request-Reply for an answer a user needs', () => {
    assert.match(
      hoverOn('OrderSaveController.cls', 'send(req)')!.markdown,
      /\n- Advice: \*\*Fire-and-Forget\*\*: a user waits, but nothing uses the answer beyond its status: publish a Platform Event and call out from its subscriber$/,
    );
    assert.match(
      hoverOn('CreditCheckService.cls', 'send(req)')!.markdown,
      /\n- Advice: \*\*Request-Reply\*\*: a user waits for the answer and the code uses it$/,
    );
    assert.match(
      hoverOn('StockReservationClient.cls', 'send(req)')!.markdown,
      /\n- Advice: \*\*Fire-and-Forget\*\*: nothing uses the answer beyond its status; the retry loop makes the caller wait out every attempt$/,
    );
    assert.match(hoverOn('ErpOrderSync.cls', 'send(req)')!.markdown, /- Endpoint: `https:\/\/erp\.example\.com\/api\/orders` — hard-coded\n/);
  });

  it('says nothing away from a callout', () => {
    assert.equal(hoverOn('ErpOrderService.cls', 'setMethod'), undefined);
  });
});

describe('hover on a call that leads to a callout', () => {
  it('shows the chain down to the send, the contexts and the pattern of the calling method', () => {
    const project = new LintProject();
    for (const file of discoverFiles([EXAMPLE], EXAMPLE)) project.setFile({ path: file, text: fs.readFileSync(file, 'utf8') });
    const file = path.join(EXAMPLE, 'force-app', 'main', 'default', 'classes', 'OrderSubmitController.cls');
    const text = fs.readFileSync(file, 'utf8');
    const offset = text.indexOf('ErpOrderService.submit(ord)') + 'ErpOrderService.'.length + 1;
    const line = text.slice(0, offset).split('\n').length;
    const hover = project.hoverAt(file, { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
    assert.equal(
      hover?.markdown,
      [
        '**Leads to a callout** through `ErpOrderService.submit()`',
        '',
        '- Chain: `ErpOrderService.submit()` (OrderSubmitController.cls:20) → `Http.send` (ErpOrderService.cls:26)',
        '- Runs in: @AuraEnabled OrderSubmitController.submit()',
        '- Pattern: Request-Reply (synchronous: the caller waits for the answer)',
      ].join('\n'),
    );
  });
});
