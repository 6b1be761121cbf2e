/**
 * Reads the SFDX project around a folder from disk: sfdx-project.json and
 * the Named Credentials, External Credentials and Platform Events of its
 * package directories. Used by the CLI and the
 * language server; the core only ever sees the result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSfdxProject, SFDX_PROJECT_FILE, type SfdxProject } from '../base/sfdx-project';
import { filesBelow } from './walk';
import {
  EXTERNAL_CREDENTIAL_SUFFIX,
  NAMED_CREDENTIAL_SUFFIX,
  OBJECT_SUFFIX,
  parseNamedCredential,
  parsePlatformEvent,
  type NamedCredentialInfo,
  type PlatformEventInfo,
  type ProjectInfo,
} from '../base/project-info';

/** The nearest folder at or above `start` that holds sfdx-project.json. */
export function findProjectRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (fs.statSync(dir).isFile()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    if (fs.existsSync(path.join(dir, SFDX_PROJECT_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The sfdx-project.json of `root`, parsed; a folder without one (or with an unreadable one) is its own package directory. */
export function readSfdxProject(root: string): SfdxProject {
  let text: string | undefined;
  try {
    text = fs.readFileSync(path.join(root, SFDX_PROJECT_FILE), 'utf8');
  } catch {
    text = undefined;
  }
  return parseSfdxProject(path.resolve(root), text);
}

/** Metadata files that project info reads: Named and External Credentials, Platform Events. */
const isPlatformEvent = (name: string) => /__e\.object-meta\.xml$/i.test(name) && name.endsWith(OBJECT_SUFFIX);
const isProjectMetadata = (name: string) => name.endsWith(NAMED_CREDENTIAL_SUFFIX) || name.endsWith(EXTERNAL_CREDENTIAL_SUFFIX) || isPlatformEvent(name);

/** The project info of `root` (a folder with or without sfdx-project.json). */
export function readProjectInfo(root: string): ProjectInfo {
  const sfdx = readSfdxProject(root);
  const namedCredentials: NamedCredentialInfo[] = [];
  const externalCredentials: string[] = [];
  const platformEvents: PlatformEventInfo[] = [];
  // One walk per package directory (a real org has thousands of metadata files): each file sorted by its suffix.
  for (const dir of sfdx.packageDirectories) {
    for (const file of filesBelow(dir, isProjectMetadata)) {
      const name = path.basename(file);
      if (name.endsWith(NAMED_CREDENTIAL_SUFFIX)) {
        try {
          namedCredentials.push(parseNamedCredential(file, fs.readFileSync(file, 'utf8')));
        } catch {
          // An unreadable credential is simply not offered.
        }
      } else if (name.endsWith(EXTERNAL_CREDENTIAL_SUFFIX)) {
        externalCredentials.push(name.slice(0, -EXTERNAL_CREDENTIAL_SUFFIX.length));
      } else {
        try {
          const event = parsePlatformEvent(file, fs.readFileSync(file, 'utf8'));
          if (event) platformEvents.push(event);
        } catch {
          // An unreadable object file is not listed.
        }
      }
    }
  }
  namedCredentials.sort((a, b) => a.name.localeCompare(b.name));
  externalCredentials.sort();
  platformEvents.sort((a, b) => a.name.localeCompare(b.name));
  return { sfdx, namedCredentials, externalCredentials, platformEvents };
}
