/** Shared helpers of the robustness regression tests (issue 13): temp folders and the CLI in a child process. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/lint';

export const BIN = path.join(ROOT, 'bin', 'apex-pattern-lint.js');
export const EXAMPLE_CLASS = path.join(ROOT, 'examples', 'order-integration', 'force-app', 'main', 'default', 'classes', 'ErpOrderSync.cls');

const created: string[] = [];
after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder with `files` (relative path → text); its real path. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'apl-robust-')));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  signal: NodeJS.Signals | null;
}

/** Runs the CLI as a user does; `killAfterMs` stops a run that hangs so that the test fails instead. */
export function cli(args: string[], cwd: string, killAfterMs = 60000): CliRun {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: killAfterMs, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start, signal: r.signal };
}

export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
}

export function jsonResults(stdout: string): { filePath: string; messages: JsonMessage[] }[] {
  return JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
}

/** `ruleId line:column` of every message of every file, e.g. for asserting nothing was lost. */
export function summary(stdout: string): string[] {
  return jsonResults(stdout).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.line}:${m.column}`));
}

/** A class whose one local is `List<` nested `depth` deep: a single ANTLR prediction on it runs for minutes. */
export function deepGenericClass(depth: number): string {
  return `public class DeepGeneric {
    public void go() {
        Http h = new Http();
        h.send(new HttpRequest());
        ${'List<'.repeat(depth)}Integer${'>'.repeat(depth)} x;
    }
}
`;
}
