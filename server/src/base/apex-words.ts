/**
 * The Apex words that more than one layer knows: the DML statements, the
 * system calls that leave work pending, the system classes called by name.
 * Demand selection (select/) matches them on tokens before anything is
 * parsed; the analysis matches them on the model. Both read them from here,
 * so that a word added for one is seen by the other (a pending-work call the
 * analysis judges but the selection does not look for would leave a body
 * unparsed that a rule needs). Lower-cased: Apex is case-insensitive.
 */

/** DML statements (`insert acc;`), also methods of `Database` (`Database.insert(acc)`). */
export const DML_STATEMENTS = ['insert', 'update', 'upsert', 'delete', 'undelete', 'merge'] as const;

/** `Database` methods that save records beyond the DML statements. */
export const DATABASE_ONLY_DML = ['insertimmediate', 'updateimmediate', 'deleteimmediate', 'convertlead', 'emptyrecyclebin'] as const;

/**
 * System methods after which a callout fails with "You have uncommitted work
 * pending", other than DML: `Database.setSavepoint`, `Database.executeBatch`,
 * `System.enqueueJob`, `System.schedule`, `Messaging.sendEmail`.
 */
export const PENDING_WORK_METHODS = ['setsavepoint', 'executebatch', 'enqueuejob', 'schedule', 'sendemail'] as const;

/**
 * The words of a member that may leave work pending: a DML statement, a
 * `Database.` call, a pending-work method (selection's step 3 matches them on
 * identifiers, so `Database` stands for all of its DML methods).
 */
export const WORK_WORDS: readonly string[] = [...DML_STATEMENTS, 'database', 'enqueuejob', 'schedule', 'sendemail', 'setsavepoint', 'executebatch'];

/** The types behind a callout or an event publish (`new Http()`, `EventBus.publish`, WSDL2Apex's `WebServiceCallout.invoke`). */
export const SEND_TYPES = ['http', 'httprequest', 'httpresponse', 'eventbus', 'continuation', 'webservicecallout'] as const;

/** The fields of a WSDL2Apex port a caller configures (`port.timeout_x = 60000`). */
export const PORT_FIELDS = ['endpoint_x', 'timeout_x', 'inputhttpheaders_x'] as const;

/** Methods of a request or a connection that make or shape a callout. */
export const SEND_METHODS = ['send', 'settimeout', 'setendpoint', 'setheader'] as const;

/**
 * System classes called by name (`System.assertEquals(`, `Date.newInstance(`):
 * unless the workspace declares a class or a variable of that name, such a
 * call runs no workspace code.
 */
export const SYSTEM_CLASSES: ReadonlySet<string> = new Set([
  'system',
  'database',
  'test',
  'date',
  'datetime',
  'time',
  'string',
  'integer',
  'decimal',
  'double',
  'long',
  'boolean',
  'blob',
  'id',
  'math',
  'json',
  'limits',
  'schema',
  'userinfo',
  'eventbus',
  'messaging',
  'url',
  'crypto',
  'encodingutil',
  'type',
  'label',
  'site',
  'approval',
  'pattern',
  'http',
  'httprequest',
  'httpresponse',
  'apexpages',
  'restcontext',
  'search',
  'trigger',
  'featuremanagement',
  'sobjecttype',
  'security',
  'auth',
  'cache',
  'dom',
  'flow',
  'connectapi',
  'quiddity',
  'request',
  'timezone',
  'location',
  'address',
  'webservicecallout',
]);

/**
 * System types the analysis recognises by name (callouts, publishes, pending
 * work, asynchronous contexts, `PageReference` actions): a workspace class of
 * that name shadows them, so its file is always read.
 */
export const SYSTEM_NAMES_THE_ANALYSIS_KNOWS: ReadonlySet<string> = new Set([
  ...SEND_TYPES,
  ...PORT_FIELDS,
  'database',
  'system',
  'messaging',
  'test',
  'queueable',
  'queueablecontext',
  'schedulable',
  'schedulablecontext',
  'pagereference',
  'object',
  'limits',
  'json',
]);

/** Words that stand before a name without declaring it (`return x;`, `insert acc;`, modifiers, SOQL). */
export const NOT_A_TYPE: ReadonlySet<string> = new Set([
  'return',
  'throw',
  'new',
  'else',
  'when',
  'in',
  'instanceof',
  ...DML_STATEMENTS,
  'static',
  'final',
  'public',
  'private',
  'protected',
  'global',
  'virtual',
  'abstract',
  'override',
  'transient',
  'webservice',
  'testmethod',
  'with',
  'without',
  'inherited',
  'sharing',
  'class',
  'interface',
  'enum',
  'extends',
  'implements',
  'trigger',
  'on',
  'void',
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'like',
  'includes',
  'excludes',
  'by',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
  'as',
  'using',
  'scope',
  'typeof',
  'end',
  'then',
  'group',
  'order',
  'having',
  'find',
  'returning',
  'all',
  'rows',
  'for',
  'if',
  'while',
  'do',
  'try',
  'catch',
  'finally',
  'switch',
  'break',
  'continue',
  'get',
  'set',
  'this',
  'super',
  'null',
  'true',
  'false',
]);
