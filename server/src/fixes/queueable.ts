/**
 * Shared by the fixes that move a callout into a new Queueable
 * (`callout-after-dml`, `callout-retry-loop`, `async-callout-not-allowed`
 * for Schedulable): the class name, the fields that carry the arguments
 * across the async boundary, and the new files (class and -meta.xml, next to
 * the file being fixed, API version of the project).
 */
import * as path from 'node:path';
import type { Expr, Param } from '../model/ir';
import { baseType } from '../model/spans';
import type { MethodRef, Workspace } from '../analysis/workspace';
import { resolverFor } from '../analysis/resolve';
import type { MethodScope } from '../analysis/scope';
import type { ProjectInfo } from '../base/project-info';
import { statementInBlock } from '../analysis/text-edits';
import type { NewFile } from '../base/contracts';
import { DEFAULT_API_VERSION } from '../scaffold';
import { render } from '../scaffold/templates';

const MAX_CLASS_NAME = 40;

/** Types whose values cannot be a Queueable's state (not serialisable, or meaningless later). */
const STAYS_BEHIND = new Set([
  'httprequest',
  'http',
  'httpresponse',
  'savepoint',
  'database.savepoint',
  'continuation',
  'restrequest',
  'restresponse',
  'restcontext',
]);

export function crossesAsyncBoundary(p: Param): boolean {
  const t = baseType(p.type);
  return !STAYS_BEHIND.has(t) && !t.endsWith('context');
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first candidate name that is a valid class name and not a type of the workspace. */
export function freeClassName(workspace: Workspace, candidates: string[]): string | undefined {
  for (const base of candidates) {
    for (let i = 1; i < 10; i++) {
      const name = i === 1 ? base : `${base}${i}`;
      if (name.length <= MAX_CLASS_NAME && !workspace.findType(name.toLowerCase())) return name;
    }
  }
  return undefined;
}

/** A call `Class.method(args)` to one static method of the workspace, with the class as source code names it. */
export function staticCallee(scope: MethodScope, call: Extract<Expr, { k: 'call' }>): { callee: MethodRef; qualified: string } | undefined {
  if (call.target?.k !== 'name' && call.target?.k !== 'field') return undefined;
  if (call.target.k === 'name' && scope.locals.has(call.target.name)) return undefined;
  const found = resolverFor(scope.workspace).resolveCall(scope, call);
  if (found.length !== 1 || !found[0].method.modifiers.includes('static')) return undefined;
  const names: string[] = [];
  for (let t: MethodRef['type'] | undefined = found[0].type; t; t = scope.workspace.outerOf(t)) names.unshift(t.text);
  return { callee: found[0], qualified: names.join('.') };
}

/**
 * A call that can move into a Queueable as it is: a call to one static
 * workspace method, made as a statement of its own (its result unused),
 * whose parameters can all cross the async boundary and do not clash with
 * the job's own names (`reserved`).
 */
export function movableCall(scope: MethodScope, call: Expr, reserved: string[]): { callee: MethodRef; qualified: string; params: Param[] } | undefined {
  const body = scope.method.body;
  if (call.k !== 'call' || !body) return undefined;
  const target = staticCallee(scope, call);
  if (!target) return undefined;
  const params = target.callee.method.params;
  if (!params.every(crossesAsyncBoundary) || params.some((p) => reserved.includes(p.name))) return undefined;
  const where = statementInBlock(body, call.span);
  const stmt = where?.block.body[where.index];
  if (stmt?.k !== 'expr' || stmt.expr !== call) return undefined;
  return { ...target, params };
}

/** Fields and a constructor that carry `params` (plus `extra`) into the job; empty for none. */
export function carriedState(name: string, params: { name: string; type: string }[]): string {
  if (!params.length) return '';
  const fields = params.map((p) => `    private final ${p.type} ${p.name};`).join('\n');
  const args = params.map((p) => `${p.type} ${p.name}`).join(', ');
  const assigns = params.map((p) => `        this.${p.name} = ${p.name};`).join('\n');
  return `${fields}\n\n    public ${name}(${args}) {\n${assigns}\n    }\n`;
}

/** The class file and its -meta.xml, next to `besides`. */
export function jobFiles(besides: string, name: string, text: string, project: ProjectInfo | undefined): NewFile[] {
  const dir = path.dirname(besides);
  const meta = render('metadata/ApexClass.cls-meta.xml', { ApiVersion: project?.sfdx.sourceApiVersion ?? DEFAULT_API_VERSION });
  return [
    { path: path.join(dir, `${name}.cls`), text },
    { path: path.join(dir, `${name}.cls-meta.xml`), text: meta },
  ];
}

export { render };
