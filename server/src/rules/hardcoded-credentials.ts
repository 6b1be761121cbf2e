import { calloutsOf } from '../analysis/callouts';
import { endpointsOf } from '../analysis/endpoints';
import { fold, stringLeaves } from '../analysis/constants';
import { defineRule } from './rule';

const SECRET_HEADERS =
  /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-apikey|x-auth-token|x-access-token|access-token|ocp-apim-subscription-key)$/i;
/** Literal parts of a header value that are not secrets: schemes and separators. */
const NOT_SECRET = /^\s*(basic|bearer|token|digest|negotiate|apikey|sharedaccesssignature)?\s*[:\s]*$/i;
const MERGE_FIELD = /\{!\s*\$credential\./i;
const USER_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;

/** `user:password` (what a Basic header encodes). */
const USER_AND_PASSWORD = /^[^\s:"'=]+:[^\s"']+$/;
/** A token-like run: long, or mixing letters and digits (`sk_live_abc123`, a JWT, a hex key). */
const TOKEN_LIKE = /[A-Za-z0-9_\-+/=.]{20,}|(?=[A-Za-z0-9_\-+/=.]*\d)(?=[A-Za-z0-9_\-+/=.]*[A-Za-z])[A-Za-z0-9_\-+/=.]{6,}/;

/**
 * Whether a literal part of a header value can be a secret: a user:password
 * pair, or a token-like run. Scheme names with word-only parameters
 * (`WSSE profile="UsernameToken"`) hold none.
 */
function holdsSecret(literal: string): boolean {
  const rest = literal.replace(/^\s*(basic|bearer|token|digest|negotiate|apikey|wsse|oauth|hmac)\b/i, '').trim();
  if (!rest) return false;
  if (USER_AND_PASSWORD.test(rest)) return true;
  // key="value" parameters: judge the values only.
  const values = [...rest.matchAll(/[\w-]+\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
  const parts = values.length ? values : [rest];
  return parts.some((p) => TOKEN_LIKE.test(p));
}

export default defineRule(
  {
    id: 'hardcoded-credentials',
    description: 'An Authorization/API-key header or endpoint built from a literal secret',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      secretInHeader:
        "Hard-coded secret in the '{{header}}' header: keep credentials in a Named Credential and reference them with {!$Credential...} merge fields",
      credentialsInEndpoint: 'Endpoint embeds user:password@ credentials: keep them in a Named Credential',
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      const fctx = { workspace: ctx.workspace, type, scope: facts.scope };
      for (const rc of facts.requestCalls) {
        if (rc.method === 'setheader' && rc.call.args.length === 2) {
          const name = fold(rc.call.args[0], fctx);
          if (name.kind !== 'string' || !name.complete || !SECRET_HEADERS.test(name.prefix.trim())) continue;
          const leaves = stringLeaves(rc.call.args[1], fctx);
          if (leaves.some((l) => MERGE_FIELD.test(l.value))) continue;
          if (!leaves.some((l) => !NOT_SECRET.test(l.value) && holdsSecret(l.value))) continue;
          ctx.report({
            span: rc.span,
            messageId: 'secretInHeader',
            data: { header: name.prefix.trim() },
          });
        }
      }
      for (const { call, value } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (value.kind !== 'string' || !USER_PASSWORD.test(value.prefix)) continue;
        ctx.report({ span: call.span, messageId: 'credentialsInEndpoint' });
      }
    }
  },
);
