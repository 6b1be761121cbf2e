import { calloutLabel, calloutsOf, resolveHelpers } from '../analysis/callouts';
import { methodLabel } from '../analysis/chain';
import type { MethodScope } from '../analysis/scope';
import type { MethodRef } from '../analysis/workspace';
import type { Expr, Span, TypeDecl } from '../model/ir';
import { requestFieldOfSend, sentWithoutTimeout, wrapperSendsWithoutTimeout, type RequestField } from '../analysis/request-fields';
import { portLabel, soapOf } from '../analysis/soap';
import { portTimeoutFix, timeoutFix } from '../fixes/timeout';
import { defineRule } from './rule';

/** The project methods that built the sent request, when it comes from one (`send(buildRequest())`, `req = setupRequest(); send(req)`). */
function requestBuilders(scope: MethodScope, arg: Expr): MethodRef[] {
  const local = arg.k === 'name' ? scope.locals.get(arg.name) : undefined;
  const source = arg.k === 'call' ? arg : local?.single?.k === 'call' && local.assignments === 1 ? local.single : undefined;
  return source ? resolveHelpers(scope, source) : [];
}

/** Where the wrapper's request field gets its `new HttpRequest()`. */
function fieldWrites(field: RequestField) {
  const owner = `${field.type.text}.${field.field.text}`;
  return field.writes.map((w) => ({ message: `new HttpRequest() stored in ${owner}`, span: w.span, file: field.file }));
}

/** The wrapper's methods that set the timeout, and what their callers do. */
function fieldSetters(field: RequestField, note: string) {
  return field.setters.map((m) => ({ message: `${field.type.text}.${m.text}() sets the timeout; ${note}`, span: m.nameSpan, file: field.file }));
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
      missingTimeoutSetterUnused:
        "Callout without an explicit timeout: '{{request}}' gets setTimeout() only in {{setter}}, which no caller in the project calls, so the silent 10 s default applies",
      missingTimeoutWrapper:
        "Callout without an explicit timeout: '{{wrapper}}' sends its request with {{send}} and never calls {{setter}}, so the silent 10 s default applies",
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
        if (!site.timeoutMissing) {
          // A send of a wrapper's request field: no method of the class sets a timeout, or only a setter no caller calls.
          const field = requestFieldOfSend(ctx.workspace, ctx.file, type, site);
          if (!field || !sentWithoutTimeout(field)) continue;
          const request = ctx.file.source.text.slice(site.call.args[0].span.start, site.call.args[0].span.end);
          const fix = field.timeout === 'none' ? timeoutFix(ctx, method, site) : undefined;
          ctx.report({
            span: site.span,
            ...(field.timeout === 'none'
              ? { messageId: 'missingTimeout', data: { request }, related: fieldWrites(field) }
              : {
                  messageId: 'missingTimeoutSetterUnused',
                  data: { request, setter: field.setters.map((m) => `${field.type.text}.${m.text}()`).join(' or ') },
                  related: [...fieldSetters(field, 'no caller in the project calls it'), ...fieldWrites(field)],
                }),
            ...(fix ? { fixes: [fix] } : {}),
          });
          continue;
        }
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
      // A caller that creates a wrapper and sends through it without calling its timeout setter.
      for (const send of wrapperSendsWithoutTimeout(ctx.workspace, { file: ctx.file, type, method })) {
        const { field, callee } = send;
        const sent = field.sends.find((s) => s.method === callee.method)!.site;
        ctx.report({
          span: send.span,
          messageId: 'missingTimeoutWrapper',
          data: { wrapper: send.wrapper, send: methodLabel(callee), setter: field.setters.map((m) => `${field.type.text}.${m.text}()`).join(' or ') },
          related: [
            { message: `${calloutLabel(sent)} of ${field.type.text}.${field.field.text}`, span: sent.span, file: field.file },
            ...fieldSetters(field, 'not called on this wrapper'),
          ],
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
