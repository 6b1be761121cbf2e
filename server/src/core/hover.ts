/**
 * What a person hovering over a callout wants to know: where it goes, how
 * long it may take, which transactions run it, and which of the four
 * integration patterns it is. Markdown, computed from the index.
 */
import * as path from 'node:path';
import { calloutsOf, type CalloutSite } from '../analysis/callouts';
import { endpointsOf } from '../analysis/endpoints';
import { fold } from '../analysis/constants';
import { callIndex, firstCallee } from '../analysis/callindex';
import { contextsOf, describeContexts, isAsyncContext, type ContextKind } from '../analysis/contexts';
import { continuationsOf, MAX_CONTINUATION_REQUESTS } from '../analysis/continuations';
import { reachedFromEventTriggers } from '../analysis/integrations';
import { adviseSite } from '../analysis/pattern-advice';
import type { Endpoint } from '../analysis/request-config';
import { soapOf } from '../analysis/soap';
import { soapOperation, soapRequestConfig } from '../analysis/soap-config';
import type { AnalyzedFile, MethodRef, Workspace } from '../analysis/workspace';
import type { MethodDecl, TypeDecl } from '../model/ir';

export interface CalloutHover {
  /** UTF-16 offsets of the hovered callout (`send(req)`). */
  start: number;
  end: number;
  markdown: string;
}

function patternOf(kinds: ContextKind[]): string {
  if (kinds.length === 0) return 'Request-Reply (no entry point in the workspace reaches it: treated as synchronous)';
  if (kinds.includes('trigger')) return 'none that works: a trigger cannot call out synchronously (use Fire-and-Forget: a Platform Event or a Queueable)';
  if (kinds.includes('schedulable')) return 'none that works: scheduled Apex cannot call out synchronously (enqueue a Queueable, or use Batch Data Sync)';
  if (kinds.every(isAsyncContext)) return kinds.includes('batch') ? 'Batch Data Sync (Batch Apex)' : 'Fire-and-Forget (asynchronous callout)';
  return 'Request-Reply (synchronous: the caller waits for the answer)';
}

function describe(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl, site: CalloutSite): string {
  const facts = calloutsOf(workspace, file, type, method);
  const sameRequest = (r?: string) => !site.request || !r || r === site.request;
  const endpoint = endpointsOf(workspace, file, type, method).find((e) => sameRequest(e.call.request));
  let where = 'set elsewhere (not visible here)';
  if (endpoint?.value.kind === 'string') {
    const v = endpoint.value;
    const url = `${v.prefix}${v.complete ? '' : '…'}`;
    const nc = /^callout:([A-Za-z0-9_]+)/i.exec(v.prefix);
    where = nc ? `\`${url}\` — Named Credential **${nc[1]}**` : `\`${url}\` — hard-coded`;
  }
  let timeout: string;
  if (site.request && facts.continuationRequests.has(site.request)) timeout = "the Continuation's own timeout applies";
  else if (site.timeoutMissing) timeout = 'not set: the silent 10 s default applies';
  else {
    const set = facts.requestCalls.find((r) => r.method === 'settimeout' && sameRequest(r.request));
    const v = set && fold(set.call.args[0], { workspace, type, scope: facts.scope });
    timeout = v?.kind === 'number' ? `${v.value} ms` : 'set (value not known here)';
  }
  const contexts = contextsOf(workspace, method);
  const kinds = [...contexts.keys()];
  const advice = adviseSite(workspace, { file, type, method }, site, kinds, reachedFromEventTriggers(workspace).has(method));
  return [
    '**Callout** (`Http.send`)',
    '',
    `- Endpoint: ${where}`,
    `- Timeout: ${timeout}`,
    `- Runs in: ${contexts.size ? describeContexts(contexts) : 'no entry point found in the workspace (treated as synchronous)'}`,
    `- Pattern: ${patternOf(kinds)}`,
    `- Advice: **${advice.pattern}**: ${advice.reason}`,
  ].join('\n');
}

function endpointText(e: Endpoint): string {
  if (e.kind === 'named-credential') return `\`callout:${e.name}${e.path}\` — Named Credential **${e.name}**`;
  if (e.kind === 'host') return `\`${e.url}\` — hard-coded`;
  return `unknown (${e.reason})`;
}

