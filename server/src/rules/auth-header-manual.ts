import { calloutsOf } from '../analysis/callouts';
import { headersOf } from '../analysis/headers';
import { namesIn } from '../analysis/traverse';
import type { Expr } from '../model/ir';
import { defineRule } from './rule';

/** Where the value comes from, as a reader would say it. */
function sourceOf(text: string): string {
  if (/\bgetsessionid\s*\(/i.test(text)) return 'the session id';
  if (/__mdt\b/i.test(text)) return 'custom metadata';
  if (/__c\s*\.\s*(getinstance|getorgdefaults|getvalues|getall)\s*\(/i.test(text)) return 'a custom setting';
  if (/\b(system\s*\.\s*)?label\s*\./i.test(text)) return 'a custom label';
  if (/\bcrypto\s*\.|encodingutil\s*\./i.test(text)) return 'a value encoded at run time';
  return 'a value known at run time';
}

export default defineRule(
  {
    id: 'auth-header-manual',
    description: 'An Authorization header the code builds itself instead of a Named Credential generating it',
    defaultSeverity: 'info',
    fixable: false,
    testCode: 'report',
    messages: {
      manualAuthorization:
        'Authorization header built in code from {{source}}: a Named Credential with an External Credential generates it, and the secret leaves the data model',
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const facts = calloutsOf(ctx.workspace, ctx.file, type, method);
      for (const h of headersOf(ctx.workspace, ctx.file, type, method)) {
        // A whole literal, a merge field, or a literal secret among the parts (hardcoded-credentials' finding).
        if (h.name.toLowerCase() !== 'authorization' || h.constant || h.viaCredential || h.literalSecret) continue;
        const rc = h.call;
        const valueExpr: Expr = h.value;
        // The value's text and that of the locals (assigned once) and constants it reads: `String token = Settings__c.getInstance()...`.
        const inits = [...namesIn(valueExpr)].flatMap((n) => facts.scope.locals.get(n)?.single ?? ctx.workspace.constantField(type, n)?.init ?? []);
        const texts = [valueExpr, ...inits].map((e) => ctx.file.source.text.slice(e.span.start, e.span.end));
        const text = texts.join(' ');
        ctx.report({
          span: rc.span,
          messageId: 'manualAuthorization',
          data: { source: sourceOf(text) },
        });
      }
    }
  },
);
