/**
 * Generates a synthetic SFDX org of N classes for benchmarks, connected the
 * way real orgs are: every class goes through shared utilities (`OrgUtil`,
 * `OrgSettings`), one of which can notify an external system by callout, so
 * a closure over the type names a file mentions selects the whole org, as on
 * NPSP and EDA. Mostly plain service and selector classes (~120 lines each),
 * one in ten making callouts (some with the mistakes the rules look for), one
 * in five doing DML, one in twenty a controller that saves, then calls out
 * through other classes; one in three has a test class, and each callout
 * class a mock (`HttpCalloutMock`), as real orgs do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function plainMethod(cls: string, i: number): string {
  return `    public static List<Account> select${i}(Set<Id> ids, String region) {
        List<Account> result = new List<Account>();
        Map<Id, Decimal> totals = new Map<Id, Decimal>();
        for (Account a : [SELECT Id, Name, AnnualRevenue, BillingCountry FROM Account WHERE Id IN :ids AND BillingCountry = :region]) {
            Decimal revenue = a.AnnualRevenue == null ? 0 : a.AnnualRevenue;
            if (revenue > ${1000 * i} && String.isNotBlank(a.Name)) {
                totals.put(a.Id, revenue * ${i}.5);
                result.add(a);
            } else if (a.Name != null && a.Name.startsWithIgnoreCase('${cls}')) {
                result.add(a);
            }
        }
        if (OrgUtil.isBlank(region)) {
            OrgUtil.log('${cls}.select${i}: no region, page ' + OrgSettings.PAGE_SIZE);
        }
        System.debug(LoggingLevel.FINE, '${cls}.select${i}: ' + totals.size());
        return result;
    }
`;
}

function calloutMethod(i: number, flawed: boolean): string {
  return `    public static Map<String, Object> call${i}(String resource) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(${flawed ? "'https://erp.example.com/api/' + resource" : "'callout:ERP/' + resource"});
        req.setMethod('GET');
        ${flawed ? '' : 'req.setTimeout(10000);'}
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new CalloutException('ERP call failed: ' + res.getStatus());
        }
        return (Map<String, Object>) JSON.deserializeUntyped(res.getBody());
    }
`;
}

function dmlMethod(i: number): string {
  return `    public static void save${i}(List<Contact> contacts) {
        List<Contact> toUpdate = new List<Contact>();
        for (Contact c : contacts) {
            if (c.Email != null && !c.Email.endsWith('.invalid')) {
                c.Description = 'Reviewed ${i}';
                toUpdate.add(c);
            }
        }
        update toUpdate;
    }
`;
}

function notifyMethod(cls: string): string {
  return `    public static void markSynced(List<Account> accounts) {
        for (Account a : accounts) {
            a.Description = 'Synced by ${cls}';
        }
        OrgUtil.notifyErp('accounts');
    }
`;
}

/** A controller action that saves through one class, then calls a class that calls out: the cross-class mistake. */
function controllerMethod(i: number, saver: string, caller: string, reader: string): string {
  return `    @AuraEnabled
    public static void submit${i}(List<Contact> contacts, Set<Id> ids) {
        ${reader}.select0(ids, 'EU');
        ${saver}.save1(contacts);
        ${caller}.call1('contacts');
    }
`;
}

/** The shared utilities every class uses; `notifyErp` calls out, `log` saves. */
function utilities(firstCaller: string): Record<string, string> {
  return {
    OrgUtil: `public with sharing class OrgUtil {
    public static Boolean isBlank(String s) {
        return s == null || s.trim().length() == 0;
    }
    public static String namespacePrefix() {
        return OrgUtil.class.getName().contains('.') ? OrgUtil.class.getName().substringBefore('.') + '__' : '';
    }
    public static void log(String message) {
        insert new Task(Subject = message.left(255), Status = 'Completed');
    }
    public static void notifyErp(String resource) {
        if (OrgSettings.NOTIFY) {
            ${firstCaller}.call1(resource);
        }
    }
}
`,
    OrgSettings: `public with sharing class OrgSettings {
    public static final Integer PAGE_SIZE = 200;
    public static final Boolean NOTIFY = true;
    public static final Integer TIMEOUT_MS = 10000;
}
`,
  };
}

function testClass(cls: string, callsOut: boolean): string {
  return `@IsTest
private class ${cls}Test {
    @IsTest
    static void selectsByRegion() {
        Account a = new Account(Name = '${cls}', BillingCountry = 'EU', AnnualRevenue = 5000);
        insert a;
        Test.startTest();
        List<Account> found = ${cls}.select1(new Set<Id>{ a.Id }, 'EU');
        Test.stopTest();
        System.assertEquals(1, found.size());
    }
${
  callsOut
    ? `
    @IsTest
    static void callsErp() {
        Test.setMock(HttpCalloutMock.class, new ${cls}Mock());
        Test.startTest();
        Map<String, Object> body = ${cls}.call1('accounts');
        Test.stopTest();
        System.assertEquals(true, body.get('ok'));
    }
`
    : ''
}}
`;
}

function mockClass(cls: string): string {
  return `@IsTest
public class ${cls}Mock implements HttpCalloutMock {
    public HttpResponse respond(HttpRequest req) {
        HttpResponse res = new HttpResponse();
        res.setStatusCode(200);
        res.setBody('{"ok": true}');
        return res;
    }
}
`;
}

export function generateOrg(dir: string, classes: number, seed = 42): { files: number; bytes: number } {
  const random = rng(seed);
  const draws = Array.from({ length: classes }, () => random());
  const nameOf = (n: number) => `Generated${String(n).padStart(5, '0')}Service`;
  const callers = draws.flatMap((r, n) => (r < 0.1 ? [nameOf(n)] : []));
  const savers = draws.flatMap((r, n) => (r > 0.8 ? [nameOf(n)] : []));
  const classDir = path.join(dir, 'force-app', 'main', 'default', 'classes');
  fs.mkdirSync(classDir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2),
  );
  let bytes = 0;
  let files = 0;
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(classDir, `${name}.cls`), text);
    bytes += Buffer.byteLength(text);
    files++;
  };
  for (const [name, text] of Object.entries(utilities(callers[0] ?? nameOf(0)))) write(name, text);
  for (let n = 0; n < classes; n++) {
    const name = nameOf(n);
    const parts: string[] = [];
    const r = draws[n];
    for (let i = 0; i < 6; i++) parts.push(plainMethod(name, i));
    if (r < 0.1) parts.push(calloutMethod(1, r < 0.03));
    if (r > 0.8) parts.push(dmlMethod(1));
    // One in thirty classes tells the ERP through the shared utility.
    if (n % 30 === 7) parts.push(notifyMethod(name));
    // One in twenty classes is a controller that saves, then calls out through other classes.
    if (r >= 0.5 && r < 0.55 && callers.length && savers.length) {
      parts.push(controllerMethod(1, savers[n % savers.length], callers[n % callers.length], nameOf((n * 7) % classes)));
    }
    const text = `/**\n * Generated for benchmarks.\n */\npublic with sharing class ${name} {\n    private static final Integer PAGE_SIZE = ${50 + (n % 50)};\n\n${parts.join('\n')}}\n`;
    write(name, text);
    if (n % 3 === 0 || r < 0.1) write(`${name}Test`, testClass(name, r < 0.1));
    if (r < 0.1) write(`${name}Mock`, mockClass(name));
  }
  return { files, bytes };
}
