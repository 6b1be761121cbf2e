/**
 * The integration patterns as data: what each is, the name it takes and the
 * options it accepts, each with its default and its validation. A UI asks
 * for them in this order; the CLI maps option `id` to `--id`.
 */
import {
  apexClassNameProblem,
  calloutPathProblem,
  endpointUrlProblem,
  labelOf,
  lowerFirst,
  lwcNameProblem,
  namedCredentialNameProblem,
  platformEventNameProblem,
  quoted,
  sobjectNameProblem,
  xmlTextProblem,
} from './names';

export type PatternId = 'request-reply' | 'fire-and-forget' | 'batch-sync' | 'ui-update' | 'named-credential';

export const PATTERN_IDS: readonly PatternId[] = ['request-reply', 'fire-and-forget', 'batch-sync', 'ui-update', 'named-credential'];

export type PublishBehavior = 'after-commit' | 'immediately';

export interface PatternOption {
  /** Key in `ScaffoldRequest.options` and CLI flag (`--<id>`). */
  id: string;
  /** Prompt for an input box. */
  prompt: string;
  /** Whether the pattern cannot be generated without it (no default exists). */
  required: boolean;
  /** The value used when none is given, computed from the pattern's name. */
  defaultFor?: (name: string) => string;
  /** Closed set of values, for a quick pick. */
  choices?: readonly string[];
  /** A message saying what is wrong, or undefined when the value is fine. */
  validate: (value: string) => string | undefined;
}

export interface PatternInfo {
  id: PatternId;
  title: string;
  /** One line: when to use it. */
  description: string;
  /** Prompt for the name, and an example of one. */
  namePrompt: string;
  nameExample: string;
  /** Checks the name and every Apex name derived from it. */
  validateName: (name: string) => string | undefined;
  options: readonly PatternOption[];
}

/** Synchronous code is flagged above 15 s by `callout-timeout-excessive` (its default `syncLimitMs`). */
const SYNC_TIMEOUT_LIMIT_MS = 15000;
const ASYNC_TIMEOUT_LIMIT_MS = 120000;

function timeoutOption(defaultMs: number, maxMs: number, why: string): PatternOption {
  return {
    id: 'timeout',
    prompt: `Callout timeout in milliseconds (1–${maxMs}${why})`,
    required: false,
    defaultFor: () => String(defaultMs),
    validate: (v) =>
      /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= maxMs
        ? undefined
        : `Timeout ${quoted(v)} must be a whole number of milliseconds from 1 to ${maxMs}${why}`,
  };
}

const namedCredentialOption: PatternOption = {
  id: 'named-credential',
  prompt: 'Named Credential the callout goes through (callout:<Name>/…)',
  required: false,
  defaultFor: (name) => name,
  validate: namedCredentialNameProblem,
};

