/**
 * The server's own protocol additions, shared with the VS Code client (which
 * repeats the method names: it bundles no server code).
 */

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
