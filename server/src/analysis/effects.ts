/**
 * The system calls whose effect the rules care about: those that leave work
 * pending in the transaction (after which a callout fails with "You have
 * uncommitted work pending"). A user class named like the system class
 * (`Database`, `System`, `Messaging`) shadows it, as in Apex.
 */
import { DATABASE_ONLY_DML, DML_STATEMENTS, PENDING_WORK_METHODS } from '../base/apex-words';
import type { Expr } from '../model/ir';
import type { Workspace } from './workspace';

type CallExpr = Extract<Expr, { k: 'call' }>;

const DATABASE_DML: ReadonlySet<string> = new Set([...DML_STATEMENTS, ...DATABASE_ONLY_DML]);

/** `System.Database` → `database`; undefined when the qualifier is a user class or not a plain name. */
function systemQualifier(call: CallExpr, workspace: Workspace): string | undefined {
  const t = call.target;
  if (t?.k === 'name') return workspace.findType(t.name) ? undefined : t.name;
  if (t?.k === 'field' && t.target.k === 'name' && t.target.name === 'system') return t.name;
  return undefined;
}

/** Every method name pendingWorkOf knows: other calls are told apart without looking up their qualifier. */
const WORK_NAMES: ReadonlySet<string> = new Set([...DATABASE_DML, ...PENDING_WORK_METHODS]);

/** What pending work a call leaves, as a person reads it (`Database.update()`), if any. */
export function pendingWorkOf(call: CallExpr, workspace: Workspace): string | undefined {
  if (!WORK_NAMES.has(call.name)) return undefined;
  const q = systemQualifier(call, workspace);
  if (q === 'database' && DATABASE_DML.has(call.name)) return `Database.${call.text}()`;
  if (q === 'database' && call.name === 'setsavepoint') return 'Database.setSavepoint()';
  if (q === 'database' && call.name === 'executebatch') return 'Database.executeBatch()';
  if (q === 'system' && call.name === 'enqueuejob') return 'System.enqueueJob()';
  if (q === 'system' && call.name === 'schedule') return 'System.schedule()';
  if (q === 'messaging' && call.name === 'sendemail') return 'Messaging.sendEmail()';
  return undefined;
}

/** `Database.insert(...)` and the other `Database.*` DML methods: a call that saves records. */
export function isDatabaseDml(call: CallExpr, workspace: Workspace): boolean {
  return DATABASE_DML.has(call.name) && systemQualifier(call, workspace) === 'database';
}

export function isSavepointRelease(call: CallExpr, workspace: Workspace): boolean {
  return call.name === 'releasesavepoint' && systemQualifier(call, workspace) === 'database';
}

/** `Database.rollback(sp)`: discards the work done since the savepoint. */
export function isSavepointRollback(call: CallExpr, workspace: Workspace): boolean {
  return call.name === 'rollback' && call.args.length === 1 && systemQualifier(call, workspace) === 'database';
}

export function isTestStart(call: CallExpr, workspace: Workspace): boolean {
  return call.name === 'starttest' && systemQualifier(call, workspace) === 'test';
}
