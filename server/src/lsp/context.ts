/**
 * What the handlers share: the connection, the open documents, the lint
 * project, what the client can do, the workspace folders, and the services
 * built at initialize (settings, diagnostics). Handlers live in handlers/;
 * this holds state and the few lookups every handler needs, nothing else.
 */
import { MessageType, ShowMessageNotification, TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintProject } from '../core/project';
import { EditorBaseline } from './baseline';
import { uriOf } from './convert';
import { DocumentParses } from './document-parses';
import { DEFAULT_DEBOUNCE_MS, Diagnostics } from './diagnostics';
import type { Log } from './runner';
import { DocumentSettings } from './settings';
import { WorkspaceIndex } from './workspace-loader';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../../shared/out/protocol';

export interface ClientAbilities {
  askConfiguration: boolean;
  showDocument: boolean;
  watchFiles: boolean;
  watchFolders: boolean;
  /** Applies `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** Applies CreateFile operations. */
  createFiles: boolean;
  /** Shows code actions marked `disabled` (greyed, with the reason); others get the reason in the hover. */
  disabledCodeActions: boolean;
}

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  /** Open documents are parsed in workers a deadline can stop before the project sees their text. */
  readonly parses: DocumentParses = new DocumentParses(
    () => this.project,
    (file) => this.settings.configFor(this.uriFor(file), file),
    (file) => this.diagnostics.documentChanged(this.uriFor(file), true),
  );
  readonly project = new LintProject(undefined, { modelCache: this.parses.models });
  /** Open Apex documents: path → the URI the editor knows it by. */
  readonly openPaths = new Map<string, string>();
  readonly log: Log = (m) => this.connection.console.error(m);
  readonly info: Log = (m) => this.connection.console.info(m);
  folders: string[] = [];
  /** The team's baseline (setting `baseline`): which findings to hide or show as info. */
  readonly baseline = new EditorBaseline(
    () => this.folders,
    (message) => void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  );
  abilities: ClientAbilities = {
    askConfiguration: false,
    showDocument: false,
    watchFiles: false,
    watchFolders: false,
    documentChanges: false,
    createFiles: false,
    disabledCodeActions: false,
  };
  /** Settings per resource; initialize says whether the client can be asked and what to use when not. */
  readonly settings: DocumentSettings;
  /** Linting and publishing; initialize may change the debounce (initializationOptions.debounceMs). */
  readonly diagnostics: Diagnostics;
  /** The workspace folders' files, read into the project, with the status notification. */
  readonly index: WorkspaceIndex;
  /** The latest (re)indexing; settles when it is done. */
  indexing: Promise<void> = Promise.resolve();

  constructor(readonly connection: Connection) {
    this.settings = new DocumentSettings(connection, () => this.abilities.askConfiguration);
    this.diagnostics = new Diagnostics(this, DEFAULT_DEBOUNCE_MS);
    this.index = new WorkspaceIndex(connection, this.project, this.isOpen, (state) => {
      const status: ServerStatus = { ...state };
      void connection.sendNotification(STATUS_NOTIFICATION, status);
    });
  }

  uriFor = (file: string): string => this.openPaths.get(file) ?? uriOf(file);
  isOpen = (file: string): boolean => this.openPaths.has(file);
}
