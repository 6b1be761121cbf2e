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
import { readBounded } from './bounded-read';
import { METADATA_SIZE_LIMIT } from '../base/metadata-xml';
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

/** The sfdx-project.json of `root`, parsed; a folder without one (or with an unreadable one, or one over 2 MB) is its own package directory. */
export function readSfdxProject(root: string): SfdxProject {
  // Bounded like the metadata: a real sfdx-project.json is a few kilobytes.
  const read = readBounded(path.join(root, SFDX_PROJECT_FILE), METADATA_SIZE_LIMIT);
  return parseSfdxProject(path.resolve(root), read.ok ? read.bytes.toString('utf8') : undefined);
}

/** Metadata files that project info reads: Named and External Credentials, Platform Events. */
const isPlatformEvent = (name: string) => /__e\.object-meta\.xml$/i.test(name) && name.endsWith(OBJECT_SUFFIX);
const isProjectMetadata = (name: string) => name.endsWith(NAMED_CREDENTIAL_SUFFIX) || name.endsWith(EXTERNAL_CREDENTIAL_SUFFIX) || isPlatformEvent(name);

/**
 * A metadata file's text, or undefined when it cannot be read or is larger
 * than METADATA_SIZE_LIMIT: the file still exists, so what it defines is
 * known by its file name (a callout:Name to it is not "unknown").
 */
function readMetadata(file: string): string | undefined {
  const read = readBounded(file, METADATA_SIZE_LIMIT);
  return read.ok ? read.bytes.toString('utf8') : undefined;
}

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
        namedCredentials.push(parseNamedCredential(file, readMetadata(file)));
      } else if (name.endsWith(EXTERNAL_CREDENTIAL_SUFFIX)) {
        externalCredentials.push(name.slice(0, -EXTERNAL_CREDENTIAL_SUFFIX.length));
      } else {
        const event = parsePlatformEvent(file, readMetadata(file));
        if (event) platformEvents.push(event);
      }
    }
  }
  namedCredentials.sort((a, b) => a.name.localeCompare(b.name));
  externalCredentials.sort();
  platformEvents.sort((a, b) => a.name.localeCompare(b.name));
  return { sfdx, namedCredentials, externalCredentials, platformEvents };
}
