/**
 * Validation of the names a user types when scaffolding. Each check returns
 * a message saying what is wrong and what is allowed, or undefined when the
 * name is fine. Names become file names, so anything that could leave the
 * target folder (separators, `..`, absolute paths) is refused here first.
 */

/** Apex reserved keywords (Apex Developer Guide, "Reserved Keywords"), lower case. */
const APEX_RESERVED = new Set(
  (
    'abstract activate and any array as asc autonomous begin bigdecimal blob boolean break bulk by byte case cast catch ' +
    'char class collect commit const continue currency date datetime decimal default delete desc do double else end enum ' +
    'exception exit export extends false final finally float for from global goto group having hint if implements import ' +
    'in inner insert instanceof int integer interface into join like limit list long loop map merge new not null nulls ' +
    'number object of on or outer override package parallel pragma private protected public retrieve return rollback ' +
    'select set short sobject sort static string super switch synchronized system testmethod then this throw time ' +
    'transaction trigger true try undelete update upsert using virtual void webservice when where while ' +
    // reserved for future use
    'after before count excludes first includes last order sharing with'
  ).split(' '),
);

/** A value as a message shows it: in quotes, control characters escaped (never echoed raw to a terminal). */
export function quoted(value: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return `"${value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold are the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text that goes into metadata XML: one line, no character XML 1.0 cannot hold. */
export function xmlTextProblem(value: string, what: string): string | undefined {
  const bad = NOT_XML.exec(value);
  if (bad) return `${what} ${quoted(value)} contains U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot hold; remove it`;
  // eslint-disable-next-line no-control-regex -- control characters are the point
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return `${what} ${quoted(value)} must be one line of printable text`;
  return undefined;
}

export const MAX_CLASS_NAME = 40;
/** Custom object and field names: 40 characters before the `__e`/`__c` suffix. */
export const MAX_OBJECT_NAME = 40;

function pathProblem(value: string, what: string): string | undefined {
  if (value.trim() === '') return `${what} is required`;
  if (/^([A-Za-z]:)?[\\/]/.test(value)) return `${what} ${quoted(value)} is an absolute path; give a name, not a path`;
  if (/[\\/]/.test(value) || value.includes('..')) return `${what} ${quoted(value)} contains a path separator or "..": give a plain name`;
  return undefined;
}

/**
 * The shape shared by Apex identifiers and metadata API names: a letter
 * first, then letters, digits and single underscores, not ending in one.
 */
function identifierProblem(value: string, what: string, max: number, shown = value, suffix = ''): string | undefined {
  const bad = pathProblem(value, what);
  if (bad) return bad;
  const name = `${what} ${quoted(shown)}`;
  if (!/^[A-Za-z]/.test(value)) return `${name} must start with a letter`;
  if (!/^[A-Za-z0-9_]+$/.test(value)) return `${name} may contain only letters, digits and underscores`;
  if (value.includes('__')) return `${name} must not contain two consecutive underscores${suffix ? ` before "${suffix}"` : ''}`;
  if (value.endsWith('_')) return `${name} must not end with an underscore${suffix ? ` before "${suffix}"` : ''}`;
  if (value.length > max) return `${name} is too long: ${value.length} characters${suffix ? ` before "${suffix}"` : ''}, the limit is ${max}`;
  return undefined;
}

/** An Apex class or trigger name. */
export function apexClassNameProblem(value: string, what = 'Apex class name'): string | undefined {
  const bad = identifierProblem(value, what, MAX_CLASS_NAME);
  if (bad) return bad;
  if (APEX_RESERVED.has(value.toLowerCase())) return `${what} ${quoted(value)} is a reserved word in Apex`;
  return undefined;
}

/** A Platform Event API name such as `Order_Event__e`. */
export function platformEventNameProblem(value: string): string | undefined {
  const what = 'Platform Event API name';
  const bad = pathProblem(value, what);
  if (bad) return bad;
  if (!/__e$/.test(value)) return `${what} ${quoted(value)} must end with "__e" (for example Order_Event__e)`;
  return identifierProblem(value.slice(0, -3), what, MAX_OBJECT_NAME, value, '__e');
}

/** An SObject API name: a standard object (`Account`) or a custom one (`Invoice__c`). */
export function sobjectNameProblem(value: string): string | undefined {
  const what = 'SObject API name';
  const bad = pathProblem(value, what);
  if (bad) return bad;
  if (/__c$/.test(value)) {
    return identifierProblem(value.slice(0, -3), what, MAX_OBJECT_NAME, value, '__c');
  }
  if (value.includes('__')) return `${what} ${quoted(value)} must be a standard object (Account) or a custom object ending in "__c"`;
  return identifierProblem(value, what, MAX_OBJECT_NAME);
}

/** A Named Credential name, used in `callout:<Name>/…`. */
export function namedCredentialNameProblem(value: string): string | undefined {
  return identifierProblem(value, 'Named Credential name', 80);
}

/** A Lightning Web Component folder name such as `orderStatusFeed`. */
export function lwcNameProblem(value: string): string | undefined {
  const what = 'Lightning Web Component name';
  const bad = pathProblem(value, what);
  if (bad) return bad;
  if (!/^[a-z]/.test(value)) return `${what} ${quoted(value)} must start with a lowercase letter (camelCase, for example orderStatusFeed)`;
  if (value.includes('-')) return `${what} ${quoted(value)} must not contain a hyphen; use camelCase`;
  return identifierProblem(value, what, MAX_CLASS_NAME);
}

/** A path below a Named Credential (`orders/bulk`): URL path characters only, so that it is safe inside an Apex string. */
export function calloutPathProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (/^\//.test(value)) return `Callout path ${quoted(value)} must be relative to the Named Credential (no leading "/")`;
  if (!/^[A-Za-z0-9\-._~/]+$/.test(value)) return `Callout path ${quoted(value)} may contain only letters, digits and - . _ ~ /`;
  if (value.split('/').some((s) => s === '..' || s === '.')) return `Callout path ${quoted(value)} must not contain "." or ".." segments`;
  return undefined;
}

/** An https endpoint for a Named Credential. */
export function endpointUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `URL ${quoted(value)} is not a valid absolute URL (for example https://erp.example.com/api)`;
  }
  const controls = xmlTextProblem(value, 'URL');
  if (controls) return controls;
  if (url.protocol !== 'https:') return `URL ${quoted(value)} must use https: a Named Credential endpoint is the production path for data`;
  if (!/^https:\/\/[^/\\?#@\s]/i.test(value)) return `URL ${quoted(value)} must name a host after https:// (for example https://erp.example.com/api)`;
  if (url.username || url.password) return `URL ${quoted(value)} must not carry a user name or password; authentication belongs in the credential, not the URL`;
  if (/\s/.test(value)) return `URL ${quoted(value)} must not contain whitespace`;
  return undefined;
}

/** `OrderSync` → `orderSync`: the LWC name derived from a class-style name. */
export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

/** `Order_Sync` / `OrderSync` → `Order Sync`: a label for metadata. */
export function labelOf(apiName: string): string {
  return apiName
    .replace(/__[ce]$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim();
}
