import { callIndex, firstCallee } from '../analysis/callindex';
import { fixer, type FixText } from '../fixes/fixer';
import { defineRule } from './rule';
import type { Annotation } from '../model/ir';

function allowsCallouts(future: Annotation): boolean {
  return future.params.some((p) => p.name === 'callout' && p.value?.k === 'lit' && p.value.value === true);
}

/** `@future` → `@future(callout=true)`; `callout=false` → `callout=true`; other parameters kept. */
function addCallout(future: Annotation, source: string): FixText {
  const text = source.slice(future.span.start, future.span.end);
  const existing = future.params.find((p) => p.name === 'callout')?.value;
  const open = text.indexOf('(');
  const edit = existing
    ? fixer.replaceText(existing.span, 'true')
    : open < 0
      ? fixer.insertTextAfter(future.span, '(callout=true)')
      : fixer.insertTextAt(
          future.span.start + open + 1,
          text
            .slice(open + 1)
            .trim()
            .startsWith(')')
            ? 'callout=true'
            : 'callout=true, ',
        );
  return { title: 'Declare @future(callout=true)', safe: true, edits: [edit] };
}

export default defineRule(
  {
    id: 'future-callout-missing',
    description: 'A @future method that reaches a callout without callout=true',
    defaultSeverity: 'error',
    fixable: true,
    testCode: 'report',
    messages: {
      futureCallout:
        '@future method {{type}}.{{method}}() makes a callout but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
      futureReachesCallout:
        '@future method {{type}}.{{method}}() makes a callout through {{callee}} but is not declared @future(callout=true): the callout fails at runtime with a CalloutException',
    },
  },
  (ctx) => {
    const index = callIndex(ctx.workspace);
    for (const { type, method } of ctx.members()) {
      const future = method.annotations.find((a) => a.name === 'future');
      if (!future || allowsCallouts(future)) continue;
      const chain = index.calloutFrom({ file: ctx.file, type, method });
      if (!chain) continue;
      ctx.report({
        span: future.span,
        ...(chain.length > 1
          ? { messageId: 'futureReachesCallout', data: { type: type.text, method: method.text, callee: firstCallee(chain) } }
          : { messageId: 'futureCallout', data: { type: type.text, method: method.text } }),
        related: chain,
        fixes: [addCallout(future, ctx.file.source.text)],
      });
    }
  },
);
