import * as assert from 'node:assert/strict';
import { compareWithAllFiles } from '../../support/demand-compare';
import { spanOf, workspaceFindings } from '../../support/lint';

/** Issue 22 item 6: trigger frameworks that name their target, followed to the callout. */

const ADVICE =
  'Triggers cannot call out synchronously; the callout fails at runtime with a CalloutException. Publish a Platform Event, or enqueue a Queueable with Database.AllowsCallouts (or call a @future(callout=true) method)';

const CREDIT_CLIENT = `public with sharing class CreditCheckClient {
    public static void check(Id accountId) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:CreditBureau/accounts/' + accountId);
        req.setMethod('GET');
        req.setTimeout(20000);
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new CalloutException('Credit check failed: ' + res.getStatus());
        }
    }
}`;
const CLIENT_SEND = `CreditCheckClient.cls:${spanOf(CREDIT_CLIENT, 'send(req)')} callout (Http.send)`;

describe('callout-in-trigger: fflib_SObjectDomain.triggerHandler(X.class)', () => {
  const RULE = 'callout-in-trigger';
  const trigger = (literal: string, events = 'after insert, after update') => `trigger Accounts on Account (${events}) {
    fflib_SObjectDomain.triggerHandler(${literal});
}`;
  // fflib installed as a package: the base class is not in the workspace.
  const domain = `public with sharing class Accounts extends fflib_SObjectDomain {
    public Accounts(List<Account> sObjectList) {
        super(sObjectList);
    }

    public override void onAfterInsert() {
        for (Account acc : (List<Account>) Records) {
            if (acc.Rating == 'Hot') {
                CreditCheckClient.check(acc.Id);
            }
        }
    }

    public class Constructor implements fflib_SObjectDomain.IConstructable {
        public fflib_SObjectDomain construct(List<SObject> sObjectList) {
            return new Accounts(sObjectList);
        }
    }
}`;

  it('follows the class literal to the domain override the event runs, through the records the domain holds', () => {
    const t = trigger('Accounts.class');
    assert.deepEqual(workspaceFindings({ 'Accounts.trigger': t, 'Accounts.cls': domain, 'CreditCheckClient.cls': CREDIT_CLIENT }, RULE), [
      {
        file: 'Accounts.trigger',
        ruleId: RULE,
        at: spanOf(t, 'triggerHandler(Accounts.class)'),
        messageId: 'triggerReachesCallout',
        data: { trigger: 'Accounts', callee: 'Accounts.onAfterInsert()' },
        message: `Trigger Accounts reaches a synchronous callout through Accounts.onAfterInsert(). ${ADVICE}`,
        severity: 'error',
        related: [`Accounts.cls:${spanOf(domain, 'check(acc.Id)')} calls CreditCheckClient.check()`, CLIENT_SEND],
      },
    ]);
  });

  it('follows the Constructor class literal to the domain it constructs', () => {
    const t = trigger('Accounts.Constructor.class');
    const found = workspaceFindings({ 'Accounts.trigger': t, 'Accounts.cls': domain, 'CreditCheckClient.cls': CREDIT_CLIENT }, RULE);
    assert.deepEqual(
      found.map((f) => [f.at, f.data]),
      [[spanOf(t, 'triggerHandler(Accounts.Constructor.class)'), { trigger: 'Accounts', callee: 'Accounts.onAfterInsert()' }]],
    );
  });

  it('demand-driven parsing reads the domain and its Constructor for the trigger that names them', () => {
    for (const literal of ['Accounts.class', 'Accounts.Constructor.class']) {
      const files = [
        { path: '/p/Accounts.trigger', text: trigger(literal) },
        { path: '/p/Accounts.cls', text: domain },
        { path: '/p/CreditCheckClient.cls', text: CREDIT_CLIENT },
      ];
      const { all, demand } = compareWithAllFiles(files);
      assert.deepEqual(demand, all, literal);
      assert.ok(
        all.some((line) => line.includes('callout-in-trigger')),
        literal,
      );
    }
  });

  it('runs only the overrides of the declared events: a before-only trigger never reaches onAfterInsert', () => {
    const t = trigger('Accounts.class', 'before insert, before update');
    assert.deepEqual(workspaceFindings({ 'Accounts.trigger': t, 'Accounts.cls': domain, 'CreditCheckClient.cls': CREDIT_CLIENT }, RULE), []);
  });

  it('goes through the fflib base class handleAfterInsert() when it is in the workspace', () => {
    const base = `public virtual with sharing class fflib_SObjectDomain {
    public List<SObject> Records { get; private set; }
    public fflib_SObjectDomain(List<SObject> sObjectList) {
        Records = sObjectList;
    }
    public virtual void onValidate() {}
    public virtual void onAfterInsert() {}
    public virtual void handleAfterInsert() {
        onValidate();
        onAfterInsert();
    }
    public interface IConstructable {
        fflib_SObjectDomain construct(List<SObject> sObjectList);
    }
    public static void triggerHandler(Type domainClass) {
        String domainClassName = domainClass.getName();
        Type constructableClass = Type.forName(domainClassName + '.Constructor');
        IConstructable domainConstructor = (IConstructable) constructableClass.newInstance();
        fflib_SObjectDomain domainObject = domainConstructor.construct(Trigger.new);
        if (Trigger.isAfter && Trigger.isInsert) domainObject.handleAfterInsert();
    }
}`;
    const t = trigger('Accounts.class');
    const found = workspaceFindings(
      { 'Accounts.trigger': t, 'Accounts.cls': domain, 'fflib_SObjectDomain.cls': base, 'CreditCheckClient.cls': CREDIT_CLIENT },
      RULE,
    );
    assert.deepEqual(
      found.map((f) => [f.at, f.data, f.related]),
      [
        [
          spanOf(t, 'triggerHandler(Accounts.class)'),
          { trigger: 'Accounts', callee: 'Accounts.handleAfterInsert()' },
          [
            `fflib_SObjectDomain.cls:${spanOf(base, 'onAfterInsert()', 1)} calls Accounts.onAfterInsert()`,
            `Accounts.cls:${spanOf(domain, 'check(acc.Id)')} calls CreditCheckClient.check()`,
            CLIENT_SEND,
          ],
        ],
      ],
    );
  });
});

