/**
 * How one callout's request is configured, as far as the code shows it: the
 * endpoint (a Named Credential, a literal host, or unknown with the reason),
 * the HTTP method, the timeout and the authentication. The integration map
 * and the `named-credential-unknown` / `auth-header-manual` checks read it.
 *
 * Path-insensitive on purpose: it lists every value any path sets, so the map
 * shows `GET|POST` rather than guessing a branch. A request built by a helper
 * (`HttpRequest req = buildRequest(...)`) is read in that helper.
 */
import type { Expr, MethodDecl, Span, TypeDecl } from '../model/ir';
import { calloutsOf, callSpan, resolveHelper, type CallExpr, type CalloutSite } from './callouts';
import { fold, type Folded } from './constants';
import { isFieldRef, requestFieldOfSend, sentWithoutTimeout, type RequestField } from './request-fields';
import type { MethodScope } from './scope';
import { forEachExprDeep } from './traverse';
import type { AnalyzedFile, Workspace } from './workspace';

export type Endpoint =
  { kind: 'named-credential'; name: string; path: string } | { kind: 'host'; host: string; url: string } | { kind: 'unknown'; reason: string };

export type Timeout = { kind: 'ms'; ms: number } | { kind: 'default' } | { kind: 'unknown' };

export type Auth = 'named-credential' | 'manual-header' | 'none';

/** One call on a request that configures it (`req.setEndpoint(...)`), with the method whose constants it folds in. */
export interface RequestSetter {
  call: CallExpr;
  name: 'setendpoint' | 'setmethod' | 'settimeout' | 'setheader';
  file: AnalyzedFile;
  type: TypeDecl;
  /** The method the setter is in: its locals and constants fold the arguments. */
  scope: MethodScope;
}

export interface RequestConfig {
  endpoint: Endpoint;
  /** `POST`, `GET|POST` when branches differ; undefined when the code never sets it, `unknown` when it is not constant. */
  httpMethod?: string;
  timeout: Timeout;
  auth: Auth;
  /** Every setter found, in this method and in the helper that built the request. */
  setters: RequestSetter[];
}

const SETTERS = new Set(['setendpoint', 'setmethod', 'settimeout', 'setheader']);
const MAX_HELPER_DEPTH = 4;

/** The setters called on request variable `request` (or on every request, when undefined) of one method. */
function settersIn(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl, request: string | undefined, depth: number): RequestSetter[] {
  if (!method.body) return [];
  const facts = calloutsOf(workspace, file, type, method);
  const out: RequestSetter[] = [];
  forEachExprDeep(method.body, (e) => {
    if (e.k !== 'call' || !e.target) return;
    if (SETTERS.has(e.name) && facts.scope.isType(e.target, 'httprequest')) {
      if (request === undefined || (e.target.k === 'name' && e.target.name === request)) {
        out.push({ call: e, name: e.name as RequestSetter['name'], file, type, scope: facts.scope });
      }
    }
  });
  // The request came from a helper: its setters count too.
  const local = request ? facts.scope.locals.get(request) : undefined;
  if (local?.single?.k === 'call' && depth < MAX_HELPER_DEPTH) {
    const helper = resolveHelper(facts.scope, local.single);
    if (helper) out.push(...settersIn(workspace, helper.file, helper.type, helper.method, undefined, depth + 1));
  }
  return out;
}

function foldArg(s: RequestSetter, i: number): Folded {
  const arg = s.call.args[i];
  return arg ? fold(arg, { workspace: s.scope.workspace, type: s.type, scope: s.scope }) : { kind: 'unknown' };
}

export function exprText(file: AnalyzedFile, e: Expr): string {
  const text = file.source.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ');
  return text.length > 50 ? text.slice(0, 47) + '...' : text;
}

function endpointOf(setter: RequestSetter): Endpoint {
  const arg = setter.call.args[0];
  return endpointOfValue(foldArg(setter, 0), arg ? exprText(setter.file, arg) : 'no argument');
}

