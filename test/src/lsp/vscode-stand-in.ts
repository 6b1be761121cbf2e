/**
 * Just enough of the `vscode` module to run client/out/scaffold.js without
 * VS Code: the prompts answer from scripts the test queues, and what the
 * client does (edits applied, documents saved and shown, messages) is
 * recorded. Only the API that scaffold.ts uses is here; anything else throws.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in hooks the module loader itself
import Module = require('node:module');
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InputOptions {
  title?: string;
  prompt?: string;
  value?: string;
  placeHolder?: string;
  validateInput(value: string): Promise<string | null | undefined>;
}

export interface QuickPickItem {
  label: string;
  description?: string;
  detail?: string;
}

export type InputAnswer = (o: InputOptions) => Promise<string | undefined> | string | undefined;
export type PickAnswer = (items: QuickPickItem[], o: { title?: string; placeHolder?: string }) => QuickPickItem | undefined;
export type MessageItem = string | { title: string; isCloseAffordance?: boolean };
export type MessageAnswer = (message: string, options: { modal?: boolean; detail?: string }, items: MessageItem[]) => MessageItem | undefined;

export class StubUri {
  constructor(private readonly uri: string) {}
  static parse(uri: string): StubUri {
    return new StubUri(uri);
  }
  get scheme(): string {
    return this.uri.slice(0, this.uri.indexOf(':'));
  }
  get path(): string {
    return new URL(this.uri).pathname;
  }
  get fsPath(): string {
    return fileURLToPath(this.uri);
  }
  toString(): string {
    return this.uri;
  }
}

function next<T>(queue: T[], what: string): T {
  const answer = queue.shift();
  if (!answer) throw new Error(`unexpected ${what}: no scripted answer left`);
  return answer;
}

export class VsCodeStandIn {
  readonly inputs: InputAnswer[] = [];
  readonly picks: PickAnswer[] = [];
  readonly warnings: MessageAnswer[] = [];
  /** Answers to modal information messages (suggestions). */
  readonly offers: MessageAnswer[] = [];
  readonly commands = new Map<string, () => Promise<void>>();
  readonly applied: unknown[] = [];
  readonly saved: string[] = [];
  readonly shown: { uri: string; preserveFocus?: boolean }[] = [];
  readonly infos: string[] = [];
  readonly errors: string[] = [];
  /** Non-modal warnings. */
  readonly notices: string[] = [];
  /** Asked prompts, in order: `input <title>: <prompt>`, `pick <title>: <placeholder>`, `warning <message>`. */
  readonly asked: string[] = [];
  workspaceFolders: { uri: StubUri }[] = [];
  /** How the edit is applied (to disk, by the test); returns whether it was. */
  applyEdit: (edit: unknown) => boolean = () => false;

  readonly module = {
    Uri: StubUri,
    commands: {
      registerCommand: (id: string, run: () => Promise<void>) => {
        this.commands.set(id, run);
        return { dispose: () => this.commands.delete(id) };
      },
    },
    window: {
      activeTextEditor: undefined,
      showInputBox: async (o: InputOptions) => {
        this.asked.push(`input ${o.title}: ${o.prompt}`);
        return next(this.inputs, `input box "${o.prompt}"`)(o);
      },
      showQuickPick: async (items: QuickPickItem[], o: { title?: string; placeHolder?: string }) => {
        this.asked.push(`pick ${o.title}: ${o.placeHolder}`);
        return next(this.picks, `quick pick "${o.placeHolder}"`)(items, o);
      },
      showWarningMessage: async (message: string, options?: { modal?: boolean; detail?: string }, ...items: MessageItem[]) => {
        if (!options?.modal) return void this.notices.push(message);
        this.asked.push(`warning ${message}`);
        return next(this.warnings, `warning "${message}"`)(message, options, items);
      },
      showInformationMessage: async (message: string, options?: { modal?: boolean; detail?: string }, ...items: MessageItem[]) => {
        if (!options?.modal) return void this.infos.push(message);
        this.asked.push(`offer ${message}`);
        return next(this.offers, `offer "${message}"`)(message, options, items);
      },
      showErrorMessage: async (message: string) => void this.errors.push(message),
      showWorkspaceFolderPick: async () => {
        throw new Error('unexpected workspace folder pick');
      },
      showTextDocument: async (uri: StubUri, o: { preserveFocus?: boolean }) => void this.shown.push({ uri: uri.toString(), preserveFocus: o.preserveFocus }),
    },
    workspace: {
      workspaceFolders: undefined as unknown,
      getWorkspaceFolder: () => undefined,
      applyEdit: async (edit: unknown) => {
        this.applied.push(edit);
        return this.applyEdit(edit);
      },
      openTextDocument: async (uri: StubUri) => ({ save: async () => (this.saved.push(uri.toString()), true) }),
    },
  };

  constructor() {
    Object.defineProperty(this.module.workspace, 'workspaceFolders', { get: () => this.workspaceFolders });
  }

  reset(): void {
    for (const list of [
      this.inputs,
      this.picks,
      this.warnings,
      this.offers,
      this.applied,
      this.saved,
      this.shown,
      this.infos,
      this.errors,
      this.notices,
      this.asked,
    ])
      list.splice(0);
  }
}

const standIn = new VsCodeStandIn();

/** Loads a compiled client module with `require('vscode')` answered by the stand-in. */
export function loadWithStandIn<T>(file: string): { exports: T; vscode: VsCodeStandIn } {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  const key = path.join(__dirname, '__vscode_stand_in__');
  require.cache[key] = { id: key, filename: key, loaded: true, exports: standIn.module } as unknown as NodeJS.Module;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? key : resolve.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the client module under the stand-in
    return { exports: require(file) as T, vscode: standIn };
  } finally {
    loader._resolveFilename = resolve;
  }
}
