import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import type { RuleId } from '../../../../server/out/base/contracts';
import { onRefusal } from '../../../../server/out/fixes/refusal';
import { lint } from '../../../../server/out/core/lint';
import { resolveConfig } from '../../../../server/out/core/config';
import { applyFix, rulesAfter, type Fixed } from '../../support/fixes';

/**
 * Moves of instance calls: the receiver is rebuilt in the job from the
 * constructor's arguments (`new ErpClient(cfg).pushOrder(o)`), in the shapes
 * real integration code uses, and refused when the object the call ran on
 * may differ from what `new X(args)` builds there.
 */
const DIR = path.resolve('/proj/force-app/main/default/classes');
const at = (name: string) => path.join(DIR, name);
const PROJECT: ProjectInfo = {
  sfdx: parseSfdxProject(path.resolve('/proj'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '61.0' })),
  namedCredentials: [],
};
const inDir = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([n, t]) => [at(n), t]));

function refusal(files: Record<string, string>, rule: RuleId): string {
  const seen: string[] = [];
  const stop = onRefusal((r, x) => {
    if (r === rule) seen.push(x.detail ? `${x.refused} (${x.detail})` : x.refused);
  });
  try {
    assert.throws(() => applyFix(inDir(files), rule, { project: PROJECT }), /has no fix/);
  } finally {
    stop();
  }
  return seen[0] ?? 'no reason';
}

const erpClient = (extra = '', ctor = '        this.namedCredential = namedCredential;') => `public with sharing class ErpClient {
    private final String namedCredential;
    public ErpClient() {
        this('ERP');
    }
    public ErpClient(String namedCredential) {
${ctor}
    }
${extra}    public void pushOrder(Order o) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:' + namedCredential + '/orders/' + o.Id);
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + o.Id);
        }
    }
}`;
const CLIENT = erpClient();

const CLIENTS = `public with sharing class Clients {
    public static ErpClient erp() {
        return new ErpClient();
    }
}`;

const service = (body: string, params = 'Order o') => `public with sharing class OrderService {
    public static void activate(${params}) {
        update o;
${body}
    }
}`;

const JOB_HEAD = `/**
 * @description Makes the ErpClient.pushOrder() callout in a transaction of its
 *              own, after the transaction that enqueued it has committed its
 *              work: a callout after DML in the same transaction fails with
 *              "You have uncommitted work pending".
 */
public with sharing class ErpClientPushOrderJob implements Queueable, Database.AllowsCallouts {
`;

const JOB = `${JOB_HEAD}    private final Order o;

    public ErpClientPushOrderJob(Order o) {
        this.o = o;
    }

    public void execute(QueueableContext context) {
        new ErpClient().pushOrder(o);
    }
}
`;

const JOB_WITH_CONFIG = `${JOB_HEAD}    private final String namedCredential;
    private final Order o;

    public ErpClientPushOrderJob(String namedCredential, Order o) {
        this.namedCredential = namedCredential;
        this.o = o;
    }

    public void execute(QueueableContext context) {
        new ErpClient(namedCredential).pushOrder(o);
    }
}
`;

function moved(files: Record<string, string>): Fixed {
  const fixed = applyFix(inDir(files), 'callout-after-dml', { project: PROJECT });
  // rulesAfter lints the fixed and created classes: a parse error or any finding fails here.
  assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  return fixed;
}

