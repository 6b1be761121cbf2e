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
import { forEachExprDeep } from './traverse';
import { fold, stringLeaves } from './constants';
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
      literalSecret: leaves.some((l) => holdsSecret(l.value)),
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
