/**
 * Generates a synthetic SFDX org of N classes for benchmarks: mostly plain
 * service and selector classes (~120 lines each), one in ten making callouts
 * (some with the mistakes the rules look for), one in five doing DML, one
 * in twenty a controller that saves, then calls out through other classes.
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
  for (let n = 0; n < classes; n++) {
    const name = nameOf(n);
    const parts: string[] = [];
    const r = draws[n];
    for (let i = 0; i < 6; i++) parts.push(plainMethod(name, i));
    if (r < 0.1) parts.push(calloutMethod(1, r < 0.03));
    if (r > 0.8) parts.push(dmlMethod(1));
    // One in twenty classes is a controller that saves, then calls out through other classes.
    if (r >= 0.5 && r < 0.55 && callers.length && savers.length) {
      parts.push(controllerMethod(1, savers[n % savers.length], callers[n % callers.length], nameOf((n * 7) % classes)));
    }
    const text = `/**\n * Generated for benchmarks.\n */\npublic with sharing class ${name} {\n    private static final Integer PAGE_SIZE = ${50 + (n % 50)};\n\n${parts.join('\n')}}\n`;
    fs.writeFileSync(path.join(classDir, `${name}.cls`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: classes, bytes };
}
