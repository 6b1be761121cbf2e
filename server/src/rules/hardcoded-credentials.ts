import { endpointsOf } from '../analysis/endpoints';
import { headersOf, mappedHeadersOf } from '../analysis/headers';
import { defineRule } from './rule';

const SECRET_HEADERS =
  /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-apikey|x-auth-token|x-access-token|access-token|ocp-apim-subscription-key)$/i;
const USER_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;

export default defineRule(
  {
    id: 'hardcoded-credentials',
    description: 'An Authorization/API-key header or endpoint built from a literal secret',
    defaultSeverity: 'error',
    fixable: false,
    testCode: 'report',
    messages: {
      secretInHeader:
        "Hard-coded secret in the '{{header}}' header: keep credentials in a Named Credential and reference them with {!$Credential...} merge fields",
      credentialsInEndpoint: 'Endpoint embeds user:password@ credentials: keep them in a Named Credential',
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const h of headersOf(ctx.workspace, ctx.file, type, method)) {
        if (!SECRET_HEADERS.test(h.name) || h.viaCredential || !h.literalSecret) continue;
        ctx.report({ span: h.call.span, messageId: 'secretInHeader', data: { header: h.name } });
      }
      // A literal written into a header map that a loop applies: reported on the literal, where it is changed.
      for (const h of mappedHeadersOf(ctx.workspace, ctx.file, type, method)) {
        if (!SECRET_HEADERS.test(h.name) || h.viaCredential || !h.literalSecret) continue;
        ctx.report({
          span: h.value.span,
          messageId: 'secretInHeader',
          data: { header: h.name },
          related: [{ message: 'set on the request by this loop', span: h.call.span }],
        });
      }
      for (const { call, value } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (value.kind !== 'string' || !USER_PASSWORD.test(value.prefix)) continue;
        ctx.report({ span: call.span, messageId: 'credentialsInEndpoint' });
      }
    }
  },
);
