/**
 * Request headers as the credential rules see them: `setHeader(name, value)`
 * with a name the code fixes, the literal parts of the value, and whether a
 * literal part holds a secret. hardcoded-credentials reports the literal
 * secrets; auth-header-manual reports the Authorization values built at run
 * time. One decision for both, so a header is never judged twice, nor missed
 * between the two.
 */
import type { Expr, MethodDecl, TypeDecl } from '../model/ir';
import { calloutsOf, type RequestCall } from './callouts';
import { fold, stringLeaves } from './constants';
import type { MethodScope } from './scope';
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
  for (const rc of facts.requestCalls) {
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
