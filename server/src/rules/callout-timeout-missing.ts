import { calloutsOf, resolveHelpers } from '../analysis/callouts';
import { methodLabel } from '../analysis/chain';
import type { MethodScope } from '../analysis/scope';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, Span, TypeDecl } from '../model/ir';
import { portLabel, soapOf } from '../analysis/soap';
import { portTimeoutFix, timeoutFix } from '../fixes/timeout';
import { defineRule } from './rule';

/** The project methods that built the sent request, when it comes from one (`send(buildRequest())`, `req = setupRequest(); send(req)`). */
function requestBuilders(scope: MethodScope, arg: Expr): MethodRef[] {
  const local = arg.k === 'name' ? scope.locals.get(arg.name) : undefined;
  const source = arg.k === 'call' ? arg : local?.single?.k === 'call' && local.assignments === 1 ? local.single : undefined;
  return source ? resolveHelpers(scope, source) : [];
}

/** The port's `timeout_x` declaration. */
function portTimeoutSpan(type: TypeDecl): Span | undefined {
  return type.fields.find((f) => f.name === 'timeout_x')?.span;
}

export default defineRule(
  {
    id: 'callout-timeout-missing',
    description: 'An HttpRequest is sent without an explicit setTimeout()',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'skip',
    messages: {
      missingTimeout: "Callout without an explicit timeout: '{{request}}' never gets setTimeout() before send(), so the silent 10 s default applies",
      missingTimeoutUnnamed: 'Callout without an explicit timeout: the request never gets setTimeout() before send(), so the silent 10 s default applies',
      missingPortTimeout:
        "SOAP callout without an explicit timeout: port '{{port}}' ({{portClass}}) reaches {{operation}}() without timeout_x set, so the silent 10 s default applies",
      missingPortTimeoutUnnamed:
        'SOAP callout without an explicit timeout: the {{portClass}} port reaches {{operation}}() without timeout_x set, so the silent 10 s default applies',
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const site of facts.sends) {
        if (!site.timeoutMissing) continue;
        if (site.request && facts.continuationRequests.has(site.request)) continue;
        const arg = site.call.args[0];
        const fix = timeoutFix(ctx, method, site);
        const builders = requestBuilders(facts.scope, arg);
        ctx.report({
          span: site.span,
          ...(arg.k === 'name' ? { messageId: 'missingTimeout', data: { request: arg.text } } : { messageId: 'missingTimeoutUnnamed' }),
          ...(builders.length
            ? { related: builders.map((b) => ({ message: `request built by ${methodLabel(b)} without setTimeout()`, span: b.method.nameSpan, file: b.file })) }
            : {}),
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
      // A WSDL2Apex port: reported on the caller's operation call, never inside the generated class. Tests call a WebServiceMock.
      if (ctx.workspace.isTestType(type)) continue;
      for (const call of soapOf(ctx.workspace, ctx.file, type, method).calls) {
        if (!call.timeoutMissing) continue;
        const data = { portClass: portLabel(call.port), operation: call.operation.method.text };
        const portFix = call.receiver && portTimeoutFix(ctx, method, call.span, call.receiver);
        ctx.report({
          span: call.span,
          ...(call.receiver ? { messageId: 'missingPortTimeout', data: { ...data, port: call.receiver } } : { messageId: 'missingPortTimeoutUnnamed', data }),
          related: [
            { message: `${portLabel(call.port)}.timeout_x, never set`, span: portTimeoutSpan(call.port.type) ?? call.port.type.nameSpan, file: call.port.file },
          ],
          ...(portFix ? { fixes: [portFix] } : {}),
        });
      }
    }
  },
);
