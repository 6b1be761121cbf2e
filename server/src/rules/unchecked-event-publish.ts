import { isResultExamined } from '../analysis/usage';
import { callSpan } from '../analysis/callouts';
import { forEachExprDeep } from '../analysis/traverse';
import type { Expr } from '../model/ir';
import { defineRule } from './rule';

const RESULT_CHECKS = new Set(['issuccess', 'geterrors']);

export default defineRule(
  {
    id: 'unchecked-event-publish',
    description: 'The Database.SaveResult of EventBus.publish is never examined',
    defaultSeverity: 'info',
    fixable: false,
    testCode: 'skip',
    messages: {
      saveResultUnchecked: 'The Database.SaveResult of EventBus.publish() is never checked: events that fail to publish are lost silently',
    },
  },
  (ctx) => {
    for (const { method } of ctx.members()) {
      if (!method.body) continue;
      const publishes: Extract<Expr, { k: 'call' }>[] = [];
      forEachExprDeep(method.body, (e) => {
        if (e.k === 'call' && e.name === 'publish' && e.args.length === 1 && e.target?.k === 'name' && e.target.name === 'eventbus') publishes.push(e);
      });
      for (const call of publishes) {
        if (isResultExamined(method, call, RESULT_CHECKS)) continue;
        ctx.report({ span: callSpan(call), messageId: 'saveResultUnchecked' });
      }
    }
  },
);