describe('quick fixes: moving an instance call to a Queueable (the receiver rebuilt)', () => {
  it('new ErpClient().pushOrder(o): the job builds the client itself', () => {
    const src = service('        new ErpClient().pushOrder(o);');
    const fixed = moved({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT });
    assert.equal(fixed.texts[at('OrderService.cls')], src.replace('new ErpClient().pushOrder(o);', 'System.enqueueJob(new ErpClientPushOrderJob(o));'));
    assert.equal(fixed.created[at('ErpClientPushOrderJob.cls')], JOB);
  });

  it('ErpClient client = new ErpClient(cfg); client.pushOrder(o): the job carries cfg, and the local goes', () => {
    const src = service(
      `        ErpClient client = new ErpClient(cfg);
        client.pushOrder(o);`,
      'Order o, String cfg',
    );
    const fixed = moved({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT });
    assert.equal(
      fixed.texts[at('OrderService.cls')],
      src.replace(
        '        ErpClient client = new ErpClient(cfg);\n        client.pushOrder(o);',
        '        System.enqueueJob(new ErpClientPushOrderJob(cfg, o));',
      ),
    );
    assert.equal(fixed.created[at('ErpClientPushOrderJob.cls')], JOB_WITH_CONFIG);
  });

  it('this.client.pushOrder(o) with the final field built in the constructor', () => {
    const src = `public with sharing class OrderService {
    private final ErpClient client;
    public OrderService() {
        this.client = new ErpClient();
    }
    public void activate(Order o) {
        update o;
        this.client.pushOrder(o);
    }
}`;
    const fixed = moved({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT });
    assert.equal(fixed.texts[at('OrderService.cls')], src.replace('this.client.pushOrder(o);', 'System.enqueueJob(new ErpClientPushOrderJob(o));'));
    assert.equal(fixed.created[at('ErpClientPushOrderJob.cls')], JOB);
  });

  it('Clients.erp().pushOrder(o) through a factory that returns new ErpClient()', () => {
    const src = service('        Clients.erp().pushOrder(o);');
    const fixed = moved({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT, 'Clients.cls': CLIENTS });
    assert.equal(fixed.texts[at('OrderService.cls')], src.replace('Clients.erp().pushOrder(o);', 'System.enqueueJob(new ErpClientPushOrderJob(o));'));
    assert.equal(fixed.created[at('ErpClientPushOrderJob.cls')], JOB);
  });

  it('an interface-typed local whose allocation is in sight: the class that runs is known', () => {
    const api = `public interface IErpClient {
    void pushOrder(Order o);
}`;
    const client = CLIENT.replace('public with sharing class ErpClient {', 'public with sharing class ErpClient implements IErpClient {');
    const src = service(`        IErpClient client = new ErpClient();
        client.pushOrder(o);`);
    const fixed = moved({ 'OrderService.cls': src, 'ErpClient.cls': client, 'IErpClient.cls': api });
    assert.equal(fixed.texts[at('OrderService.cls')], service('        System.enqueueJob(new ErpClientPushOrderJob(o));'));
    assert.equal(fixed.created[at('ErpClientPushOrderJob.cls')], JOB);
  });

  it('refuses an interface-typed field handed in from outside: which class runs is not known', () => {
    const api = `public interface IErpClient {
    void pushOrder(Order o);
}`;
    const client = CLIENT.replace('public with sharing class ErpClient {', 'public with sharing class ErpClient implements IErpClient {');
    const src = `public with sharing class OrderService {
    private final IErpClient client;
    public OrderService(IErpClient client) {
        this.client = client;
    }
    public void activate(Order o) {
        update o;
        client.pushOrder(o);
    }
}`;
    assert.equal(
      refusal({ 'OrderService.cls': src, 'ErpClient.cls': client, 'IErpClient.cls': api }, 'callout-after-dml'),
      'receiver-not-rebuilt (client is not always built by the same new)',
    );
  });

  it('refuses a receiver field that another method writes', () => {
    const src = `public with sharing class OrderService {
    private ErpClient client;
    public OrderService() {
        this.client = new ErpClient();
    }
    public void useClient(ErpClient other) {
        this.client = other;
    }
    public void activate(Order o) {
        update o;
        this.client.pushOrder(o);
    }
}`;
    assert.equal(
      refusal({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT }, 'callout-after-dml'),
      'receiver-state (OrderService.client is written by useClient())',
    );
  });

  it('refuses a field receiver whose class has a method that writes its state (it may have run first)', () => {
    const client = erpClient(`    public void useCredential(String name) {
        this.namedCredential = name;
    }
`).replace('private final String namedCredential;', 'private String namedCredential;');
    const src = `public with sharing class OrderService {
    private final ErpClient client = new ErpClient();
    public void activate(Order o) {
        update o;
        client.pushOrder(o);
    }
}`;
    assert.equal(
      refusal({ 'OrderService.cls': src, 'ErpClient.cls': client }, 'callout-after-dml'),
      'receiver-state (ErpClient.useCredential() writes namedCredential)',
    );
  });

  it('refuses when the constructor reads static state', () => {
    const client = erpClient('', '        this.namedCredential = ErpSettings.current;');
    const settings = `public with sharing class ErpSettings {
    public static String current = 'ERP';
}`;
    const src = service("        new ErpClient('ERP_EU').pushOrder(o);");
    assert.equal(
      refusal({ 'OrderService.cls': src, 'ErpClient.cls': client, 'ErpSettings.cls': settings }, 'callout-after-dml'),
      'reads-static-state (ErpSettings.current)',
    );
  });

  it('refuses a constructor argument mutated after the receiver was built', () => {
    const client = erpClient()
      .replace(/String namedCredential/g, 'Map<String, String> config')
      .replace('this.namedCredential = namedCredential;', 'this.config = config;')
      .replace("this('ERP');", 'this(new Map<String, String>());')
      .replace("'callout:' + namedCredential", "'callout:' + config.get('name')")
      .replace('private final String namedCredential;', 'private final Map<String, String> config;');
    const src = service(
      `        ErpClient client = new ErpClient(cfg);
        cfg.put('name', 'ERP_EU');
        client.pushOrder(o);`,
      'Order o, Map<String, String> cfg',
    );
    assert.equal(refusal({ 'OrderService.cls': src, 'ErpClient.cls': client }, 'callout-after-dml'), 'argument-mutated-after (cfg.put())');
  });

  it('refuses a local receiver used by more than the moved call', () => {
    const src = service(`        ErpClient client = new ErpClient();
        client.pushOrder(o);
        client.pushOrder(o);`);
    assert.equal(
      refusal({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT }, 'callout-after-dml'),
      'receiver-state (client is used by more than the moved call)',
    );
  });

  it('refuses a receiver handed in by the caller', () => {
    const src = service('        client.pushOrder(o);', 'Order o, ErpClient client');
    assert.equal(refusal({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT }, 'callout-after-dml'), 'receiver-not-rebuilt (client comes from the caller)');
  });
});

