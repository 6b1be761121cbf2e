/**
 * The template files under `templates/` (real .cls, .trigger, .xml, .js and
 * .html files with `{{Placeholder}}`s) and their rendering. Templates are read,
 * never written; a placeholder without a value is an error, not a blank.
 */
// eslint-disable-next-line no-restricted-imports -- the package's own template files, read-only; never the user's workspace
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `templates/` of the package: server/out/scaffold → ../../../templates (and the same from server/src/scaffold). */
export const TEMPLATES_DIR = path.resolve(__dirname, '..', '..', '..', 'templates');

export type TemplateValues = Record<string, string>;

const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

const cache = new Map<string, string>();

/** The text of one template, `relative` to `templates/` with forward slashes. */
export function templateText(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = fs.readFileSync(path.join(TEMPLATES_DIR, ...relative.split('/')), 'utf8');
    cache.set(relative, text);
  }
  return text;
}

/** The templates read so far, relative to `templates/` (lets a test prove that none is dead). */
export function templatesRead(): string[] {
  return [...cache.keys()].sort();
}

/** The placeholder names a template uses. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * Fill a template. Values going into XML are escaped; values going into Apex,
 * JavaScript and HTML have been validated to plain names, numbers and URL
 * paths before they get here.
 */
export function render(relative: string, values: TemplateValues): string {
  const xml = /\.xml$/.test(relative);
  return templateText(relative).replace(PLACEHOLDER, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${relative}: no value for {{${key}}}`);
    // Never write XML that is not well-formed: callers validate, this is the backstop.
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
    if (xml && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(value))
      throw new Error(`template ${relative}: {{${key}}} holds a character XML cannot hold`);
    return xml ? escapeXml(value) : value;
  });
}
