/**
 * Salesforce metadata files (`*-meta.xml`) read with an XML parser, not with
 * regular expressions over the whole text: a regular expression with nested
 * `*?` went cubic on an unclosed `<namedCredentialParameters>` (a 1 MB file
 * took hours and froze the language server). fast-xml-parser reads in one
 * pass; what it cannot read is "not well-formed" and the caller decides what
 * the file still tells (its name). Files larger than METADATA_SIZE_LIMIT are
 * not parsed at all (a real credential or event is a few kilobytes).
 */
import { XMLParser } from 'fast-xml-parser';

/** An element: its child elements by tag, in document order; a leaf is its text. */
export interface XmlElement {
  [tag: string]: XmlNode[];
}
export type XmlNode = string | XmlElement;

/** The largest metadata file read (bytes); larger ones are known by their file name only. */
export const METADATA_SIZE_LIMIT = 2 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Values stay text: `62.0` and `false` are not numbers or booleans here.
  parseTagValue: false,
  trimValues: true,
  // No DOCTYPE entity expansion (a metadata file has none; an entity bomb must not run): the five XML entities are decoded below.
  processEntities: false,
  // Every element is a list, so one child and several read the same way.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The document's root elements by tag; undefined when the text is not XML the parser can read. */
export function parseMetadataXml(xml: string): XmlElement | undefined {
  try {
    const doc: unknown = parser.parse(xml);
    return isElement(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

function isElement(node: unknown): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** The child elements `tag` of `parent` (not their text). */
export function childElements(parent: XmlElement | undefined, tag: string): XmlElement[] {
  return (parent?.[tag] ?? []).filter(isElement);
}

/** The text of the first child `tag` of `parent` that is text, entities decoded; undefined when there is none. */
export function childText(parent: XmlElement | undefined, tag: string): string | undefined {
  const text = (parent?.[tag] ?? []).find((n): n is string => typeof n === 'string');
  return text === undefined ? undefined : decodeEntities(text);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;` `&lt;` `&#38;` `&#x26;` … decoded in one pass; an unknown entity stays as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}
