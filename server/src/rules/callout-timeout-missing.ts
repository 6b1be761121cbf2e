import { calloutsOf, type CalloutSite } from '../analysis/callouts';
import { insertLineAfter, insertLineBefore, statementInBlock } from '../analysis/text-edits';
import type { MethodDecl } from '../model/ir';
import { defineRule, type FixSpec, type RuleContext } from './rule';

/**
 * Insert `req.setTimeout(N);` after the request is configured: after its last
 * `set…()` call (or its declaration) in the block that sends it, or just
 * before the statement that sends it when the request comes from elsewhere.
 */
function timeoutFix(ctx: RuleContext, method: MethodDecl, site: CalloutSite): FixSpec | undefined {
  const arg = site.call.args[0];
  if (arg.k !== 'name' || !method.body) return undefined;
  const where = statementInBlock(method.body, site.span);
  if (!where) return undefined;
  const text = ctx.file.source.text;
  const line = `${arg.text}.setTimeout(${ctx.config.timeouts.defaultMs});`;
  const before = where.block.body.slice(0, where.index).reverse();
  const configured = before.find(
    (s) =>
      (s.k === 'expr' && s.expr.k === 'call' && s.expr.target?.k === 'name' && s.expr.target.name === arg.name && s.expr.name.startsWith('set')) ||
      (s.k === 'local' && s.decls.some((d) => d.name === arg.name)),
  );
  const edit = configured
    ? insertLineAfter(text, configured.span.end, configured.span.start, line)
    : insertLineBefore(text, where.block.body[where.index].span.start, line);
  return { title: `Set an explicit timeout: ${line}`, safe: true, edits: [edit] };
}

export default defineRule(
  {
    id: 'callout-timeout-missing',
    description: 'An HttpRequest is sent without an explicit setTimeout()',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const site of facts.sends) {
        if (!site.timeoutMissing) continue;
        if (site.request && facts.continuationRequests.has(site.request)) continue;
        const arg = site.call.args[0];
        const name = arg.k === 'name' ? `'${arg.text}'` : 'the request';
        const fix = timeoutFix(ctx, method, site);
        ctx.report({
          span: site.span,
          message: `Callout without an explicit timeout: ${name} never gets setTimeout() before send(), so the silent 10 s default applies`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
  },
);