function runsIn(workspace: Workspace, method: MethodDecl): string[] {
  const contexts = contextsOf(workspace, method);
  return [
    `- Runs in: ${contexts.size ? describeContexts(contexts) : 'no entry point found in the workspace (treated as synchronous)'}`,
    `- Pattern: ${patternOf([...contexts.keys()])}`,
  ];
}

/** A SOAP operation call or a Continuation under the cursor. */
function soapOrContinuationHover(workspace: Workspace, ref: MethodRef, offset: number): CalloutHover | undefined {
  const under = (span: { start: number; end: number }) => span.start <= offset && offset <= span.end;
  const soap = soapOf(workspace, ref.file, ref.type, ref.method);
  const call = soap.calls.find((c) => under(c.call.span));
  if (call) {
    const op = soapOperation(workspace, call);
    const config = soapRequestConfig(workspace, ref, soap, call);
    const t = config.timeout;
    const markdown = [
      `**SOAP callout** (\`WebServiceCallout.invoke\`): \`${op.port}.${op.operation}\``,
      '',
      ...(op.action ? [`- SOAP action: \`${op.action}\``] : []),
      `- Endpoint: ${endpointText(config.endpoint)}`,
      `- Timeout: ${t.kind === 'ms' ? `${t.ms} ms` : t.kind === 'default' ? 'timeout_x not set: the silent 10 s default applies' : 'set (value not known here)'}`,
      ...runsIn(workspace, ref.method),
    ].join('\n');
    return { start: call.span.start, end: call.span.end, markdown };
  }
  for (const con of continuationsOf(workspace, ref.file, ref.type, ref.method)) {
    const request = con.requests.find((r) => under(r.call.span));
    if (!request && !under(con.creation.span)) continue;
    const span = request?.span ?? con.creation.span;
    const seconds = con.timeouts.map((t) => (t.seconds !== undefined ? `${t.seconds} s` : 'set (value not known here)'));
    const markdown = [
      `**Continuation**${con.name ? ` \`${con.name}\`` : ''} (long-running callout: the platform sends its requests after the method returns)`,
      '',
      `- Timeout: ${seconds.length ? seconds.join(', then ') : 'the default 120 s'} (the requests' own timeouts do not apply; at most 120 s)`,
      `- Requests: ${con.requests.length} (at most ${MAX_CONTINUATION_REQUESTS} per Continuation)`,
      ...runsIn(workspace, ref.method),
    ].join('\n');
    return { start: span.start, end: span.end, markdown };
  }
  return undefined;
}

/** The hover for the callout at `offset` of `file`, if there is one there. */
export function calloutHoverAt(workspace: Workspace, file: AnalyzedFile, offset: number): CalloutHover | undefined {
  const index = callIndex(workspace);
  for (const type of file.model.types) {
    for (const method of type.methods) {
      if (!method.body || offset < method.span.start || offset > method.span.end) continue;
      const ref = { file, type, method };
      const facts = index.factsOf(ref);
      const site = facts.sends.find((s) => s.call.span.start <= offset && offset <= s.call.span.end);
      if (site && !site.soap) return { start: site.span.start, end: site.span.end, markdown: describe(workspace, file, type, method, site) };
      const soapOrContinuation = soapOrContinuationHover(workspace, ref, offset);
      if (soapOrContinuation) return soapOrContinuation;
      // A call that leads to a callout: the innermost one under the cursor.
      const calls = facts.calls
        .filter((c) => c.span.start <= offset && offset <= c.span.end)
        .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      for (const call of calls) {
        const chain = index.siteEffect(ref, call).callout;
        if (!chain) continue;
        const contexts = contextsOf(workspace, method);
        const steps = chain.map((step) => {
          const where = `${path.basename(step.file.path)}:${step.file.source.positionAt(step.span.start).line}`;
          return step.callee ? `\`${step.callee}\` (${where})` : `\`Http.send\` (${where})`;
        });
        const markdown = [
          `**Leads to a callout** through \`${firstCallee(chain)}\``,
          '',
          `- Chain: ${steps.join(' → ')}`,
          `- Runs in: ${contexts.size ? describeContexts(contexts) : 'no entry point found in the workspace (treated as synchronous)'}`,
          `- Pattern: ${patternOf([...contexts.keys()])}`,
        ].join('\n');
        return { start: call.span.start, end: call.span.end, markdown };
      }
    }
  }
  return undefined;
}
