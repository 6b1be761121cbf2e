import { callIndex, firstCallee } from '../analysis/callindex';
import { entryKind, implementsInterface } from '../analysis/contexts';
import { eolOf, indentAt } from '../analysis/text-edits';
import { forEachExprDeep } from '../analysis/traverse';
import type { MethodDecl, TypeDecl } from '../model/ir';
import { freeClassName, jobFiles, render } from '../fixes/queueable';
import { defineRule, type FixSpec, type RuleContext } from './rule';

/** Whether the body uses the class's own members, `this`, `super` or the context: it could not move as is. */
function usesOwnMembers(type: TypeDecl, method: MethodDecl): boolean {
  const own = new Set([...type.fields.map((f) => f.name), ...type.methods.map((m) => m.name)]);
  // Conservative: a local named like a field also counts (no fix rather than a wrong one).
  let uses = false;
  if (!method.body) return true;
  forEachExprDeep(method.body, (e) => {
    if (e.k === 'this' || e.k === 'super') uses = true;
    else if (e.k === 'name' && (own.has(e.name) || method.params.some((p) => p.name === e.name))) uses = true;
    else if (e.k === 'call' && !e.target && own.has(e.name)) uses = true;
  });
  return uses;
}

/** Re-indent a block's inner lines to `indent`, keeping their relative indentation. */
function reindent(lines: string[], indent: string): string {
  const body = lines.filter((l) => l.trim() !== '');
  const common = Math.min(...body.map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => (l.trim() === '' ? '' : indent + l.slice(common).replace(/\t/g, '    '))).join('\n');
}

/** "Move the work to a Queueable": execute's body goes into a new Queueable with AllowsCallouts that execute enqueues. */
function scheduledToQueueable(ctx: RuleContext, type: TypeDecl, method: MethodDecl): FixSpec | undefined {
  if (!method.body || method.body.k !== 'block' || !method.body.body.length || usesOwnMembers(type, method)) return undefined;
  const name = freeClassName(ctx.workspace, [`${type.text}Job`, `${type.text}CalloutJob`]);
  if (!name) return undefined;
  const text = ctx.file.source.text;
  const inner = text.slice(method.body.span.start + 1, method.body.span.end - 1).split(/\r\n|\r|\n/);
  while (inner.length && inner[0].trim() === '') inner.shift();
  while (inner.length && inner[inner.length - 1].trim() === '') inner.pop();
  const job = render('fixes/ScheduledCalloutJob.cls', { Name: name, Scheduled: type.text, Body: reindent(inner, '        ') });
  const eol = eolOf(text);
  const first = method.body.body[0].span.start;
  return {
    title: `Move the work to a new Queueable ${name} and enqueue it from execute()`,
    safe: false,
    edits: [
      { span: method.body.span, text: `{${eol}${indentAt(text, first)}System.enqueueJob(new ${name}());${eol}${indentAt(text, method.nameSpan.start)}}` },
    ],
    creates: jobFiles(ctx.file.path, name, job, ctx.project),
  };
}

export default defineRule(
  {
    id: 'async-callout-not-allowed',
    description: 'A Queueable or Batchable class that calls out without Database.AllowsCallouts, or a Schedulable that calls out synchronously',
    defaultSeverity: 'error',
    fixable: true,
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const type of ctx.file.model.types) {
      if (type.kind !== 'class') continue;
      const allowed = implementsInterface(index, type, 'database.allowscallouts');
      let classReported = false;
      for (const method of type.methods) {
        if (!method.body) continue;
        const ref = { file: ctx.file, type, method };
        const kind = entryKind(index, ref);
        if (kind === 'schedulable') {
          const facts = index.factsOf(ref);
          const advice =
            'Scheduled Apex cannot call out synchronously. Enqueue a Queueable with Database.AllowsCallouts (or start a batch that allows callouts) from execute, and call out there';
          const fix = scheduledToQueueable(ctx, type, method);
          const fixes = fix ? [fix] : [];
          for (const send of facts.sends) ctx.report({ span: send.span, message: `Callout in Schedulable ${type.text}.execute(). ${advice}`, fixes });
          for (const site of facts.calls) {
            const chain = index.siteEffect(ref, site).callout;
            if (chain)
              ctx.report({
                span: site.span,
                message: `Schedulable ${type.text}.execute() reaches a callout through ${firstCallee(chain)}. ${advice}`,
                related: chain.slice(1),
                fixes,
              });
          }
          continue;
        }
        if ((kind !== 'queueable' && kind !== 'batch') || allowed || classReported) continue;
        const chain = index.summary(ref).callout;
        if (!chain) continue;
        classReported = true;
        const what = kind === 'queueable' ? 'Queueable' : 'Batchable';
        ctx.report({
          span: type.nameSpan,
          message: `${what} ${type.text} makes a callout in ${method.text}() but does not implement Database.AllowsCallouts: the callout fails at runtime with a CalloutException. Add Database.AllowsCallouts to implements`,
          related: [{ message: `${method.text}() calls out`, span: method.nameSpan }, ...chain],
          fixes: [
            {
              title: 'Add Database.AllowsCallouts to implements',
              safe: true,
              edits: [
                {
                  span: { start: type.headerEnd, end: type.headerEnd },
                  text: type.implements.length ? ', Database.AllowsCallouts' : ' implements Database.AllowsCallouts',
                },
              ],
            },
          ],
        });
      }
    }
  },
);
