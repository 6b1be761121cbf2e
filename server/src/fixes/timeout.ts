/**
 * "Set an explicit timeout" (callout-timeout-missing): `req.setTimeout(N);`
 * goes on a line of its own after the request is configured — after its
 * last `set…()` call, declaration or assignment in any block around the
 * send — so it lands next to the request's setters, not inside an unrelated
 * `try`. A request from elsewhere (a parameter, a helper) gets it before the
 * outermost statement that holds the send. A WSDL2Apex port gets
 * `port.timeout_x = N;` the same way, after its declaration and field
 * assignments.
 */
import type { CalloutSite } from '../analysis/callouts';
import { insertLineAfter, insertLineBefore } from './text-edits';
import type { MethodDecl, Span, Stmt } from '../model/ir';
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
  if (arg.k !== 'name') return undefined;
  return insertTimeout(ctx, method, site.span, `${arg.text}.setTimeout(${ctx.config.timeouts.defaultMs});`, (s) => configures(s, arg.name));
}

/** `port.timeout_x = …`, `port.endpoint_x = …` or the port's declaration: what configures a WSDL2Apex port. */
function configuresPort(s: Stmt, port: string): boolean {
  if (s.k === 'local') return s.decls.some((d) => d.name === port);
  if (s.k !== 'expr' || s.expr.k !== 'assign') return false;
  // `port = …`, `port.timeout_x = …`, `port.SessionHeader.sessionId = …`: the root of the target is the port.
  let t = s.expr.target;
  while (t.k === 'field') t = t.target;
  return t.k === 'name' && t.name === port;
}

/** "Set an explicit timeout" on a SOAP port: `port.timeout_x = N;` after the port is configured. */
export function portTimeoutFix(ctx: FixContext, method: MethodDecl, call: Span, port: string): FixText | undefined {
  return insertTimeout(ctx, method, call, `${port}.timeout_x = ${ctx.config.timeouts.defaultMs};`, (s) => configuresPort(s, port.toLowerCase()));
}

function insertTimeout(ctx: FixContext, method: MethodDecl, at: Span, line: string, configured: (s: Stmt) => boolean): FixText | undefined {
  if (!method.body) return undefined;
  const text = ctx.file.source.text;
  const site = { span: at };
  const blocks = pathTo(method.body, site.span);
  let last: Stmt | undefined;
  let outermost: Stmt | undefined;
  for (const b of blocks) {
    if (b.k !== 'block') continue;
    const index = b.body.findIndex((s) => s.span.start <= site.span.start && site.span.end <= s.span.end);
    if (index < 0) continue;
    outermost ??= b.body[index];
    for (const s of b.body.slice(0, index)) if (configured(s) && (!last || s.span.start > last.span.start)) last = s;
  }
  if (!outermost) return undefined;
  const edit = last ? insertLineAfter(text, fullSpan(text, last).end, last.span.start, line) : insertLineBefore(text, outermost.span.start, line);
  return { title: `Set an explicit timeout: ${line}`, safe: true, edits: [edit] };
}