const PUSH_CLIENT = `public with sharing class Client {
    public static void push(Id id) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + id);
        req.setMethod('POST');
        req.setTimeout(10000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + id);
        }
    }
}`;

const RETRY_JOB = (name: string, receiver: string, carried: { name: string; type: string }[]) => `/**
 * @description Calls ${name.replace(/PushRetryJob$/, '')}.push() once per transaction and, when it
 *              fails, enqueues itself again with the next attempt number, up
 *              to MAX_ATTEMPTS: retries happen asynchronously instead of
 *              holding a synchronous transaction in a loop.
 */
public with sharing class ${name} implements Queueable, Database.AllowsCallouts {
    private static final Integer MAX_ATTEMPTS = 4;
    private static final Integer RETRY_DELAY_MINUTES = 1;
${carried.map((c) => `    private final ${c.type} ${c.name};`).join('\n')}
    private final Integer attempt;

    public ${name}(${carried.map((c) => `${c.type} ${c.name}`).join(', ')}, Integer attempt) {
${carried.map((c) => `        this.${c.name} = ${c.name};`).join('\n')}
        this.attempt = attempt;
    }

    public void execute(QueueableContext context) {
        try {
            ${receiver}.push(id);
        } catch (Exception e) {
            retryOrGiveUp(e);
        }
    }

    private void retryOrGiveUp(Exception e) {
        if (attempt >= MAX_ATTEMPTS) {
            System.debug(LoggingLevel.ERROR, '${name.replace(/PushRetryJob$/, '')}.push() failed after ' + attempt + ' attempts: ' + e.getMessage());
            return;
        }
        if (!Test.isRunningTest()) {
            System.enqueueJob(new ${name}(${carried.map((c) => c.name).join(', ')}, attempt + 1), RETRY_DELAY_MINUTES);
        }
    }
}
`;

