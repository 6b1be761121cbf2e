/**
 * Request headers as the credential rules see them: `setHeader(name, value)`
 * with a name the code fixes, the literal parts of the value, and whether a
 * literal part holds a secret. hardcoded-credentials reports the literal
 * secrets; auth-header-manual reports the Authorization values built at run
 * time. One decision for both, so a header is never judged twice, nor missed
 * between the two. A WSDL2Apex port's headers are the entries put in its
 * `inputHttpHeaders_x` map (`port.inputHttpHeaders_x.put('Authorization', …)`).
 */
import type { Expr, MethodDecl, TypeDecl } from '../model/ir';
import { calloutsOf, callSpan, type CallExpr, type RequestCall } from './callouts';
import type { MethodScope } from './scope';
import { portNamed } from './soap';
import { fold, stringLeaves } from './constants';
import { forEachExprDeep, forEachStmt } from './traverse';
import type { AnalyzedFile, Workspace } from './workspace';

/** A `{!$Credential.…}` merge field: the Named Credential fills the secret in. */
const MERGE_FIELD = /\{!\s*\$credential\./i;
/** Literal parts of a header value that hold nothing: schemes and separators. */
const SCHEME_ONLY = /^\s*(basic|bearer|token|digest|negotiate|apikey|sharedaccesssignature)?\s*[:\s]*$/i;
/** `user:password` (what a Basic header encodes). */
const USER_AND_PASSWORD = /^[^\s:"'=]+:[^\s"']+$/;
/** A token-like run: long, or mixing letters and digits (`sk_live_abc123`, a JWT, a hex key). */
const TOKEN_LIKE = /[A-Za-z0-9_\-+/=.]{20,}|(?=[A-Za-z0-9_\-+/=.]*\d)(?=[A-Za-z0-9_\-+/=.]*[A-Za-z])[A-Za-z0-9_\-+/=.]{6,}/;

export interface HeaderSet {
  call: RequestCall;
  /** The header name as the code fixes it, trimmed. */
  name: string;
  value: Expr;
  /** The value is one literal, known whole. */
  constant: boolean;
  /** The value uses a `{!$Credential.…}` merge field. */
  viaCredential: boolean;
  /** A literal part of the value can be a secret (a user:password pair, a token-like run). */
  literalSecret: boolean;
}

/**
 * Whether a literal part of a header value can be a secret. Scheme names with
 * word-only parameters (`WSSE profile="UsernameToken"`) hold none.
 */
export function holdsSecret(literal: string): boolean {
  if (SCHEME_ONLY.test(literal)) return false;
  const rest = literal.replace(/^\s*(basic|bearer|token|digest|negotiate|apikey|wsse|oauth|hmac)\b/i, '').trim();
  if (!rest) return false;
  if (USER_AND_PASSWORD.test(rest)) return true;
  // key="value" parameters: judge the values only.
  const values = [...rest.matchAll(/[\w-]+\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
  const parts = values.length ? values : [rest];
  return parts.some((p) => TOKEN_LIKE.test(p));
}

/** The operands of a `+` chain, left to right. */
function concatenated(e: Expr): Expr[] {
  return e.k === 'binary' && e.op === '+' ? [...concatenated(e.left), ...concatenated(e.right)] : [e];
}

/**
 * A password written as a literal after the `:` of a `user:password` pair
 * (`Blob.valueOf(cfg.Username__c + ':' + 'Summer2024')`, `user + ':secret'`):
 * whatever the user name is, the password is a literal. Followed into
 * `Blob.valueOf`, `EncodingUtil.base64Encode` and single-assignment locals.
 */
export function literalPassword(e: Expr, scope: MethodScope, depth = 0): boolean {
  if (depth > 8) return false;
  if (e.k === 'name') {
    const local = scope.locals.get(e.name);
    return !!local?.single && local.assignments === 1 && literalPassword(local.single, scope, depth + 1);
  }
  if (e.k === 'call') return e.args.some((a) => literalPassword(a, scope, depth + 1));
  if (e.k !== 'binary' || e.op !== '+') return false;
  const parts = concatenated(e);
  return parts.some((p, i) => {
    if (p.k !== 'lit' || p.type !== 'string') return literalPassword(p, scope, depth + 1);
    const text = String(p.value);
    const next = parts[i + 1];
    // `':' + 'secret'`, or `user + ':secret'`.
    if (text.endsWith(':') && next?.k === 'lit' && next.type === 'string' && String(next.value).length > 0) return i > 0 || text.length > 1;
    return i > 0 && /^:[^\s]+$/.test(text);
  });
}

/** Every `setHeader(name, value)` of the member whose name the code fixes. */
export function headersOf(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): HeaderSet[] {
  const facts = calloutsOf(workspace, file, type, method);
  const ctx = { workspace, type, scope: facts.scope };
  const out: HeaderSet[] = [];
  const sets = [...facts.requestCalls, ...portHeaderPuts(facts.scope, method)];
  for (const rc of sets) {
    if (rc.method !== 'setheader' || rc.call.args.length !== 2) continue;
    const name = fold(rc.call.args[0], ctx);
    if (name.kind !== 'string' || !name.complete) continue;
    const value = rc.call.args[1];
    const folded = fold(value, ctx);
    const leaves = stringLeaves(value, ctx);
    out.push({
      call: rc,
      name: name.prefix.trim(),
      value,
      constant: folded.kind === 'string' && folded.complete,
      viaCredential: leaves.some((l) => MERGE_FIELD.test(l.value)),
      literalSecret: leaves.some((l) => holdsSecret(l.value)) || literalPassword(value, facts.scope),
    });
  }
  return out;
}

/** `port.inputHttpHeaders_x.put(name, value)` on a WSDL2Apex port, as a `setHeader`. */
function portHeaderPuts(scope: MethodScope, method: MethodDecl): RequestCall[] {
  if (!method.body) return [];
  const out: RequestCall[] = [];
  forEachExprDeep(method.body, (e) => {
    if (e.k !== 'call' || e.name !== 'put' || e.args.length !== 2 || e.target?.k !== 'field' || e.target.name !== 'inputhttpheaders_x') return;
    const port = e.target.target;
    const type = scope.typeOf(port);
    if (type === undefined || !portNamed(scope.workspace, type, scope.type)) return;
    out.push({ call: e as CallExpr, span: callSpan(e), method: 'setheader', ...(port.k === 'name' ? { request: port.name } : {}) });
  });
  return out;
}

/** A header written into a `Map<String, String>` that a loop applies with `req.setHeader(k, headers.get(k))`. */
export interface MappedHeader {
  /** The `setHeader` in the loop. */
  call: RequestCall;
  name: string;
  /** The value as written into the map (`headers.put('x-api-key', 'sk_…')`, `{ 'x-api-key' => 'sk_…' }`). */
  value: Expr;
  viaCredential: boolean;
  literalSecret: boolean;
}

/** The map a `for (String k : headers.keySet()) req.setHeader(k, headers.get(k))` loop applies, with its loop. */
function appliedMap(method: MethodDecl, rc: RequestCall): string | undefined {
  const [key, value] = rc.call.args;
  if (key?.k !== 'name' || value?.k !== 'call' || value.name !== 'get' || value.target?.k !== 'name') return undefined;
  const getArg = value.args[0];
  if (getArg?.k !== 'name' || getArg.name !== key.name) return undefined;
  const map = value.target.name;
  let applies = false;
  if (method.body)
    forEachStmt(method.body, (s) => {
      const it = s.k === 'loop' ? s.iterable : undefined;
      if (s.k === 'loop' && s.variable?.name === key.name && it?.k === 'call' && it.name === 'keyset' && it.target?.k === 'name' && it.target.name === map)
        applies = true;
    });
  return applies ? map : undefined;
}

/** Headers set from a map the method fills with `put` or a map literal and applies in a loop. */
export function mappedHeadersOf(workspace: Workspace, file: AnalyzedFile, type: TypeDecl, method: MethodDecl): MappedHeader[] {
  const facts = calloutsOf(workspace, file, type, method);
  const ctx = { workspace, type, scope: facts.scope };
  const out: MappedHeader[] = [];
  for (const rc of facts.requestCalls) {
    if (rc.method !== 'setheader' || rc.call.args.length !== 2 || !method.body) continue;
    const map = appliedMap(method, rc);
    if (!map) continue;
    const entries: [Expr, Expr][] = [];
    const init = facts.scope.locals.get(map)?.single;
    if (init?.k === 'new' && init.elements && init.args.length % 2 === 0)
      for (let i = 0; i < init.args.length; i += 2) entries.push([init.args[i], init.args[i + 1]]);
    forEachExprDeep(method.body, (x) => {
      if (x.k === 'call' && x.name === 'put' && x.args.length === 2 && x.target?.k === 'name' && x.target.name === map) entries.push([x.args[0], x.args[1]]);
    });
    for (const [k, v] of entries) {
      const name = fold(k, ctx);
      if (name.kind !== 'string' || !name.complete) continue;
      const leaves = stringLeaves(v, ctx);
      out.push({
        call: rc,
        name: name.prefix.trim(),
        value: v,
        viaCredential: leaves.some((l) => MERGE_FIELD.test(l.value)),
        literalSecret: leaves.some((l) => holdsSecret(l.value)) || literalPassword(v, facts.scope),
      });
    }
  }
  return out;
}
