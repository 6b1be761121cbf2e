import { defineLwcRule } from './rule';

export default defineLwcRule(
  {
    id: 'empapi-unsubscribe-missing',
    description: 'A lightning/empApi subscription that disconnectedCallback never releases with unsubscribe',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      missingUnsubscribe:
        'empApi subscription never released: disconnectedCallback does not call unsubscribe, so the subscription outlives the component, keeps a streaming client busy and runs its callback on a removed component. Call unsubscribe(subscription) in disconnectedCallback',
    },
  },
  (ctx) => {
    if (ctx.model.releasesOnDisconnect) return;
    for (const sub of ctx.model.subscriptions) {
      ctx.report({ span: sub.span, messageId: 'missingUnsubscribe' });
    }
  },
);
