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

export interface ProjectInfo {
  sfdx: SfdxProject;
  namedCredentials: NamedCredentialInfo[];
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
