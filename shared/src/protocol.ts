/**
 * What the VS Code client and the language server say to each other beyond
 * LSP: method and command names, their arguments and results, the settings
 * section. One module that both import (vscode-eslint's
 * `shared/customMessages.ts`), so that a rename cannot leave one side
 * behind. It imports nothing at run time: the client bundle stays free of
 * server code, and the types come from the protocol package both sides have.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The settings section: `apexPatternLint.*`. */
export const SETTINGS_SECTION = 'apexPatternLint';

/** Which files' findings the server publishes. */
export type DiagnosticsScope = 'workspace' | 'openFiles';
export const DIAGNOSTICS_SCOPES: readonly DiagnosticsScope[] = ['workspace', 'openFiles'];

/** Request: lint every Apex file the server knows and publish their diagnostics. */
export const LINT_WORKSPACE_REQUEST = 'apexPatternLint/lintWorkspace';

export interface LintWorkspaceResult {
  files: number;
  findings: number;
}

/** Notification: indexing state, for a status bar. */
export const STATUS_NOTIFICATION = 'apexPatternLint/status';

export interface ServerStatus {
  indexing: boolean;
  indexed: number;
  total: number;
}

/** Command (code action): `[webUrl, ruleId]`; the VS Code client opens the page shipped in the .vsix instead. */
export const SHOW_DOCUMENTATION_COMMAND = 'apexPatternLint.showDocumentation';

/** The code action kind of "fix all safe problems" (`source.fixAll.apexPatternLint`). */
export const FIX_ALL_KIND = 'source.fixAll.apexPatternLint';

/** Scaffolding over workspace/executeCommand; each takes one argument object. */
export const SCAFFOLD_COMMANDS = {
  /** `{ pattern, name, options?, folder?, overwrite?, apply? }` → ScaffoldResult. */
  scaffold: 'apexPatternLint.scaffold',
  /** no argument → ScaffoldCatalog. */
  catalog: 'apexPatternLint.scaffoldCatalog',
  /** `{ pattern, field, value }` → ValidateFieldResult; `field` is `name` or an option id. */
  validateField: 'apexPatternLint.validateScaffoldField',
  /** `{ pattern, name, folder? }` → ScaffoldDefaults: the option values used when none is given. */
  defaults: 'apexPatternLint.scaffoldDefaults',
  /** the answers, by question id → RecommendResult. */
  recommend: 'apexPatternLint.recommendPattern',
} as const;

export interface CatalogOption {
  id: string;
  prompt: string;
  required: boolean;
  choices?: readonly string[];
}

export interface CatalogPattern {
  id: string;
  title: string;
  description: string;
  namePrompt: string;
  nameExample: string;
  options: readonly CatalogOption[];
}

export interface DecisionQuestion {
  id: string;
  question: string;
  choices: readonly { value: string; label: string; detail?: string }[];
}

export interface ScaffoldCatalog {
  patterns: CatalogPattern[];
  questions: readonly DecisionQuestion[];
}

export interface ValidateFieldResult {
  problem: string | null;
}

export interface ScaffoldDefaults {
  defaults: Record<string, string>;
  /**
   * Named Credentials the generated code calls through that the project does
   * not have (by option id: `named-credential` → `ERP`). A client asks for
   * their URL (the `url` option creates them) or says they must exist.
   */
  missingCredentials?: Record<string, string>;
  problems: string[];
}

export interface ScaffoldResult {
  /** File creations with their content; absent when there are problems, or conflicts without `overwrite`. */
  edit?: WorkspaceEdit;
  /** URIs of every file the pattern produces, in generation order (empty when the request is invalid). */
  files: string[];
  /** URIs of those files that already exist. */
  conflicts: string[];
  problems: string[];
  /** URI of the SFDX project folder the files belong to. */
  project?: string;
  /** Whether the client applied the edit, when the request said `apply: true`. */
  applied?: boolean;
}

export interface RecommendResult {
  recommendation?: { pattern: string; title: string; why: string };
  problems: string[];
}

/** Request: the integration inventory (docs/inventory.md) of the workspace, for the Integrations view and its export. */
export const INVENTORY_REQUEST = 'apexPatternLint/inventory';

export interface InventoryParams {
  /** Also render the inventory as text: `md` or `csv` (the export), paths relative to the first workspace folder. */
  format?: 'md' | 'csv';
}

export interface InventoryResult {
  /** The integration inventory; null when the server could not build it (the error is in its log). */
  inventory: Inventory | null;
  text?: string;
}

/**
 * The inventory as it crosses the wire: the JSON of docs/inventory.md. The
 * server builds it in server/src/core/inventory.ts (which shared/ may not
 * import); lsp/handlers/inventory.ts fails to compile when the two differ.
 */
export interface Inventory {
  version: 1;
  callouts: InventoryCallout[];
  platformEvents: InventoryEvent[];
}

/** A place in a file: absolute path, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type InventoryPattern = 'Request-Reply' | 'Fire-and-Forget' | 'Batch Data Sync';

/** One callout site. */
export interface InventoryCallout extends SourceLocation {
  /** `OrderService`, `Outer.Inner`, or the trigger's name. */
  class: string;
  /** The method's name as written; `(trigger body)` for a trigger. */
  method: string;
  endpoint: { kind: 'named-credential'; name: string; path: string } | { kind: 'host'; host: string; url: string } | { kind: 'unknown'; reason: string };
  /** `POST`, `GET|POST` when branches differ, `unknown` when not constant; null when the code never calls setMethod. */
  httpMethod: string | null;
  /** Milliseconds of `setTimeout`; null for the default or when unknown (see `timeout`). */
  timeoutMs: number | null;
  /** `30000 ms`, `default 10 s` or `unknown`. */
  timeout: string;
  auth: 'named-credential' | 'manual-header' | 'none';
  contexts: ('trigger' | 'aura' | 'remote' | 'rest' | 'invocable' | 'visualforce' | 'queueable' | 'batch' | 'future' | 'schedulable')[];
  /** Every entry point that reaches the send, sorted. */
  entryPoints: string[];
  patterns: InventoryPattern[];
  /** Why no pattern applies; absent when one does. */
  patternNote?: string;
  /** The pattern the code calls for, and why (the pattern advisor). */
  advice: { pattern: InventoryPattern; reason: string };
  /** Findings on the send, on its request's setters, or pointing at the send from a caller. */
  findings: (SourceLocation & { ruleId: string; severity: 'error' | 'warning' | 'info'; message: string })[];
  /** A SOAP operation of a WSDL2Apex port, called here. */
  soap?: { operation: string; action?: string; port: string };
  /** A request added to a Continuation. */
  continuation?: { timeoutSeconds?: number; requests: number };
}

/** A Platform Event with who publishes it and who subscribes. */
export interface InventoryEvent {
  name: string;
  /** Whether the project has `objects/<name>/<name>.object-meta.xml`. */
  defined: boolean;
  /** `PublishAfterCommit` or `PublishImmediately`; null when not known. */
  publishBehavior: string | null;
  publishers: (SourceLocation & { class: string; method: string })[];
  /** Trigger name, or the Lightning component's folder name. */
  subscriberTriggers: (SourceLocation & { name: string })[];
  lwcSubscribers: (SourceLocation & { name: string })[];
}
