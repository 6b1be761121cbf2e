/**
 * `scaffold(request, project) → files`: which templates each pattern fills,
 * with which values, and where the results go in the SFDX project. Pure: it
 * reads templates and returns texts; writing them is the caller's job.
 */
import * as path from 'node:path';
import type { SfdxProject } from '../base/sfdx-project';
import { labelOf } from './names';
import { namedCredentialPath, namedCredentialXml, ScaffoldError } from './named-credential';
import { patternInfo, PATTERN_IDS, type PatternId, type PatternInfo } from './patterns';
import { render, type TemplateValues } from './templates';

/** Used when sfdx-project.json has no `sourceApiVersion`. */
export const DEFAULT_API_VERSION = '62.0';

export interface ScaffoldRequest {
  pattern: PatternId;
  /** Base name; see each pattern's `namePrompt`. */
  name: string;
  /** Option values by option id (`named-credential`, `url`, `timeout`, …); empty or absent means the default. */
  options?: Readonly<Record<string, string | undefined>>;
}

export interface GeneratedFile {
  /** Absolute path inside the project. */
  path: string;
  text: string;
}

export interface ScaffoldResult {
  files: GeneratedFile[];
}

/** `<default package directory>/main/default`: where generated source goes. */
export function mainDefaultDir(project: SfdxProject): string {
  return path.join(project.packageDirectories[0], 'main', 'default');
}

/** One Named Credential file for `project` (what the `hardcoded-endpoint` quick fix creates). Throws ScaffoldError. */
export function namedCredentialFile(project: SfdxProject, name: string, url: string, label?: string): GeneratedFile {
  return { path: namedCredentialPath(mainDefaultDir(project), name), text: namedCredentialXml(name, url, label) };
}

/** Every problem with a request, as messages for the user; empty when it can be generated. */
export function validateScaffoldRequest(request: ScaffoldRequest): string[] {
  const info = patternInfo(request.pattern);
  if (!info) return [`Unknown pattern "${request.pattern}" (use one of ${PATTERN_IDS.join(', ')})`];
  const problems: string[] = [];
  const nameProblem = info.validateName(request.name ?? '');
  if (nameProblem) problems.push(nameProblem);
  const known = new Set(info.options.map((o) => o.id));
  for (const key of Object.keys(request.options ?? {})) {
    if (!known.has(key) && request.options![key]) problems.push(`Option "${key}" does not apply to ${request.pattern} (it takes ${[...known].join(', ')})`);
  }
  for (const option of info.options) {
    const value = request.options?.[option.id];
    if (value === undefined || value === '') {
      if (option.required) problems.push(`${request.pattern} needs "${option.id}": ${option.prompt}`);
      continue;
    }
    const bad = option.validate(value);
    if (bad) problems.push(bad);
  }
  return problems;
}

/** The request's option values with defaults filled in. */
function resolvedOptions(info: PatternInfo, request: ScaffoldRequest): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const option of info.options) {
    const given = request.options?.[option.id];
    values[option.id] = given !== undefined && given !== '' ? given : option.defaultFor?.(request.name);
  }
  return values;
}

/** Fields set in the batch test's records, for objects whose required fields are known. */
const TEST_RECORD_FIELDS: Record<string, string> = {
  account: "Name = 'Sync test ' + i, ",
  contact: "LastName = 'Sync test ' + i, ",
  lead: "LastName = 'Sync test ' + i, Company = 'Sync test', ",
  opportunity: "Name = 'Sync test ' + i, StageName = 'Prospecting', CloseDate = Date.today(), ",
  case: "Subject = 'Sync test ' + i, ",
  product2: "Name = 'Sync test ' + i, ",
  campaign: "Name = 'Sync test ' + i, ",
};

function testRecordFields(sobject: string): string {
  const known = TEST_RECORD_FIELDS[sobject.toLowerCase()];
  if (known !== undefined) return known;
  // Custom objects have a Name unless it is an auto-number; other required fields are the user's to add.
  return /__c$/.test(sobject) ? "Name = 'Sync test ' + i, " : '';
}