/** `CreditCheck` → `credit-check`: a default resource path. */
function pathFor(name: string): string {
  return name
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

const pathOption: PatternOption = {
  id: 'path',
  prompt: 'Resource path below the Named Credential URL',
  required: false,
  defaultFor: pathFor,
  validate: calloutPathProblem,
};

const urlOption = (required: boolean): PatternOption => ({
  id: 'url',
  prompt: required ? 'Endpoint URL (https)' : 'Endpoint URL (https) — also creates the Named Credential; leave empty to use an existing one',
  required,
  validate: endpointUrlProblem,
});

const publishBehaviorOption: PatternOption = {
  id: 'publish-behavior',
  prompt: 'When the event is published: after the transaction commits (after-commit) or at once, even if it rolls back (immediately)',
  required: false,
  defaultFor: () => 'after-commit',
  choices: ['after-commit', 'immediately'],
  validate: (v) => (v === 'after-commit' || v === 'immediately' ? undefined : `Publish behaviour ${quoted(v)} must be after-commit or immediately`),
};

/** The Apex classes and triggers a pattern derives from its name, for length and keyword checks. */
export function derivedApexNames(pattern: PatternId, name: string): string[] {
  switch (pattern) {
    case 'request-reply':
      return [`${name}Service`, `${name}ServiceTest`];
    case 'fire-and-forget':
      return [`${name}EventPublisher`, `${name}EventTrigger`, `${name}EventSubscriber`, `${name}CalloutJob`, `${name}EventFlowTest`];
    case 'batch-sync':
      return [`${name}SyncBatch`, `${name}SyncBatchTest`];
    case 'ui-update':
      return [`${name}StatusPublisher`, `${name}StatusPublisherTest`];
    case 'named-credential':
      return [];
  }
}

function classBaseNameValidator(pattern: PatternId): (name: string) => string | undefined {
  return (name) => {
    const bad = apexClassNameProblem(name, 'Name');
    if (bad) return bad;
    for (const derived of derivedApexNames(pattern, name)) {
      const problem = apexClassNameProblem(derived, 'Generated Apex name');
      if (problem) return `${problem} (derived from "${name}"; choose a shorter name)`;
    }
    return undefined;
  };
}

export const PATTERNS: readonly PatternInfo[] = [
  {
    id: 'request-reply',
    title: 'Request-Reply Service',
    description: 'The caller needs the answer to continue: one synchronous callout with a timeout, typed request and response, typed errors.',
    namePrompt: 'Base name of the service (creates <Name>Service and <Name>ServiceTest)',
    nameExample: 'CreditCheck',
    validateName: classBaseNameValidator('request-reply'),
    options: [namedCredentialOption, pathOption, timeoutOption(10000, SYNC_TIMEOUT_LIMIT_MS, '; a user is waiting'), urlOption(false)],
  },
  {
    id: 'fire-and-forget',
    title: 'Fire-and-Forget (Platform Events)',
    description: 'The caller must not wait: publish a Platform Event; a subscriber hands the callout to a Queueable, with bounded retries.',
    namePrompt: 'Base name of the flow (creates <Name>EventPublisher, <Name>EventTrigger, <Name>EventSubscriber, <Name>CalloutJob)',
    nameExample: 'OrderSync',
    validateName: classBaseNameValidator('fire-and-forget'),
    options: [
      { id: 'event', prompt: 'Platform Event API name', required: false, defaultFor: (name) => `${name}Event__e`, validate: platformEventNameProblem },
      publishBehaviorOption,
      namedCredentialOption,
      pathOption,
      timeoutOption(10000, ASYNC_TIMEOUT_LIMIT_MS, ''),
      urlOption(false),
    ],
  },
  {
    id: 'batch-sync',
    title: 'Batch Data Sync',
    description: 'Many records, minutes of delay are fine: scheduled Batch Apex sends each chunk in one callout and marks records synced on success.',
    namePrompt: 'Base name of the sync (creates <Name>SyncBatch and <Name>SyncBatchTest)',
    nameExample: 'AccountErp',
    validateName: classBaseNameValidator('batch-sync'),
    options: [
      {
        id: 'object',
        prompt: 'SObject to synchronise (gets the fields Sync_Status__c and Last_Synced_At__c)',
        required: false,
        defaultFor: () => 'Account',
        validate: sobjectNameProblem,
      },
      namedCredentialOption,
      pathOption,
      timeoutOption(30000, ASYNC_TIMEOUT_LIMIT_MS, ''),
      urlOption(false),
    ],
  },
  {
    id: 'ui-update',
    title: 'UI Update (Streaming)',
    description: 'The user must see the outcome live: Apex publishes status changes, a Lightning Web Component shows them through empApi.',
    namePrompt: 'Base name (creates <Name>StatusPublisher, the <Name>Status__e event and the <name>StatusFeed component)',
    nameExample: 'OrderFulfillment',
    validateName: classBaseNameValidator('ui-update'),
    options: [
      { id: 'event', prompt: 'Platform Event API name', required: false, defaultFor: (name) => `${name}Status__e`, validate: platformEventNameProblem },
      {
        id: 'component',
        prompt: 'Lightning Web Component name',
        required: false,
        defaultFor: (name) => `${lowerFirst(name)}StatusFeed`,
        validate: lwcNameProblem,
      },
      publishBehaviorOption,
    ],
  },
  {
    id: 'named-credential',
    title: 'Named Credential',
    description: 'Keep the endpoint (and its authentication) out of the code: callout:<Name>/path.',
    namePrompt: 'Named Credential name',
    nameExample: 'ERP',
    validateName: namedCredentialNameProblem,
    options: [
      urlOption(true),
      {
        id: 'label',
        prompt: 'Label shown in Setup',
        required: false,
        defaultFor: labelOf,
        validate: (v) => (v.trim() && v.length <= 80 ? xmlTextProblem(v, 'Label') : 'Label must be 1 to 80 characters'),
      },
    ],
  },
];

export function patternInfo(id: string): PatternInfo | undefined {
  return PATTERNS.find((p) => p.id === id);
}
