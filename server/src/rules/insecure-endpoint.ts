import { fixer } from '../fixes/fixer';
import { endpointsOf } from '../analysis/endpoints';
import { shown } from './hardcoded-endpoint';
import { defineRule } from './rule';

export default defineRule(
  {
    id: 'insecure-endpoint',
    description: 'setEndpoint() with a plain-text http:// URL',
    defaultSeverity: 'error',
    fixable: true,
    testCode: 'skip',
    messages: {
      insecureEndpoint: "Insecure endpoint '{{url}}': http:// sends the request and its credentials in plain text; use https://",
    },
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      const reported = new Set<unknown>();
      for (const { call: rc, value: v, literal: lit } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !/^http:\/\//i.test(v.prefix) || reported.has(rc)) continue;
        reported.add(rc);
        // The literal that starts the URL, wherever it is (a constant may live in another class).
        const raw = lit && lit.file.source.text.slice(lit.span.start, lit.span.end);
        const fixes =
          raw && /^'http:\/\//i.test(raw)
            ? [
                {
                  title: 'Use https://',
                  safe: true,
                  edits: [fixer.in(lit.file).replaceText({ start: lit.span.start + 1, end: lit.span.start + 8 }, 'https://')],
                },
              ]
            : [];
        ctx.report({
          fixes,
          span: rc.span,
          messageId: 'insecureEndpoint',
          data: { url: shown(v.prefix, v.complete) },
        });
      }
    }
  },
);