describe('callout-in-trigger: Type.forName with a literal name', () => {
  const RULE = 'callout-in-trigger';
  const contract = `public interface ITriggerHandler {
    void afterInsert(List<SObject> records);
}`;
  const handler = `public with sharing class AccountHandler implements ITriggerHandler {
    public void afterInsert(List<SObject> records) {
        for (SObject rec : records) {
            CreditCheckClient.check(rec.Id);
        }
    }
}`;
  const quiet = `public with sharing class ContactHandler implements ITriggerHandler {
    public void afterInsert(List<SObject> records) {}
}`;
  const files = (t: string) => ({
    'AccountTrigger.trigger': t,
    'ITriggerHandler.cls': contract,
    'AccountHandler.cls': handler,
    'ContactHandler.cls': quiet,
    'CreditCheckClient.cls': CREDIT_CLIENT,
  });

  it('follows Type.forName(literal).newInstance() to the class it names, not to every implementation', () => {
    const t = `trigger AccountTrigger on Account (after insert) {
    ITriggerHandler handler = (ITriggerHandler) Type.forName('AccountHandler').newInstance();
    handler.afterInsert(Trigger.new);
}`;
    assert.deepEqual(
      workspaceFindings(files(t), RULE).map((f) => [f.at, f.data, f.related]),
      [
        [
          spanOf(t, 'afterInsert(Trigger.new)'),
          { trigger: 'AccountTrigger', callee: 'AccountHandler.afterInsert()' },
          [`AccountHandler.cls:${spanOf(handler, 'check(rec.Id)')} calls CreditCheckClient.check()`, CLIENT_SEND],
        ],
      ],
    );
  });

  it('keeps a configured name latent: the class comes from custom metadata', () => {
    const t = `trigger AccountTrigger on Account (after insert) {
    Trigger_Setting__mdt setting = Trigger_Setting__mdt.getInstance('Account');
    ITriggerHandler handler = (ITriggerHandler) Type.forName(setting.Handler_Class__c).newInstance();
    handler.afterInsert(Trigger.new);
}`;
    assert.deepEqual(workspaceFindings(files(t), RULE), []);
  });
});

