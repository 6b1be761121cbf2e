/**
 * The body of a parse worker (node/parse-pool.ts): parses and models the
 * files it is sent, one at a time, and posts each model back. A worker exists
 * so that a parse can be stopped from outside: one ANTLR prediction can run
 * for minutes, and the checks inside the parser only run between predictions.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeFile } from '../core/analyze-file';
import type { ResolvedConfig, SourceFile } from '../base/contracts';
import type { FileModel } from '../model/ir';

export interface ParseRequest {
  id: number;
  file: SourceFile;
  config: ResolvedConfig;
}

export type ParseReply = { id: number; model: FileModel } | { id: number; error: string } | { ready: true };

/**
 * Parsed once before the worker says it is ready: ANTLR builds its prediction
 * cache on first use, so a cold worker's first file costs up to a second more,
 * which must not count against that file's budget.
 */
const WARM_UP = `public with sharing class WarmUp extends Base implements Queueable, Database.AllowsCallouts {
    private static final Integer LIMIT_MS = 10000;
    @TestVisible private Map<Id, List<Account>> byOwner = new Map<Id, List<Account>>();
    public WarmUp(String name) { this.name = name; }
    @future(callout=true)
    public static void send(Set<Id> ids) {
        for (Account a : [SELECT Id, Name FROM Account WHERE Id IN :ids LIMIT 10]) {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:Erp/accounts/' + a.Id);
            req.setMethod('POST');
            req.setTimeout(LIMIT_MS);
            req.setBody(JSON.serialize(new Map<String, Object>{ 'name' => a.Name }));
            try {
                HttpResponse res = new Http().send(req);
                if (res.getStatusCode() != 200 && res.getStatusCode() != 201) throw new CalloutException(res.getStatus());
            } catch (CalloutException e) {
                System.debug(LoggingLevel.ERROR, e.getMessage());
            } finally {
                update a;
            }
        }
        Database.SaveResult[] results = EventBus.publish(new List<Order_Event__e>{ new Order_Event__e() });
        Integer i = 0;
        while (i < results.size() && results[i].isSuccess()) i++;
        switch on i { when 0 { return; } when else { System.enqueueJob(new WarmUp('x')); } }
    }
    public void execute(QueueableContext ctx) { Boolean b = ctx == null ? false : true; }
}
trigger WarmUpTrigger on Account (before insert, after update) { WarmUp.send(Trigger.newMap.keySet()); }
`;

const port = parentPort;
if (port) {
  analyzeFile({ path: 'WarmUp.cls', text: WARM_UP.slice(0, WARM_UP.indexOf('trigger ')) });
  analyzeFile({ path: 'WarmUpTrigger.trigger', text: WARM_UP.slice(WARM_UP.indexOf('trigger ')) });
  port.on('message', (request: ParseRequest) => {
    let reply: ParseReply;
    try {
      reply = { id: request.id, model: analyzeFile(request.file, request.config).model };
    } catch (e) {
      reply = { id: request.id, error: (e as Error).message };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies ParseReply);
}
