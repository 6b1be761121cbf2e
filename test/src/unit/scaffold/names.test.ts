import * as assert from 'node:assert/strict';
import {
  apexClassNameProblem,
  endpointUrlProblem,
  lwcNameProblem,
  platformEventNameProblem,
  sobjectNameProblem,
  calloutPathProblem,
  validateScaffoldRequest,
} from '../../../../server/out/scaffold';

describe('scaffold: name validation', () => {
  it('Apex class names: letter first, letters/digits/underscores, no double or trailing underscore, ≤ 40, not reserved', () => {
    assert.equal(apexClassNameProblem('CreditCheck_2'), undefined);
    assert.equal(apexClassNameProblem('2Fast'), 'Apex class name "2Fast" must start with a letter');
    assert.equal(apexClassNameProblem('Credit-Check'), 'Apex class name "Credit-Check" may contain only letters, digits and underscores');
    assert.equal(apexClassNameProblem('Credit__Check'), 'Apex class name "Credit__Check" must not contain two consecutive underscores');
    assert.equal(apexClassNameProblem('Credit_'), 'Apex class name "Credit_" must not end with an underscore');
    assert.equal(apexClassNameProblem('A'.repeat(41)), `Apex class name "${'A'.repeat(41)}" is too long: 41 characters, the limit is 40`);
    assert.equal(apexClassNameProblem('Trigger'), 'Apex class name "Trigger" is a reserved word in Apex');
    assert.equal(apexClassNameProblem(''), 'Apex class name is required');
  });

  it('refuses paths: "../x", absolute paths and separators', () => {
    assert.equal(apexClassNameProblem('../x'), 'Apex class name "../x" contains a path separator or "..": give a plain name');
    assert.equal(apexClassNameProblem('/etc/passwd'), 'Apex class name "/etc/passwd" is an absolute path; give a name, not a path');
    assert.equal(apexClassNameProblem('C:\\x'), 'Apex class name "C:\\x" is an absolute path; give a name, not a path');
    assert.equal(apexClassNameProblem('a\\b'), 'Apex class name "a\\b" contains a path separator or "..": give a plain name');
    assert.equal(platformEventNameProblem('../Evil__e'), 'Platform Event API name "../Evil__e" contains a path separator or "..": give a plain name');
    assert.equal(lwcNameProblem('x/y'), 'Lightning Web Component name "x/y" contains a path separator or "..": give a plain name');
  });

  it('the base name must leave room for the derived class names', () => {
    const name = 'A'.repeat(30);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'request-reply', name }), [
      `Generated Apex name "${name}ServiceTest" is too long: 41 characters, the limit is 40 (derived from "${name}"; choose a shorter name)`,
    ]);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'request-reply', name: 'while' }), ['Name "while" is a reserved word in Apex']);
  });

  it('Platform Event API names end in __e', () => {
    assert.equal(platformEventNameProblem('Order_Event__e'), undefined);
    assert.equal(platformEventNameProblem('Order_Event'), 'Platform Event API name "Order_Event" must end with "__e" (for example Order_Event__e)');
    assert.equal(platformEventNameProblem('Order_Event__c'), 'Platform Event API name "Order_Event__c" must end with "__e" (for example Order_Event__e)');
    assert.equal(
      platformEventNameProblem('Order__Event__e'),
      'Platform Event API name "Order__Event__e" must not contain two consecutive underscores before "__e"',
    );
    assert.equal(platformEventNameProblem('Order___e'), 'Platform Event API name "Order___e" must not end with an underscore before "__e"');
    assert.equal(platformEventNameProblem('_Order__e'), 'Platform Event API name "_Order__e" must start with a letter');
  });

  it('LWC names: camelCase, lowercase first, no hyphen', () => {
    assert.equal(lwcNameProblem('orderStatusFeed'), undefined);
    assert.equal(
      lwcNameProblem('OrderStatusFeed'),
      'Lightning Web Component name "OrderStatusFeed" must start with a lowercase letter (camelCase, for example orderStatusFeed)',
    );
    assert.equal(lwcNameProblem('order-status'), 'Lightning Web Component name "order-status" must not contain a hyphen; use camelCase');
    assert.equal(lwcNameProblem('order__status'), 'Lightning Web Component name "order__status" must not contain two consecutive underscores');
  });

  it('SObject names: standard or custom __c', () => {
    assert.equal(sobjectNameProblem('Account'), undefined);
    assert.equal(sobjectNameProblem('Invoice__c'), undefined);
    assert.equal(
      sobjectNameProblem('Order_Event__e'),
      'SObject API name "Order_Event__e" must be a standard object (Account) or a custom object ending in "__c"',
    );
  });

  it('callout paths and endpoint URLs', () => {
    assert.equal(calloutPathProblem('orders/bulk'), undefined);
    assert.equal(calloutPathProblem("x'; delete"), `Callout path "x'; delete" may contain only letters, digits and - . _ ~ /`);
    assert.equal(calloutPathProblem('a/../b'), 'Callout path "a/../b" must not contain "." or ".." segments');
    assert.equal(calloutPathProblem('/orders'), 'Callout path "/orders" must be relative to the Named Credential (no leading "/")');
    assert.equal(endpointUrlProblem('https://erp.example.com/api'), undefined);
    assert.equal(
      endpointUrlProblem('http://erp.example.com'),
      'URL "http://erp.example.com" must use https: a Named Credential endpoint is the production path for data',
    );
    assert.equal(
      endpointUrlProblem('https://user:secret@erp.example.com'),
      'URL "https://user:secret@erp.example.com" must not carry a user name or password; authentication belongs in the credential, not the URL',
    );
    assert.equal(endpointUrlProblem('erp.example.com'), 'URL "erp.example.com" is not a valid absolute URL (for example https://erp.example.com/api)');
  });

  it('options: unknown, out of range, not applicable, required', () => {
    assert.deepEqual(validateScaffoldRequest({ pattern: 'request-reply', name: 'Credit', options: { timeout: '30000' } }), [
      'Timeout "30000" must be a whole number of milliseconds from 1 to 15000; a user is waiting',
    ]);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'batch-sync', name: 'Sync', options: { event: 'X__e' } }), [
      'Option "event" does not apply to batch-sync (it takes object, named-credential, path, timeout, url)',
    ]);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'named-credential', name: 'ERP' }), ['named-credential needs "url": Endpoint URL (https)']);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'fire-and-forget', name: 'Sync', options: { 'publish-behavior': 'later' } }), [
      'Publish behaviour "later" must be after-commit or immediately',
    ]);
    assert.deepEqual(validateScaffoldRequest({ pattern: 'nope' as 'request-reply', name: 'X' }), [
      'Unknown pattern "nope" (use one of request-reply, fire-and-forget, batch-sync, ui-update, named-credential)',
    ]);
  });
});
