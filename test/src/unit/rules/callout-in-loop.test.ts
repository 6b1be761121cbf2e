/** callout-in-loop: a callout on every iteration of a loop over records, and the loops that are not that. */
import * as assert from 'node:assert/strict';
import { findings, fixture, spanOf, workspaceFindings } from '../../support/lint';

const RETRY = 'callout-retry-loop';
const IN_LOOP = 'callout-in-loop';

function method(body: string): string {
  return `public class Client {
    public static HttpResponse fetch(HttpRequest req, List<Account> accounts) {
        Http http = new Http();
        HttpResponse res;
${body}
        return res;
    }
}`;
}

describe(IN_LOOP, () => {
  it('reports a callout per record once, on the loop head', () => {
    const src = method(`        for (Account a : accounts) {
            req.setBody(JSON.serialize(a));
            res = http.send(req);
        }`);
    assert.deepEqual(findings(src, IN_LOOP), [
      {
        ruleId: IN_LOOP,
        at: spanOf(src, 'for (Account a : accounts)'),
        messageId: 'calloutInLoop',
        message:
          'This loop makes a callout on every iteration: one callout per iteration runs into the limit of 100 callouts per transaction. Send one bulk request, or move the work to Batch Apex (Database.Batchable with Database.AllowsCallouts)',
        severity: 'warning',
      },
    ]);
  });
  it('reports a loop with several callouts once, with each send as a related location', () => {
    const src = method(`        for (Account a : accounts) {
            res = http.send(req);
            res = http.send(req);
        }`);
    const found = workspaceFindings({ 'Client.cls': src }, IN_LOOP);
    assert.deepEqual(
      found.map((f) => [f.at, f.message.split(':')[0], f.related]),
      [
        [
          spanOf(src, 'for (Account a : accounts)'),
          'This loop makes 2 callouts on every iteration',
          [`Client.cls:${spanOf(src, 'send(req)')} callout (Http.send)`, `Client.cls:${spanOf(src, 'send(req)', 1)} callout (Http.send)`],
        ],
      ],
    );
    assert.deepEqual(
      found.map((f) => [f.messageId, f.data]),
      [['calloutsInLoop', { count: 2 }]],
    );
  });
  it('does not count a memoised callout (fetched once, then kept) as per iteration', () => {
    for (const body of [
      `        String token;
        for (Account a : accounts) {
            if (token == null) {
                token = http.send(req).getBody();
            }
            a.Description = token;
        }`,
      `        Boolean loaded = false;
        for (Account a : accounts) {
            if (!loaded) {
                res = http.send(req);
                loaded = true;
            }
        }`,
      `        Map<Id, String> byOwner = new Map<Id, String>();
        for (Account a : accounts) {
            if (!byOwner.containsKey(a.OwnerId)) {
                byOwner.put(a.OwnerId, http.send(req).getBody());
            }
        }`,
    ]) {
      assert.deepEqual(findings(method(body), IN_LOOP), [], body);
    }
  });
  it('does not count a chunked flush (one callout per 100 records) as per record', () => {
    const src = method(`        List<Account> chunk = new List<Account>();
        for (Account a : accounts) {
            chunk.add(a);
            if (chunk.size() == 100) {
                req.setBody(JSON.serialize(chunk));
                res = http.send(req);
                chunk.clear();
            }
        }`);
    assert.deepEqual(findings(src, IN_LOOP), []);
  });
  it('still reports a send guarded by an emptiness check: that is per record', () => {
    const src = method(`        for (Account a : accounts) {
            if (a.Contacts.size() > 0) {
                res = http.send(req);
            }
        }`);
    assert.deepEqual(
      findings(src, IN_LOOP).map((f) => f.at),
      [spanOf(src, 'for (Account a : accounts)')],
    );
  });
  it('calls a pagination loop (the next request uses the previous response) callout-in-loop, never a retry', () => {
    const src = method(`        String next = '/records?page=1';
        while (next != null) {
            req.setEndpoint('callout:Crm' + next);
            res = http.send(req);
            Map<String, Object> page = (Map<String, Object>) JSON.deserializeUntyped(res.getBody());
            next = (String) page.get('nextPage');
        }`);
    assert.deepEqual(findings(src, RETRY), []);
    assert.deepEqual(
      findings(src, IN_LOOP).map((f) => f.at),
      [spanOf(src, 'while (next != null)')],
    );
  });
  it('reports a retry nested inside a loop over records as both', () => {
    const src = method(`        for (Account a : accounts) {
            Integer attempts = 0;
            while (attempts < 3) {
                attempts++;
                res = http.send(req);
            }
        }`);
    assert.deepEqual(
      findings(src, RETRY).map((f) => f.at),
      [spanOf(src, 'while (attempts < 3)')],
    );
    assert.deepEqual(
      findings(src, IN_LOOP).map((f) => f.at),
      [spanOf(src, 'for (Account a : accounts)')],
    );
  });
  it('accepts one bulk callout after the loop', () => {
    const src = method(`        List<Map<String, Object>> rows = new List<Map<String, Object>>();
        for (Account a : accounts) {
            rows.add(new Map<String, Object>{ 'id' => a.Id });
        }
        req.setBody(JSON.serialize(rows));
        res = http.send(req);`);
    assert.deepEqual(findings(src, IN_LOOP), []);
  });
  it('fixture', () => {
    const src = fixture('rules/callout-in-loop.cls');
    assert.deepEqual(
      findings(src, IN_LOOP).map((f) => f.at),
      [spanOf(src, 'for (Order o : orders)')],
    );
  });
});
