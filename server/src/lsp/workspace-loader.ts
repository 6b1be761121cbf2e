/**
 * What the server knows of the workspace on disk: the Apex files of each
 * folder's SFDX package directories (the whole folder without
 * sfdx-project.json), read into the lint project in the background with
 * work-done progress. Open documents always win over the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { LintProject } from '../core/project';
import { discoverFiles, missingPackageDirectories, packageDirectoriesOf, readSource } from '../node/files';
import { readProjectInfo } from '../node/project-files';
import { SFDX_PROJECT_FILE } from '../base/sfdx-project';

export interface IndexState {
  indexing: boolean;
  indexed: number;
  total: number;
}

/** Files read between yields to the event loop, so that edits and requests are served during indexing. */
const BATCH = 25;

/** The Apex files under the folders' package directories. Never throws. */
export function apexFilesOf(folders: string[], log: (message: string) => void): string[] {
  const out = new Set<string>();
  for (const folder of folders) {
    try {
      for (const f of discoverFiles(packageDirectoriesOf(folder))) out.add(f);
    } catch (e) {
      log(`Cannot list Apex files of ${folder}: ${(e as Error).message}`);
    }
  }
  return [...out].sort();
}

/** Whether `file` is one of the Apex files the folders' package directories hold. */
function apexFilesOfDirectory(folders: string[], file: string): boolean {
  for (const folder of folders) {
    for (const dir of packageDirectoriesOf(folder)) {
      if (!file.startsWith(dir + path.sep)) continue;
      try {
        // Listing the file's own folder applies .forceignore the way indexing does.
        return discoverFiles([path.dirname(file)]).includes(file);
      } catch {
        return false;
      }
    }
  }
  return false;
}

/** Put one file from disk into the project; unreadable bytes become the core's `unreadable` finding. */
export function loadFromDisk(project: LintProject, file: string): void {
  const read = readSource(file);
  if (read.ok) project.setFile({ path: file, text: read.text });
  else if (read.fatal) project.removeFile(file);
  else project.setFile({ path: file, text: '', unreadable: read.message });
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceIndex {
  readonly state: IndexState = { indexing: false, indexed: 0, total: 0 };
  private generation = 0;
  private readonly fromDisk = new Set<string>();
  /** The Apex files of the package directories at the last indexing. */
  private listed = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly project: LintProject,
    private readonly isOpen: (file: string) => boolean,
    private readonly onState: (state: IndexState) => void,
  ) {}

  private folders: string[] = [];

  /** Whether a new file on disk belongs to the indexed package directories (and is not .forceignored). */
  private isInPackageDirectory(file: string): boolean {
    return path.isAbsolute(file) && apexFilesOfDirectory(this.folders, file);
  }

  /**
   * (Re)read every Apex file of the folders. A newer call supersedes a running
   * one. Files that disappeared from disk leave the project.
   */
  async index(folders: string[]): Promise<void> {
    const generation = ++this.generation;
    this.useFolders(folders);
    this.warnMissingPackageDirectories(folders);
    const files = apexFilesOf(folders, (m) => this.connection.console.warn(m));
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    const total = files.length;
    const label = (n: number) => `Indexing Apex ${n.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
    progress?.begin('Apex Pattern Lint', 0, label(0), false);
    Object.assign(this.state, { indexing: true, indexed: 0, total });
    this.onState(this.state);
    const seen = new Set(files);
    this.listed = seen;
    for (const old of [...this.fromDisk]) {
      if (!seen.has(old) && !this.isOpen(old)) {
        this.project.removeFile(old);
        this.fromDisk.delete(old);
      }
    }
    try {
      for (let i = 0; i < files.length; i++) {
        if (generation !== this.generation) return;
        const file = files[i];
        if (!this.isOpen(file)) {
          try {
            loadFromDisk(this.project, file);
            this.fromDisk.add(file);
          } catch (e) {
            this.connection.console.error(`Cannot index ${file}: ${(e as Error).message}`);
          }
        }
        if ((i + 1) % BATCH === 0 || i + 1 === total) {
          this.state.indexed = i + 1;
          progress?.report(Math.round(((i + 1) / Math.max(total, 1)) * 100), label(i + 1));
          this.onState(this.state);
          await yieldToEventLoop();
        }
      }
    } finally {
      progress?.done();
      if (generation === this.generation) {
        this.state.indexing = false;
        this.onState(this.state);
      }
    }
  }

  /** What was last said about package directories that are not folders (said again only when it changes). */
  private missingWarned = '';

  /**
   * A package directory of sfdx-project.json that is not a folder (a typo, a
   * file) would leave its Apex unlinted in silence: said in a warning the
   * user sees, and in the log.
   */
  private warnMissingPackageDirectories(folders: string[]): void {
    const missing = folders.flatMap(missingPackageDirectories).join('; ');
    if (missing && missing !== this.missingWarned) {
      const text = `Apex Pattern Lint: ${missing}: its Apex is not linted; fix the path in sfdx-project.json`;
      this.connection.console.warn(text);
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text });
    }
    this.missingWarned = missing;
  }

  /** The workspace folders, known from initialize on: fixes of the first open documents already see the project. */
  useFolders(folders: string[]): void {
    this.folders = folders;
    this.refreshProjectInfo();
  }

  /**
   * Re-read what fixes need to know about the SFDX projects (package
   * directories, API version, Named Credentials): one per workspace folder
   * with an sfdx-project.json (else the first folder); each file gets the
   * project whose folder holds it.
   */
  /** The folders read as SFDX projects (those with an sfdx-project.json). */
  projectRoots(): string[] {
    return this.folders.filter((f) => fs.existsSync(path.join(f, SFDX_PROJECT_FILE)));
  }

  refreshProjectInfo(): void {
    const roots = this.projectRoots();
    if (!roots.length && this.folders[0]) roots.push(this.folders[0]);
    const infos = [];
    for (const root of roots) {
      try {
        infos.push(readProjectInfo(root));
      } catch (e) {
        this.connection.console.error(`Cannot read the SFDX project at ${root}: ${(e as Error).message}`);
      }
    }
    this.project.setProjectInfo(infos);
  }

  /** A watched Apex file changed on disk. Open documents are owned by the editor and ignored. */
  changed(file: string, deleted: boolean): void {
    if (deleted) this.listed.delete(file);
    else if (this.isInPackageDirectory(file)) this.listed.add(file);
    if (this.isOpen(file)) return;
    if (deleted || !this.listed.has(file) || !fs.existsSync(file)) {
      this.project.removeFile(file);
      this.fromDisk.delete(file);
    } else {
      loadFromDisk(this.project, file);
      this.fromDisk.add(file);
    }
  }

  /** A document was closed: from now on the disk is the truth for it, if it belongs to the workspace at all. */
  closed(file: string): void {
    if (!this.listed.has(file) || !fs.existsSync(file)) {
      this.project.removeFile(file);
      return;
    }
    loadFromDisk(this.project, file);
    this.fromDisk.add(file);
  }
}