/** The endpoint a folded URL value names; `text` is the expression as written, for the reason when it is not known. */
export function endpointOfValue(v: Folded, text: string): Endpoint {
  if (v.kind !== 'string' || v.prefix === '') return { kind: 'unknown', reason: `built at run time: ${text}` };
  const p = v.prefix;
  const nc = /^callout:([^/?]*)([/?].*)?$/i.exec(p);
  if (nc) {
    const named = nc[2] !== undefined || v.complete;
    if (!nc[1] || !named) return { kind: 'unknown', reason: `Named Credential name built at run time: ${text}` };
    return { kind: 'named-credential', name: nc[1], path: nc[2] ?? '' };
  }
  const url = /^(https?):\/\/([^/?#]*)([/?#].*)?$/i.exec(p);
  if (url) {
    const hostDone = url[3] !== undefined || v.complete;
    if (!url[2] || !hostDone) return { kind: 'unknown', reason: `host built at run time: ${text}` };
    return { kind: 'host', host: url[2].toLowerCase(), url: v.complete ? p : `${p}...` };
  }
  return { kind: 'unknown', reason: `built at run time: ${text}` };
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind === 'named-credential' && b.kind === 'named-credential') return a.name.toLowerCase() === b.name.toLowerCase();
  if (a.kind === 'host' && b.kind === 'host') return a.host === b.host;
  return false;
}

function describe(e: Endpoint): string {
  return e.kind === 'named-credential' ? `callout:${e.name}` : e.kind === 'host' ? e.host : 'unknown';
}

/** Whether a `setHeader` call sets `Authorization`. */
export function isAuthorizationHeader(setter: RequestSetter): boolean {
  const name = foldArg(setter, 0);
  return name.kind === 'string' && name.complete && name.prefix.trim().toLowerCase() === 'authorization';
}

/** Whether the header value is a `{!$Credential…}` merge field (the Named Credential fills it in). */
export function isCredentialMergeField(setter: RequestSetter): boolean {
  const value = setter.call.args[1];
  if (!value) return false;
  const v = foldArg(setter, 1);
  if (v.kind === 'string' && /\{!\s*\$credential/i.test(v.prefix)) return true;
  return /\{!\s*\$credential/i.test(setter.file.source.text.slice(value.span.start, value.span.end));
}

/** The setters called on a wrapper's request field, in every method of its class. */
function fieldSetters(workspace: Workspace, field: RequestField): RequestSetter[] {
  const out: RequestSetter[] = [];
  for (const method of field.type.methods) {
    if (!method.body) continue;
    const scope = calloutsOf(workspace, field.file, field.type, method).scope;
    forEachExprDeep(method.body, (e) => {
      if (e.k === 'call' && SETTERS.has(e.name) && e.target && isFieldRef(e.target, field.field.name, scope)) {
        out.push({ call: e, name: e.name as RequestSetter['name'], file: field.file, type: field.type, scope });
      }
    });
  }
  return out;
}

/** The setters of the request sent at `site` (the request variable, the helper that built it, or the wrapper's field). */
export function requestSetters(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl, site: CalloutSite): RequestSetter[] {
  const field = requestFieldOfSend(workspace, file, type, site);
  if (field) return fieldSetters(workspace, field);
  const inline = site.call.args[0];
  // `send(buildRequest())`: the helper's setters.
  if (inline?.k === 'call') {
    const facts = calloutsOf(workspace, file, type, method);
    const helper = resolveHelper(facts.scope, inline);
    return helper ? settersIn(workspace, helper.file, helper.type, helper.method, undefined, 1) : [];
  }
  if (!site.request) return [];
  return settersIn(workspace, file, type, method, site.request, 0);
}

/** What the code shows about the request sent at `site`. */
export function requestConfig(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl, site: CalloutSite): RequestConfig {
  const setters = requestSetters(workspace, file, type, method, site);
  const of = (name: RequestSetter['name']) => setters.filter((s) => s.name === name);

  let endpoint: Endpoint;
  const endpoints = of('setendpoint').map(endpointOf);
  if (endpoints.length === 0) {
    const param = site.request !== undefined && method.params.some((p) => p.name === site.request);
    endpoint = {
      kind: 'unknown',
      reason: param ? 'the request is a parameter: set by the caller' : 'no setEndpoint() on this request that the analysis can see',
    };
  } else if (endpoints.every((e) => sameEndpoint(e, endpoints[0]))) endpoint = endpoints[0];
  else endpoint = endpoints.find((e) => e.kind === 'unknown') ?? { kind: 'unknown', reason: `one of ${[...new Set(endpoints.map(describe))].join(', ')}` };

  const methods = of('setmethod').map((s) => foldArg(s, 0));
  let httpMethod: string | undefined;
  if (methods.length > 0) {
    httpMethod = methods.every((m) => m.kind === 'string' && m.complete)
      ? [...new Set(methods.map((m) => (m as { prefix: string }).prefix.toUpperCase()))].sort().join('|')
      : 'unknown';
  }

  let timeout: Timeout;
  const field = site.timeoutMissing ? undefined : requestFieldOfSend(workspace, file, type, site);
  // A wrapper's field with no timeout set by its class, or only by a setter no caller calls (request-fields.ts).
  if (site.timeoutMissing || (field && sentWithoutTimeout(field))) timeout = { kind: 'default' };
  else {
    const values = of('settimeout').map((s) => foldArg(s, 0));
    timeout =
      values.length > 0 && values.every((v) => v.kind === 'number')
        ? { kind: 'ms', ms: Math.max(...values.map((v) => (v as { value: number }).value)) }
        : { kind: 'unknown' };
  }

  const authHeaders = of('setheader').filter(isAuthorizationHeader);
  let auth: Auth = 'none';
  if (authHeaders.some((h) => !isCredentialMergeField(h))) auth = 'manual-header';
  else if (endpoint.kind === 'named-credential' || authHeaders.length > 0) auth = 'named-credential';
  return { endpoint, timeout, auth, setters, ...(httpMethod ? { httpMethod } : {}) };
}

export function setterSpan(s: RequestSetter): Span {
  return callSpan(s.call);
}
