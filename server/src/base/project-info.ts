/**
 * What quick fixes need to know about the SFDX project around the files:
 * where new files go, the API version, the Named Credentials that exist.
 * Pure: adapters read the files (see server/src/node/project-files.ts).
 */
import { childElements, childText, parseMetadataXml, type XmlElement } from './metadata-xml';
import type { SfdxProject } from './sfdx-project';

export interface NamedCredentialInfo {
  /** API name, from the file name: `ERP` for `ERP.namedCredential-meta.xml`. */
  name: string;
  /** The endpoint URL, e.g. `https://erp.example.com/api`; undefined when the XML has none. */
  url?: string;
  path: string;
  /**
   * Whether callouts through it carry authentication it adds itself: `yes`
   * for a legacy credential with a protocol and the Authorization header
   * generated, `no` without either, `unknown` when an External Credential
   * decides (its protocol is in another file).
   */
  authenticates?: 'yes' | 'no' | 'unknown';
}

/** A Platform Event the project defines (`objects/X__e/X__e.object-meta.xml`). */
export interface PlatformEventInfo {
  /** API name, `Order_Event__e`. */
  name: string;
  /** `PublishAfterCommit` or `PublishImmediately`, when the metadata says. */
  publishBehavior?: string;
  path: string;
}

export interface ProjectInfo {
  sfdx: SfdxProject;
  namedCredentials: NamedCredentialInfo[];
  /** API names of the External Credentials (`externalCredentials/X.externalCredential-meta.xml`); absent when not read. */
  externalCredentials?: string[];
  /** Absent when not read. */
  platformEvents?: PlatformEventInfo[];
}

export const EXTERNAL_CREDENTIAL_SUFFIX = '.externalCredential-meta.xml';
export const OBJECT_SUFFIX = '.object-meta.xml';

/**
 * `…/objects/Order_Event__e/Order_Event__e.object-meta.xml` → the event, or
 * undefined for other objects. `xml` undefined (too large, unreadable) or not
 * well-formed: the event is known by its file name only.
 */
export function parsePlatformEvent(path: string, xml: string | undefined): PlatformEventInfo | undefined {
  const name = (path.split(/[\\/]/).pop() ?? path).slice(0, -OBJECT_SUFFIX.length);
  if (!/__e$/i.test(name)) return undefined;
  const object = childElements(xml === undefined ? undefined : parseMetadataXml(xml), 'CustomObject')[0];
  const behavior = childText(object, 'publishBehavior');
  return { name, path, ...(behavior && /^[A-Za-z]+$/.test(behavior) ? { publishBehavior: behavior } : {}) };
}

export const NAMED_CREDENTIAL_SUFFIX = '.namedCredential-meta.xml';

/**
 * Read a Named Credential's endpoint: legacy `<endpoint>` or a `Url`
 * parameter of the API 56+ shape. `xml` undefined (too large, unreadable) or
 * not well-formed: the credential is known by its file name, without an
 * endpoint, and whether it authenticates is unknown.
 */
export function parseNamedCredential(path: string, xml: string | undefined): NamedCredentialInfo {
  const name = (path.split(/[\\/]/).pop() ?? path).slice(0, -NAMED_CREDENTIAL_SUFFIX.length);
  const credential = childElements(xml === undefined ? undefined : parseMetadataXml(xml), 'NamedCredential')[0];
  if (!credential) return { name, path, authenticates: 'unknown' };
  const parameters = childElements(credential, 'namedCredentialParameters');
  const url = [
    childText(credential, 'endpoint'),
    ...parameters.filter((p) => childText(p, 'parameterType') === 'Url').map((p) => childText(p, 'parameterValue')),
  ].find((u): u is string => !!u && !/\s/.test(u));
  return { name, path, ...(url ? { url } : {}), authenticates: authenticationOf(credential, parameters) };
}

function authenticationOf(credential: XmlElement, parameters: XmlElement[]): 'yes' | 'no' | 'unknown' {
  if (childText(credential, 'generateAuthorizationHeader') === 'false') return 'no';
  const protocol = childText(credential, 'protocol');
  if (protocol && !/\s/.test(protocol)) return protocol === 'NoAuthentication' ? 'no' : 'yes';
  return parameters.some((p) => childText(p, 'parameterType') === 'Authentication') ? 'unknown' : 'no';
}