const PUBLISH_BEHAVIOR = { 'after-commit': 'PublishAfterCommit', immediately: 'PublishImmediately' } as const;

/** Collects files below `<default package dir>/main/default`. */
class FileSet {
  readonly files: GeneratedFile[] = [];
  constructor(
    readonly mainDefault: string,
    readonly apiVersion: string,
  ) {}

  add(relative: string, text: string): void {
    this.files.push({ path: path.join(this.mainDefault, ...relative.split('/')), text });
  }

  apexClass(name: string, template: string, values: TemplateValues): void {
    this.add(`classes/${name}.cls`, render(template, values));
    this.add(`classes/${name}.cls-meta.xml`, render('metadata/ApexClass.cls-meta.xml', { ApiVersion: this.apiVersion }));
  }

  apexTrigger(name: string, template: string, values: TemplateValues): void {
    this.add(`triggers/${name}.trigger`, render(template, values));
    this.add(`triggers/${name}.trigger-meta.xml`, render('metadata/ApexTrigger.trigger-meta.xml', { ApiVersion: this.apiVersion }));
  }

  platformEvent(event: string, publishBehavior: string, description: string, fields: { name: string; template: string; values: TemplateValues }[]): void {
    const label = labelOf(event);
    this.add(
      `objects/${event}/${event}.object-meta.xml`,
      render('platform-event/Event.object-meta.xml', {
        Description: description,
        Label: label,
        PluralLabel: label.endsWith('s') ? `${label} Events` : `${label}s`,
        PublishBehavior: PUBLISH_BEHAVIOR[publishBehavior as keyof typeof PUBLISH_BEHAVIOR],
      }),
    );
    for (const field of fields) {
      this.add(`objects/${event}/fields/${field.name}.field-meta.xml`, render(field.template, { FieldName: field.name, ...field.values }));
    }
  }

  namedCredential(name: string, url: string | undefined, label?: string): void {
    if (url) this.files.push({ path: namedCredentialPath(this.mainDefault, name), text: namedCredentialXml(name, url, label) });
  }
}

const TEXT_FIELD = 'platform-event/fields/TextField.field-meta.xml';
const LONG_TEXT_FIELD = 'platform-event/fields/LongTextField.field-meta.xml';

function recordIdField(what: string) {
  return {
    name: 'Record_Id__c',
    template: TEXT_FIELD,
    values: { Description: `Salesforce Id of the record ${what}.`, Label: 'Record Id', Length: '18', Required: 'false' },
  };
}

type Generator = (set: FileSet, name: string, o: Record<string, string | undefined>) => void;