const LOOP = `        for (Integer attempt = 1; attempt <= 4; attempt++) {
            try {
                Client.push(id);
                break;
            } catch (Exception e) {
                System.debug(e.getMessage());
            }
        }`;

describe('quick fixes: retry asynchronously on the loop shapes of the rule page', () => {
  const sync = (loop: string, before = '') => `public with sharing class OrderSync {
    public static void run(Id id) {
${before}${loop}
    }
}`;

  it('for (Integer attempt = 1; attempt <= 4; attempt++) { try { Client.push(id); break; } catch (Exception e) { System.debug(e.getMessage()); } }', () => {
    const src = sync(LOOP);
    const fixed = applyFix(inDir({ 'OrderSync.cls': src, 'Client.cls': PUSH_CLIENT }), 'callout-retry-loop', { project: PROJECT });
    assert.equal(fixed.texts[at('OrderSync.cls')], src.replace(LOOP, '        System.enqueueJob(new ClientPushRetryJob(id, 1));'));
    assert.equal(fixed.created[at('ClientPushRetryJob.cls')], RETRY_JOB('ClientPushRetryJob', 'Client', [{ name: 'id', type: 'Id' }]));
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });

  it('the same loop on an instance client built before it: the job rebuilds the client on every attempt', () => {
    const client = PUSH_CLIENT.replace('public static void push', 'public void push').replace(/\bClient\b/g, 'ErpClient');
    const loop = LOOP.replace('Client.push(id)', 'client.push(id)');
    const src = sync(loop, '        ErpClient client = new ErpClient();\n');
    const fixed = applyFix(inDir({ 'OrderSync.cls': src, 'ErpClient.cls': client }), 'callout-retry-loop', { project: PROJECT });
    assert.equal(fixed.texts[at('OrderSync.cls')], sync('        System.enqueueJob(new ErpClientPushRetryJob(id, 1));'));
    assert.equal(fixed.created[at('ErpClientPushRetryJob.cls')], RETRY_JOB('ErpClientPushRetryJob', 'new ErpClient()', [{ name: 'id', type: 'Id' }]));
    assert.deepEqual(rulesAfter(fixed, { project: PROJECT }), []);
  });
});

describe('a refused move stays on the finding, with its reason in words', () => {
  it('a retry loop that sends the request itself: Retry asynchronously, not offered, and why', () => {
    const src = `public with sharing class OrderSync {
    public static void run(Id id) {
        for (Integer attempt = 1; attempt <= 4; attempt++) {
            try {
                HttpRequest req = new HttpRequest();
                req.setEndpoint('callout:ERP/orders/' + id);
                req.setTimeout(10000);
                new Http().send(req);
                break;
            } catch (Exception e) {
                System.debug(e.getMessage());
            }
        }
    }
}`;
    const [result] = lint([{ path: at('OrderSync.cls'), text: src }], resolveConfig({}), { allFiles: true, project: PROJECT });
    const finding = result.findings.find((f) => f.ruleId === 'callout-retry-loop')!;
    assert.deepEqual(finding.fixes, []);
    assert.deepEqual(finding.refused, [
      {
        title: 'Retry asynchronously',
        reason: 'not offered — the loop is not a plain retry of one call: the loop sends the request itself, not through one call',
      },
    ]);
  });

  it('callout-after-dml on a refused instance call: Move the callout to a Queueable, not offered, and why', () => {
    const src = service(`        ErpClient client = new ErpClient();
        client.pushOrder(o);
        client.pushOrder(o);`);
    const results = lint(
      Object.entries(inDir({ 'OrderService.cls': src, 'ErpClient.cls': CLIENT })).map(([p, text]) => ({ path: p, text })),
      resolveConfig({}),
      { allFiles: true, project: PROJECT },
    );
    const finding = results.flatMap((r) => r.findings).find((f) => f.ruleId === 'callout-after-dml')!;
    assert.deepEqual(finding.refused, [
      {
        title: 'Move the callout to a Queueable',
        reason: 'not offered — the receiver may hold other state than a new one: client is used by more than the moved call',
      },
    ]);
  });
});
