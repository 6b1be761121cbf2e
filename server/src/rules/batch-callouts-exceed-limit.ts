import { batchExecute, batchStarts, DEFAULT_BATCH_SCOPE, overScope } from '../analysis/batch-starts';
import { callIndex, type ChainStep } from '../analysis/callindex';
import { calloutLabel, callSpan } from '../analysis/callouts';
import { onceGuarded } from '../analysis/loops';
import type { AnalyzedFile, Workspace } from '../analysis/workspace';
import type { MethodDecl, TypeDecl } from '../model/ir';
import { defineRule, type RelatedSpan } from './rule';

const LIMIT = 100;

/** A callout made once per record of `execute`'s scope: the loop and the way down to the send. */
function perRecordCallout(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): RelatedSpan[] | undefined {
  const index = callIndex(workspace);
  const ref = { file, type, method };
  const facts = index.factsOf(ref);
  const scope = method.params[1].name;
  for (const send of facts.sends) {
    const loop = send.loops.find((l) => overScope(l, scope));
    // A chunked flush (`if (pending.size() >= 100) { send; clear }`) calls out once per chunk, not per record.
    if (loop && !onceGuarded(loop, send.span))
      return [
        { message: 'the loop over the scope', span: loop.head, file },
        { message: calloutLabel(send), span: send.span, file },
      ];
  }
  for (const site of facts.calls) {
    const found = site.loops.find((l) => overScope(l, scope));
    const loop = found && !onceGuarded(found, site.span) ? found : undefined;
    const chain: ChainStep[] | undefined = loop && index.manifest.entryEffect(ref, site).callout;
    if (loop && chain) return [{ message: 'the loop over the scope', span: loop.head, file }, ...chain];
  }
  return undefined;
}

export default defineRule(
  {
    id: 'batch-callouts-exceed-limit',
    description: 'Batch Apex that calls out once per record, started with a scope larger than the 100 callouts a transaction allows',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'skip',
    messages: {
      scopeAboveLimit: `{{type}}.execute() calls out once per record, and this start gives it {{scope}} records per transaction: more than the ${LIMIT} callouts a transaction allows. Pass a scope of ${LIMIT} or less (Database.executeBatch(job, ${LIMIT})), or send one request per chunk`,
      defaultScopeAboveLimit: `{{type}}.execute() calls out once per record, and this start gives it the default ${DEFAULT_BATCH_SCOPE} records per transaction: more than the ${LIMIT} callouts a transaction allows. Pass a scope of ${LIMIT} or less (Database.executeBatch(job, ${LIMIT})), or send one request per chunk`,
      scopeUnknown: `execute() calls out once per record of its scope, and no start in the project gives the scope size (the default is ${DEFAULT_BATCH_SCOPE}): more than the ${LIMIT} callouts a transaction allows. Start it with Database.executeBatch(job, ${LIMIT}) or less, or send one request per chunk`,
    },
  },
  (ctx) => {
    const starts = batchStarts(ctx.workspace);
    // Starts in this file with a known scope above the limit.
    for (const [type, list] of starts) {
      for (const start of list) {
        if (start.ref.file !== ctx.file || start.scope === undefined || start.scope <= LIMIT) continue;
        // A test's start runs against mocks: it says nothing of production's scope.
        if (ctx.workspace.isTestCode(start.ref.type, start.ref.method)) continue;
        const hit = ctx.workspace.files.find((f) => f.model.types.includes(type));
        const execute = hit && batchExecute(ctx.workspace, type);
        const related = execute && perRecordCallout(ctx.workspace, hit, type, execute);
        if (!related) continue;
        ctx.report({
          span: callSpan(start.call),
          ...(start.call.args[1]
            ? { messageId: 'scopeAboveLimit', data: { type: type.text, scope: start.scope } }
            : { messageId: 'defaultScopeAboveLimit', data: { type: type.text } }),
          related,
        });
      }
    }
    // Batch classes of this file that call out per record and are never started with a known scope.
    for (const type of ctx.file.model.types) {
      const execute = !ctx.workspace.isTestCode(type) && batchExecute(ctx.workspace, type);
      if (!execute || (starts.get(type) ?? []).some((s) => s.scope !== undefined)) continue;
      const related = perRecordCallout(ctx.workspace, ctx.file, type, execute);
      if (!related) continue;
      ctx.report({
        span: execute.nameSpan,
        messageId: 'scopeUnknown',
        related,
      });
    }
  },
);
