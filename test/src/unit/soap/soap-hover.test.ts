import * as assert from 'node:assert/strict';
import { LintProject } from '../../../../server/out/core/project';
import { fixture } from '../../support/lint';
import { ERP_ORDERS } from './sources';

/** The hover at the first character of `snippet` (1-based line, 0-based character, as the project takes it). */
function hoverOn(project: LintProject, file: string, text: string, snippet: string) {
  const offset = text.indexOf(snippet);
  const line = text.slice(0, offset).split('\n').length;
  return project.hoverAt(file, { line, character: offset - text.lastIndexOf('\n', offset - 1) - 1 });
}

describe('hover: SOAP operations and Continuations', () => {
  it('a SOAP operation call: the port, operation, SOAP action, endpoint, timeout, contexts and pattern', () => {
    const caller = `public with sharing class OrderSubmitController {
    @AuraEnabled
    public static String submit(Id orderId) {
        ErpOrders.OrdersPort port = new ErpOrders.OrdersPort();
        return port.submitOrder(orderId);
    }
}`;
    const project = new LintProject();
    project.setFile({ path: '/p/ErpOrders.cls', text: ERP_ORDERS });
    project.setFile({ path: '/p/OrderSubmitController.cls', text: caller });
    assert.equal(
      hoverOn(project, '/p/OrderSubmitController.cls', caller, 'submitOrder(orderId)')?.markdown,
      [
        '**SOAP callout** (`WebServiceCallout.invoke`): `ErpOrders.OrdersPort.submitOrder`',
        '',
        '- SOAP action: `urn:erp.example.com/orders/submitOrder`',
        '- Endpoint: `https://erp.example.com/soap/orders` — hard-coded',
        '- Timeout: timeout_x not set: the silent 10 s default applies',
        '- Runs in: @AuraEnabled OrderSubmitController.submit()',
        '- Pattern: Request-Reply (synchronous: the caller waits for the answer)',
      ].join('\n'),
    );
  });

  it("a Continuation's addHttpRequest: its timeout and how many requests it holds", () => {
    const text = fixture('rules/continuation-request-limit.cls');
    const project = new LintProject();
    project.setFile({ path: '/p/Account360Controller.cls', text });
    assert.equal(
      hoverOn(project, '/p/Account360Controller.cls', text, 'addHttpRequest(')?.markdown,
      [
        '**Continuation** `con` (long-running callout: the platform sends its requests after the method returns)',
        '',
        "- Timeout: 60 s (the requests' own timeouts do not apply; at most 120 s)",
        '- Requests: 4 (at most 3 per Continuation)',
        '- Runs in: @AuraEnabled Account360Controller.startRequests()',
        '- Pattern: Request-Reply (synchronous: the caller waits for the answer)',
      ].join('\n'),
    );
  });
});
