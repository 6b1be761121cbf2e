/**
 * "Set an explicit timeout" (callout-timeout-missing): `req.setTimeout(N);`
 * goes on a line of its own after the request is configured — after its
 * last `set…()` call, declaration or assignment in any block around the
 * send — so it lands next to the request's setters, not inside an unrelated
 * `try`. A request from elsewhere (a parameter, a helper) gets it before the
 * outermost statement that holds the send.
 */
import type { CalloutSite } from '../analysis/callouts';
import { insertLineAfter, insertLineBefore } from '../analysis/text-edits';
import type { MethodDecl, Stmt } from '../model/ir';
import type { FixContext, FixText } from './fix';
import { fullSpan } from './moved-code';
import { pathTo } from './preconditions';

function configures(s: Stmt, request: string): boolean {
  if (s.k === 'local') return s.decls.some((d) => d.name === request);
  if (s.k !== 'expr') return false;
  const e = s.expr;
  if (e.k === 'call') return e.target?.k === 'name' && e.target.name === request && e.name.startsWith('set');
  return e.k === 'assign' && e.target.k === 'name' && e.target.name === request;
}

export function timeoutFix(ctx: FixContext, method: MethodDecl, site: CalloutSite): FixText | undefined {
  const arg = site.call.args[0];
  if (arg.k !== 'name' || !method.body) return undefined;
  const text = ctx.file.source.text;
  const line = `${arg.text}.setTimeout(${ctx.config.timeouts.defaultMs});`;
  const blocks = pathTo(method.body, site.span);
  let last: Stmt | undefined;
  let outermost: Stmt | undefined;
  for (const b of blocks) {
    if (b.k !== 'block') continue;
    const index = b.body.findIndex((s) => s.span.start <= site.span.start && site.span.end <= s.span.end);
    if (index < 0) continue;
    outermost ??= b.body[index];
    for (const s of b.body.slice(0, index)) if (configures(s, arg.name) && (!last || s.span.start > last.span.start)) last = s;
  }
  if (!outermost) return undefined;
  const edit = last ? insertLineAfter(text, fullSpan(text, last).end, last.span.start, line) : insertLineBefore(text, outermost.span.start, line);
  return { title: `Set an explicit timeout: ${line}`, safe: true, edits: [edit] };
}
