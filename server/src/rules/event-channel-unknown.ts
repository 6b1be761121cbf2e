import { eventOfChannel } from '../model/lwc';
import { defineLwcRule } from './rule';

export default defineLwcRule(
  {
    id: 'event-channel-unknown',
    description: "A lightning/empApi channel /event/X__e for a Platform Event the project's objects/ does not define",
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages: {
      unknownEvent:
        "No Platform Event '{{event}}' in this project's objects/ (it has {{known}}): the subscription fails or never receives anything. Check the channel name",
    },
  },
  (ctx) => {
    const events = ctx.project?.platformEvents;
    // No Platform Event metadata at all: the events may come from the org or a package.
    if (!events || events.length === 0) return;
    const known = new Set(events.map((e) => e.name.toLowerCase()));
    for (const sub of ctx.model.subscriptions) {
      const event = sub.channel !== undefined ? eventOfChannel(sub.channel) : undefined;
      // A namespaced event (`ns__Event__e`) belongs to a package.
      if (!event || known.has(event.toLowerCase()) || /^[A-Za-z0-9]+__[A-Za-z0-9_]+__e$/.test(event)) continue;
      ctx.report({
        span: sub.span,
        messageId: 'unknownEvent',
        data: { event, known: events.map((e) => e.name).join(', ') },
      });
    }
  },
);