describe('callout-in-trigger: Trigger.operationType and handler objects', () => {
  const RULE = 'callout-in-trigger';
  it('decides a switch on Trigger.operationType handed to the handler, per declared event', () => {
    const t = `trigger AccountTrigger on Account (after insert, after update) {
    AccountTriggerHandler.handle(Trigger.operationType, Trigger.new);
}`;
    const handler = (whenInsert: string) => `public with sharing class AccountTriggerHandler {
    public static void handle(System.TriggerOperation operation, List<Account> records) {
        switch on operation {
            when ${whenInsert} {
                CreditCheckClient.check(records[0].Id);
            }
            when else {
                return;
            }
        }
    }
}`;
    const found = workspaceFindings(
      { 'AccountTrigger.trigger': t, 'AccountTriggerHandler.cls': handler('AFTER_INSERT'), 'CreditCheckClient.cls': CREDIT_CLIENT },
      RULE,
    );
    assert.deepEqual(
      found.map((f) => [f.at, f.data]),
      [[spanOf(t, 'handle(Trigger.operationType, Trigger.new)'), { trigger: 'AccountTrigger', callee: 'AccountTriggerHandler.handle()' }]],
    );
    assert.deepEqual(
      workspaceFindings({ 'AccountTrigger.trigger': t, 'AccountTriggerHandler.cls': handler('BEFORE_DELETE'), 'CreditCheckClient.cls': CREDIT_CLIENT }, RULE),
      [],
    );
  });

  it('decides Trigger.operationType == TriggerOperation.AFTER_INSERT in the handler', () => {
    const t = `trigger AccountTrigger on Account (before insert, after insert) {
    AccountTriggerHandler.run(Trigger.new);
}`;
    const handler = `public with sharing class AccountTriggerHandler {
    public static void run(List<Account> records) {
        if (Trigger.operationType != TriggerOperation.AFTER_INSERT) {
            return;
        }
        CreditCheckClient.check(records[0].Id);
    }
}`;
    const found = workspaceFindings({ 'AccountTrigger.trigger': t, 'AccountTriggerHandler.cls': handler, 'CreditCheckClient.cls': CREDIT_CLIENT }, RULE);
    assert.deepEqual(
      found.map((f) => f.at),
      [spanOf(t, 'run(Trigger.new)')],
    );
  });

  it('follows a handler held in a trigger variable through the virtual base run() to the override', () => {
    const base = `public virtual class TriggerHandler {
    public void run() {
        switch on Trigger.operationType {
            when AFTER_INSERT {
                afterInsert();
            }
            when AFTER_UPDATE {
                afterUpdate();
            }
        }
    }
    protected virtual void afterInsert() {}
    protected virtual void afterUpdate() {}
}`;
    const handler = `public with sharing class AccountTriggerHandler extends TriggerHandler {
    protected override void afterUpdate() {
        for (Account acc : (List<Account>) Trigger.new) {
            CreditCheckClient.check(acc.Id);
        }
    }
}`;
    const quiet = `public with sharing class ContactTriggerHandler extends TriggerHandler {
    protected override void afterUpdate() {}
}`;
    const t = `trigger AccountTrigger on Account (after insert, after update) {
    AccountTriggerHandler handler = new AccountTriggerHandler();
    handler.run();
}`;
    const found = workspaceFindings(
      {
        'AccountTrigger.trigger': t,
        'TriggerHandler.cls': base,
        'AccountTriggerHandler.cls': handler,
        'ContactTriggerHandler.cls': quiet,
        'CreditCheckClient.cls': CREDIT_CLIENT,
      },
      RULE,
    );
    assert.deepEqual(
      found.map((f) => [f.at, f.data, f.related]),
      [
        [
          spanOf(t, 'run()'),
          { trigger: 'AccountTrigger', callee: 'TriggerHandler.run()' },
          [
            `TriggerHandler.cls:${spanOf(base, 'afterUpdate()')} calls AccountTriggerHandler.afterUpdate()`,
            `AccountTriggerHandler.cls:${spanOf(handler, 'check(acc.Id)')} calls CreditCheckClient.check()`,
            CLIENT_SEND,
          ],
        ],
      ],
    );
  });
});
