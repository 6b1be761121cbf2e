/**
 * "Publish a Platform Event instead" (callout-blocks-save): the call in the
 * entry method that leads to the callout becomes the publication of a new
 * `X__e` event (PublishAfterCommit) whose SaveResult is checked; an event
 * trigger and its handler enqueue, per event, the Queueable the move to a
 * Queueable generates (move-call.ts), with a bounded redelivery when no job
 * can be enqueued. The save no longer waits on the other system.
 *
 * Offered only where the move to a Queueable is (the same preconditions,
 * checked there) and where every value that crosses has an event field type
 * (Id, String, Integer, Long, Decimal, Double, Boolean, Date, Datetime).
 * Every file is new: an event, trigger or class of the same name refuses the fix.
 */
import * as path from 'node:path';
import { callIndex } from '../analysis/callindex';
import type { ContextKind } from '../analysis/contexts';
import type { MethodRef } from '../analysis/workspace';
import type { NewFile } from '../base/contracts';
import type { Expr } from '../model/ir';
import { DEFAULT_API_VERSION } from '../scaffold';
import type { FixContext, FixText } from './fix';
import { fixer } from './fixer';
import { planCallMove } from './move-call';
import { classesFolder, jobFiles, jobName, render, sharingOf } from './queueable';
import { isRefusal, refuse, type Refusal } from './refusal';

export const PUBLISH_EVENT_TITLE = 'Publish a Platform Event instead';

const MAX_NAME = 40;

/** How one Apex type is held in an event field, and read back into that type. */
interface FieldShape {
  template: string;
  values: Record<string, string>;
  /** How the argument is written into the field, when not as it is. */
  write?: (arg: string) => string;
  read: (field: string) => string;
}

function shapeOf(type: string): FieldShape | undefined {
  const same = (f: string) => f;
  switch (type.toLowerCase().replace(/^system\./, '')) {
    case 'id':
      return { template: 'EventTextField', values: { Length: '18' }, read: (f) => `(Id) ${f}` };
    case 'string':
      return { template: 'EventTextField', values: { Length: '255' }, read: same };
    case 'integer':
      return { template: 'EventNumberField', values: { Scale: '0' }, read: (f) => `${f}?.intValue()` };
    case 'long':
      return { template: 'EventNumberField', values: { Scale: '0' }, read: (f) => `${f}?.longValue()` };
    case 'decimal':
      return { template: 'EventNumberField', values: { Scale: '6' }, read: same };
    case 'double':
      return { template: 'EventNumberField', values: { Scale: '6' }, read: (f) => `${f}?.doubleValue()` };
    case 'boolean':
      return { template: 'EventCheckboxField', values: {}, read: same };
    case 'date':
      return { template: 'EventDateField', values: { Type: 'Date' }, read: same };
    case 'datetime':
      return { template: 'EventDateField', values: { Type: 'DateTime' }, read: same };
    default:
      return carriedAsJson(type);
  }
}

const PRIMITIVE = /^(?:system\.)?(id|string|integer|long|decimal|double|boolean|date|datetime)$/i;
/** The standard objects integration code passes around; custom objects end in `__c`. */
const STANDARD_OBJECT =
  /^(?:schema\.)?(account|contact|lead|opportunity|opportunitylineitem|order|orderitem|case|contract|asset|product2|quote|quotelineitem|campaign|user)$/i;

/**
 * An sObject, or a list or set of primitives or sObjects, crosses as JSON in a
 * Long Text Area and is read back with `JSON.deserialize` into its own type:
 * the same fields the Queueable's own serialisation would carry. Maps, project
 * classes and `Object` do not (a map's keys, an interface's concrete class).
 */
function carriedAsJson(type: string): FieldShape | undefined {
  const inner = /^(?:List|Set)<\s*([\w.]+)\s*>$/i.exec(type)?.[1];
  const element = inner ?? type;
  if (!(STANDARD_OBJECT.test(element) || /^\w+__c$/i.test(element) || (inner && PRIMITIVE.test(inner)))) return undefined;
  return {
    template: 'EventLongTextField',
    values: {},
    write: (arg) => `JSON.serialize(${arg})`,
    read: (f) => `(${type}) JSON.deserialize(${f}, ${type}.class)`,
  };
}

