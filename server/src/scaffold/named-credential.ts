/**
 * Named Credential metadata, shared by the `named-credential` pattern, the
 * patterns that take `--url`, and the `hardcoded-endpoint` quick fix.
 */
import * as path from 'node:path';
import { endpointUrlProblem, labelOf, namedCredentialNameProblem, xmlTextProblem } from './names';
import { render } from './templates';

export class ScaffoldError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScaffoldError';
  }
}

/**
 * `<Name>.namedCredential-meta.xml` for an https endpoint, in the shape of the
 * project's existing credentials (no authentication: add it in Setup or in
 * the XML). Throws ScaffoldError on an invalid name, URL or label.
 */
export function namedCredentialXml(name: string, url: string, label?: string): string {
  const problems = [namedCredentialNameProblem(name), endpointUrlProblem(url)].filter((p): p is string => !!p);
  if (label !== undefined && (!label.trim() || label.length > 80)) problems.push('Label must be 1 to 80 characters');
  const labelText = label !== undefined ? xmlTextProblem(label, 'Label') : undefined;
  if (labelText) problems.push(labelText);
  if (problems.length) throw new ScaffoldError(problems);
  return render('named-credential/NamedCredential.namedCredential-meta.xml', { Url: url, Label: label ?? labelOf(name) });
}

/** Where a Named Credential goes below a package directory's `main/default`. */
export function namedCredentialPath(mainDefault: string, name: string): string {
  return path.join(mainDefault, 'namedCredentials', `${name}.namedCredential-meta.xml`);
}
