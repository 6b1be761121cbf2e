import { defineLwcRule } from './rule';

export default defineLwcRule(
  {
    id: 'empapi-error-handler-missing',
    description: 'A Lightning component subscribes through lightning/empApi without registering an onError handler',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      missingOnError:
        'empApi subscription without an onError handler: when the streaming connection fails (session expiry, network, too many clients) the component silently stops updating. Register one with onError(...) before subscribing and tell the user',
    },
  },
  (ctx) => {
    if (ctx.model.registersOnError) return;
    for (const sub of ctx.model.subscriptions) {
      ctx.report({ span: sub.span, messageId: 'missingOnError' });
    }
  },
);
