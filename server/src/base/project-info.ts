/**
 * What quick fixes need to know about the SFDX project around the files:
 * where new files go, the API version, the Named Credentials that exist.
 * Pure: adapters read the files (see server/src/node/project-files.ts).
 */
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

/** `…/objects/Order_Event__e/Order_Event__e.object-meta.xml` → the event, or undefined for other objects. */
export function parsePlatformEvent(path: string, xml: string): PlatformEventInfo | undefined {
  const name = (path.split(/[\\/]/).pop() ?? path).slice(0, -OBJECT_SUFFIX.length);
  if (!/__e$/i.test(name)) return undefined;
  const behavior = /<publishBehavior>\s*([A-Za-z]+)\s*<\/publishBehavior>/.exec(xml)?.[1];
  return { name, path, ...(behavior ? { publishBehavior: behavior } : {}) };
}

export const NAMED_CREDENTIAL_SUFFIX = '.namedCredential-meta.xml';

/** Read a Named Credential's endpoint: legacy `<endpoint>` or a `Url` parameter of the API 56+ shape. */
export function parseNamedCredential(path: string, xml: string): NamedCredentialInfo {
  const name = (path.split(/[\\/]/).pop() ?? path).slice(0, -NAMED_CREDENTIAL_SUFFIX.length);
  const legacy = /<endpoint>\s*([^<\s]+)\s*<\/endpoint>/.exec(xml);
  const param =
    /<namedCredentialParameters>(?:(?!<\/namedCredentialParameters>)[\s\S])*?<parameterType>Url<\/parameterType>(?:(?!<\/namedCredentialParameters>)[\s\S])*?<parameterValue>\s*([^<\s]+)\s*<\/parameterValue>/.exec(
      xml,
    );
  const paramFirst =
    /<namedCredentialParameters>(?:(?!<\/namedCredentialParameters>)[\s\S])*?<parameterValue>\s*([^<\s]+)\s*<\/parameterValue>(?:(?!<\/namedCredentialParameters>)[\s\S])*?<parameterType>Url<\/parameterType>/.exec(
      xml,
    );
  const url = legacy?.[1] ?? param?.[1] ?? paramFirst?.[1];
  return { name, path, ...(url ? { url: url.replace(/&amp;/g, '&') } : {}), authenticates: authenticationOf(xml) };
}

function authenticationOf(xml: string): 'yes' | 'no' | 'unknown' {
  if (/<generateAuthorizationHeader>\s*false\s*<\/generateAuthorizationHeader>/.test(xml)) return 'no';
  const protocol = /<protocol>\s*([^<\s]+)\s*<\/protocol>/.exec(xml)?.[1];
  if (protocol) return protocol === 'NoAuthentication' ? 'no' : 'yes';
  return /<parameterType>\s*Authentication\s*<\/parameterType>/.test(xml) ? 'unknown' : 'no';
}