/** `orderId` → [`Order`, `Id`]: the words of an Apex name, for API names and labels. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/_+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
}

function publishingException(kind: ContextKind): string {
  // A Lightning component shows an AuraHandledException's message to the user; elsewhere a DmlException says what failed.
  return kind === 'aura' ? 'AuraHandledException' : 'DmlException';
}

export function publishEventInstead(ctx: FixContext, ref: MethodRef, expr: Expr, kind: ContextKind): FixText | Refusal | undefined {
  const move = planCallMove(ctx, ref, expr);
  if (!move || isRefusal(move)) return move;
  const fields: { api: string; label: string; shape: FieldShape; value: { name: string; type: string } }[] = [];
  for (const value of move.values) {
    const shape = shapeOf(value.type);
    if (!shape) return refuse('not-an-event-field', `${value.type} ${value.name}`);
    const api = words(value.name).join('_');
    if (api.length > MAX_NAME) return refuse('no-free-name', `${api}__c is too long`);
    fields.push({ api: `${api}__c`, label: words(value.name).join(' '), shape, value });
  }
  const name = move.base;
  const event = `${name}__e`;
  const triggerName = `${name}Trigger`;
  const handler = `${name}Handler`;
  // Apex class and trigger names, like object names, have at most 40 characters.
  const long = [name, handler, triggerName].find((n) => n.length > MAX_NAME);
  if (long) return refuse('no-free-name', `${long} is too long`);
  const taken = [handler, triggerName].find((n) => ctx.workspace.findType(n.toLowerCase()));
  if (taken) return refuse('no-free-name', `${taken} exists`);
  if (ctx.project?.platformEvents?.some((e) => e.name.toLowerCase() === event.toLowerCase())) return refuse('no-free-name', `${event} exists`);
  const locals = callIndex(ctx.workspace).factsOf(ref).scope.locals;
  const clash = ['evt', 'published', 'error'].find((n) => locals.has(n));
  if (clash) return refuse('no-free-name', `a local named ${clash}`);
  const job = jobName(ctx.workspace, move.candidates, move.textFor);
  if (!job) return refuse('no-free-name');

  const text = ctx.file.source.text;
  const lineStart = text.lastIndexOf('\n', move.replaced.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const assignments = fields.map((f, i) => `${f.api} = ${f.shape.write ? f.shape.write(move.args[i]) : move.args[i]}`).join(', ');
  const exception = publishingException(kind);
  const publish = [
    `${event} evt = new ${event}(${assignments});`,
    `Database.SaveResult published = EventBus.publish(evt);`,
    `if (!published.isSuccess()) {`,
    `    Database.Error error = published.getErrors()[0];`,
    `    throw new ${exception}('${event} not published: ' + error.getStatusCode() + ' ' + error.getMessage());`,
    `}`,
  ].join(`\n${indent}`);

  const classes = classesFolder(ctx.file.path, ctx.project);
  const apiVersion = ctx.project?.sfdx.sourceApiVersion ?? DEFAULT_API_VERSION;
  const objectDir = path.join(path.dirname(classes), 'objects', event);
  const triggers = path.join(path.dirname(classes), 'triggers');
  const source = `${move.callee}.${move.method}()`;
  const creates: NewFile[] = [
    {
      path: path.join(objectDir, `${event}.object-meta.xml`),
      text: render('platform-event/Event.object-meta.xml', {
        Description: `Asks for ${source} after the publishing transaction commits; ${handler} enqueues ${job.name} per event.`,
        Label: `${words(name).join(' ')} Event`,
        PluralLabel: `${words(name).join(' ')} Events`,
        PublishBehavior: 'PublishAfterCommit',
      }),
    },
    ...fields.map((f) => ({
      path: path.join(objectDir, 'fields', `${f.api}.field-meta.xml`),
      text: render(`fixes/${f.shape.template}.field-meta.xml`, {
        FieldName: f.api,
        Description: `The ${f.value.name} argument (${f.value.type}) of ${source}.`,
        Label: f.label,
        ...f.shape.values,
      }),
    })),
    {
      path: path.join(triggers, `${triggerName}.trigger`),
      text: render('fixes/EventTrigger.trigger', { TriggerName: triggerName, Event: event, Handler: handler }),
    },
    { path: path.join(triggers, `${triggerName}.trigger-meta.xml`), text: render('metadata/ApexTrigger.trigger-meta.xml', { ApiVersion: apiVersion }) },
    ...jobFiles(
      ctx.file.path,
      handler,
      render('fixes/EventHandler.cls', {
        Event: event,
        JobClass: job.name,
        Callee: move.callee,
        Method: move.method,
        Sharing: sharingOf(ref.type),
        Handler: handler,
        TriggerName: triggerName,
        JobArgs: fields.map((f) => f.shape.read(`evt.${f.api}`)).join(', '),
      }),
      ctx.project,
      false,
    ),
    ...jobFiles(ctx.file.path, job.name, move.textFor(job.name), ctx.project, job.reuse),
  ];
  return {
    title: `${PUBLISH_EVENT_TITLE}: EventBus.publish(new ${event}(…))`,
    safe: false,
    edits: [...move.removals, fixer.replaceText(move.replaced, publish)],
    creates,
  };
}
