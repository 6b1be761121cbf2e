import { callIndex, methodLabel, type CallSite } from '../analysis/callindex';
import { chainedConstructors, endpointFieldParams } from '../analysis/endpoint-fields';
import { endpointParams, endpointsOf, endpointValues, hasLiteralHost } from '../analysis/endpoints';
import { namedCredentialFix } from '../fixes/named-credential';
import { fold, leadingLiteral } from '../analysis/constants';
import type { MethodScope } from '../analysis/scope';
import { portLabel, soapOf } from '../analysis/soap';
import type { MethodRef } from '../analysis/workspace';
import type { TypeDecl } from '../model/ir';
import { defineRule, type RuleContext } from './rule';

export function shown(url: string, complete: boolean): string {
  const text = url.length > 60 ? url.slice(0, 57) + '...' : url;
  return complete || url.length > 60 ? text : `${text}...`;
}

const ADVICE = 'use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment';

export default defineRule(
  {
    id: 'hardcoded-endpoint',
    description: 'setEndpoint() with a literal https:// or http:// URL instead of a Named Credential',
    defaultSeverity: 'warning',
    fixable: true,
    testCode: 'skip',
    messages: {
      hardcodedEndpoint: `Hard-coded endpoint '{{url}}': ${ADVICE}`,
      hardcodedEndpointViaHelper: `Hard-coded endpoint '{{url}}', set by {{helper}} with setEndpoint(): ${ADVICE}`,
      hardcodedEndpointViaField: `Hard-coded endpoint '{{url}}', kept in {{field}} by {{helper}} and set with setEndpoint() in {{setter}}: ${ADVICE}`,
      hardcodedPortEndpoint: `Hard-coded endpoint '{{url}}' set as endpoint_x of the SOAP port {{portClass}}: ${ADVICE}`,
      hardcodedGeneratedEndpoint: `Hard-coded endpoint '{{url}}' in the generated SOAP port {{portClass}} (endpoint_x), called here without another endpoint_x: ${ADVICE}`,
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const reported = new Set<unknown>();
      for (const { call: rc, value: v, literal } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !hasLiteralHost(v) || reported.has(rc)) continue;
        reported.add(rc);
        const fix = literal && namedCredentialFix(ctx, { file: ctx.file, type, method }, rc, literal);
        ctx.report({
          span: rc.span,
          messageId: 'hardcodedEndpoint',
          data: { url: shown(v.prefix, v.complete) },
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
      // A literal handed to a project helper that sets it as the endpoint: reported on the literal, here.
      const ref = { file: ctx.file, type, method };
      const facts = index.factsOf(ref);
      for (const site of facts.calls) {
        const callees = index.callees(ref, site);
        if (callees.length !== 1 || callees[0].method === method) continue;
        for (const [i, { call: rc, owner, via }] of endpointParams(ctx.workspace, callees[0])) {
          const arg = site.expr.args[i];
          if (!arg) continue;
          const hit = endpointValues(arg, ctx.workspace, ctx.file, type, facts.scope).find((e) => hasLiteralHost(e.value));
          if (!hit) continue;
          const here = hit.literal && hit.literal.file === ctx.file ? hit.literal.span : arg.span;
          const fix = hit.literal && namedCredentialFix(ctx, owner, rc, hit.literal);
          ctx.report({
            span: here,
            messageId: 'hardcodedEndpointViaHelper',
            data: { url: shown(hit.value.prefix, hit.value.complete), helper: methodLabel(callees[0]) },
            related: [
              ...via.map((v) => ({ message: `passed on to ${v.label}`, span: v.span, file: v.file })),
              { message: 'setEndpoint() in the helper', span: rc.span, file: owner.file },
            ],
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      }
      constructorEndpoints(ctx, ref, facts);
      soapEndpoints(ctx, ref, facts.scope);
    }
  },
);

/**
 * A literal handed to a constructor (`new Client(..., 'https://…')`,
 * `super(...)`, `this(...)`) that keeps it in a private field read by a
 * `setEndpoint(...)` of the class: reported on the literal, with the chain.
 */
function constructorEndpoints(ctx: RuleContext, ref: MethodRef, facts: { scope: MethodScope; calls: readonly CallSite[] }): void {
  const index = callIndex(ctx.workspace);
  for (const site of facts.calls) {
    const ctors = site.expr.k === 'new' ? index.callees(ref, site) : chainedConstructors(ctx.workspace, ref, site.expr);
    if (ctors.length !== 1 || ctors[0].method.kind !== 'constructor') continue;
    for (const [i, found] of endpointFieldParams(ctx.workspace, ctors[0])) {
      const arg = site.expr.args[i];
      if (!arg) continue;
      const hit = endpointValues(arg, ctx.workspace, ctx.file, ref.type, facts.scope).find((e) => hasLiteralHost(e.value));
      if (!hit) continue;
      const owner = found.owner;
      ctx.report({
        span: hit.literal && hit.literal.file === ctx.file ? hit.literal.span : arg.span,
        messageId: 'hardcodedEndpointViaField',
        data: {
          url: shown(hit.value.prefix, hit.value.complete),
          field: `${owner.type.text}.${found.field}`,
          helper: methodLabel(ctors[0]),
          setter: methodLabel(owner),
        },
        related: [
          ...found.via.map((v) => ({ message: `passed on to ${v.label}`, span: v.span, file: v.file })),
          { message: `stored in ${owner.type.text}.${found.field}`, span: found.stored.span, file: found.stored.file },
          { message: 'setEndpoint() with the field', span: found.call.span, file: owner.file },
        ],
      });
    }
  }
}

/**
 * A port held in a field of the caller's class (`service.search_x(…)`) whose
 * `endpoint_x` a constructor or method of that class assigns (`service.endpoint_x
 * = base + suffix`, the usual wrapper): the generated default is not manifestly
 * the endpoint the call uses, so it is not reported there.
 */
function fieldEndpointAssigned(ctx: RuleContext, ref: MethodRef, receiver: string): boolean {
  if (ref.method.params.some((p) => p.name === receiver)) return false;
  if (!ref.type.fields.some((f) => f.name === receiver)) return false;
  return ref.type.methods.some((m) =>
    soapOf(ctx.workspace, ctx.file, ref.type, m).writes.some((w) => {
      if (w.field !== 'endpoint_x' || w.assign.target.k !== 'field') return false;
      const t = w.assign.target.target;
      return (t.k === 'name' && t.name === receiver) || (t.k === 'field' && t.name === receiver && t.target.k === 'this');
    }),
  );
}

/**
 * WSDL2Apex ports: a literal `port.endpoint_x = 'https://…'` in the caller, on
 * the assignment; the WSDL's address left in the generated field initializer,
 * on the caller's first operation call on that port (the generated class is
 * not where a person looks), with the fix editing the initializer.
 */
function soapEndpoints(ctx: RuleContext, ref: MethodRef, scope: MethodScope): void {
  const soap = soapOf(ctx.workspace, ctx.file, ref.type, ref.method);
  const assigned = new Set<string>();
  for (const w of soap.writes) {
    if (w.field !== 'endpoint_x' || w.assign.target.k !== 'field') continue;
    const receiver = w.assign.target.target;
    if (receiver.k === 'name') assigned.add(receiver.name);
    const hit = endpointValues(w.assign.value, ctx.workspace, ctx.file, ref.type, scope).find((e) => hasLiteralHost(e.value));
    if (!hit) continue;
    const fix = hit.literal && namedCredentialFix(ctx, ref, { request: receiver.k === 'name' ? receiver.name : undefined }, hit.literal);
    ctx.report({
      span: w.assign.span,
      messageId: 'hardcodedPortEndpoint',
      data: { url: shown(hit.value.prefix, hit.value.complete), portClass: portLabel(w.port) },
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
  const reported = new Set<TypeDecl>();
  for (const call of soap.calls) {
    if ((call.receiver && assigned.has(call.receiver.toLowerCase())) || reported.has(call.port.type)) continue;
    if (call.receiver && fieldEndpointAssigned(ctx, ref, call.receiver.toLowerCase())) continue;
    const field = call.port.type.fields.find((f) => f.name === 'endpoint_x');
    if (!field?.init) continue;
    const portScope = { workspace: ctx.workspace, type: call.port.type };
    const v = fold(field.init, portScope);
    if (v.kind !== 'string' || !hasLiteralHost(v)) continue;
    reported.add(call.port.type);
    const literal = leadingLiteral(field.init, { ...portScope, file: call.port.file });
    const fix = literal && namedCredentialFix(ctx, ref, { request: call.receiver?.toLowerCase() }, literal);
    ctx.report({
      span: call.span,
      messageId: 'hardcodedGeneratedEndpoint',
      data: { url: shown(v.prefix, v.complete), portClass: portLabel(call.port) },
      related: [{ message: `${portLabel(call.port)}.endpoint_x`, span: field.span, file: call.port.file }],
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}
