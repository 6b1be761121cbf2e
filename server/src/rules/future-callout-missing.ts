import { callIndex } from '../analysis/callindex';
import { defineRule } from './rule';
import type { Annotation } from '../model/ir';

function allowsCallouts(future: Annotation): boolean {
  return future.params.some((p) => p.name === 'callout' && p.value?.k === 'lit' && p.value.value === true);
}

export default defineRule(
  {
    id: 'future-callout-missing',
    description: 'A @future method that reaches a callout without callout=true',
    defaultSeverity: 'error',
    fixable: false,
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const future = method.annotations.find((a) => a.name === 'future');
      if (!future || allowsCallouts(future)) continue;
      const chain = index.summary({ file: ctx.file, type, method }).callout;
      if (!chain) continue;
      const via = chain.length > 1 ? ` through ${chain[0].message.replace(/^calls /, '')}` : '';
      ctx.report({
        span: future.span,
        message: `@future method ${type.text}.${method.text}() makes a callout${via} but is not declared @future(callout=true): the callout fails at runtime with a CalloutException`,
        related: chain.map((s) => ({ message: s.message, span: s.span, file: s.file })),
      });
    }
  },
);