const GENERATORS: Record<PatternId, Generator> = {
  'request-reply': (set, name, o) => {
    const values = {
      Name: name,
      ServiceClass: `${name}Service`,
      TestClass: `${name}ServiceTest`,
      NamedCredential: o['named-credential']!,
      ResourcePath: o.path!,
      TimeoutMs: o.timeout!,
    };
    set.apexClass(values.ServiceClass, 'request-reply/Service.cls', values);
    set.apexClass(values.TestClass, 'request-reply/ServiceTest.cls', values);
    set.namedCredential(values.NamedCredential, o.url);
  },
  'fire-and-forget': (set, name, o) => {
    const values = {
      Name: name,
      Event: o.event!,
      PublisherClass: `${name}EventPublisher`,
      TriggerName: `${name}EventTrigger`,
      SubscriberClass: `${name}EventSubscriber`,
      JobClass: `${name}CalloutJob`,
      TestClass: `${name}EventFlowTest`,
      NamedCredential: o['named-credential']!,
      ResourcePath: o.path!,
      TimeoutMs: o.timeout!,
    };
    set.platformEvent(
      values.Event,
      o['publish-behavior']!,
      `Published by ${values.PublisherClass}; ${values.TriggerName} hands each delivery to ${values.JobClass}, which calls out.`,
      [
        recordIdField('the event announces'),
        {
          name: 'Payload__c',
          template: LONG_TEXT_FIELD,
          values: { Description: 'The record as JSON, sent to the remote system.', Label: 'Payload', Length: '131072' },
        },
      ],
    );
    set.apexClass(values.PublisherClass, 'fire-and-forget/Publisher.cls', values);
    set.apexTrigger(values.TriggerName, 'fire-and-forget/Subscriber.trigger', values);
    set.apexClass(values.SubscriberClass, 'fire-and-forget/Subscriber.cls', values);
    set.apexClass(values.JobClass, 'fire-and-forget/CalloutJob.cls', values);
    set.apexClass(values.TestClass, 'fire-and-forget/FlowTest.cls', values);
    set.namedCredential(values.NamedCredential, o.url);
  },
  'batch-sync': (set, name, o) => {
    const values = {
      Name: name,
      SObject: o.object!,
      BatchClass: `${name}SyncBatch`,
      TestClass: `${name}SyncBatchTest`,
      TestRecordFields: testRecordFields(o.object!),
      NamedCredential: o['named-credential']!,
      ResourcePath: o.path!,
      TimeoutMs: o.timeout!,
    };
    for (const field of ['Sync_Status__c', 'Last_Synced_At__c']) {
      set.add(`objects/${values.SObject}/fields/${field}.field-meta.xml`, render(`batch-sync/fields/${field}.field-meta.xml`, values));
    }
    set.apexClass(values.BatchClass, 'batch-sync/SyncBatch.cls', values);
    set.apexClass(values.TestClass, 'batch-sync/SyncBatchTest.cls', values);
    set.namedCredential(values.NamedCredential, o.url);
  },
  'ui-update': (set, name, o) => {
    const component = o.component!;
    const values = {
      Name: name,
      Event: o.event!,
      PublisherClass: `${name}StatusPublisher`,
      TestClass: `${name}StatusPublisherTest`,
      Component: component,
      ComponentClass: component.charAt(0).toUpperCase() + component.slice(1),
      Label: labelOf(component.charAt(0).toUpperCase() + component.slice(1)),
      ApiVersion: set.apiVersion,
    };
    set.platformEvent(
      values.Event,
      o['publish-behavior']!,
      `Status changes published by ${values.PublisherClass} and shown live by the ${component} component.`,
      [
        recordIdField('whose status changed'),
        {
          name: 'Status__c',
          template: TEXT_FIELD,
          values: { Description: 'Short status, such as Sent or Failed.', Label: 'Status', Length: '40', Required: 'false' },
        },
        {
          name: 'Message__c',
          template: TEXT_FIELD,
          values: { Description: 'Detail shown under the status.', Label: 'Message', Length: '255', Required: 'false' },
        },
      ],
    );
    set.apexClass(values.PublisherClass, 'ui-update/StatusPublisher.cls', values);
    set.apexClass(values.TestClass, 'ui-update/StatusPublisherTest.cls', values);
    for (const [ext, template] of [
      ['js', 'component.js'],
      ['html', 'component.html'],
      ['js-meta.xml', 'component.js-meta.xml'],
    ]) {
      set.add(`lwc/${component}/${component}.${ext}`, render(`ui-update/lwc/${template}`, values));
    }
  },
  'named-credential': (set, name, o) => {
    set.namedCredential(name, o.url, o.label);
  },
};

/**
 * The files of one pattern for `project`, below the default package
 * directory's `main/default`. Throws ScaffoldError listing every problem
 * with the request. Never touches the file system except to read templates.
 */
export function scaffold(request: ScaffoldRequest, project: SfdxProject): ScaffoldResult {
  const problems = validateScaffoldRequest(request);
  if (problems.length) throw new ScaffoldError(problems);
  const info = patternInfo(request.pattern)!;
  const set = new FileSet(mainDefaultDir(project), project.sourceApiVersion ?? DEFAULT_API_VERSION);
  GENERATORS[request.pattern](set, request.name, resolvedOptions(info, request));
  const root = path.resolve(project.root);
  for (const file of set.files) {
    const resolved = path.resolve(file.path);
    if (!resolved.startsWith(root + path.sep)) throw new ScaffoldError([`Refusing to generate ${resolved}: it is outside the project folder ${root}`]);
  }
  return { files: set.files };
}
