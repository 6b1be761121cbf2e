/**
 * Shared by the fixes that move code into a new Queueable
 * (`callout-after-dml`, `callout-retry-loop`, `async-callout-not-allowed`
 * for Schedulable): the class name (or an identical class already there),
 * the sharing it runs with, the fields that carry values across the async
 * boundary, and the new files in the package's `classes/` folder.
 */
import * as path from 'node:path';
import type { Expr, TypeDecl } from '../model/ir';
import type { MethodRef, Workspace } from '../analysis/workspace';
import { resolverFor } from '../analysis/resolve';
import type { MethodScope } from '../analysis/scope';
import type { ProjectInfo } from '../base/project-info';
import type { NewFile } from '../base/contracts';
import { DEFAULT_API_VERSION } from '../scaffold';
import { render } from '../scaffold/templates';
import { qualifiedText } from './qualify';

const MAX_CLASS_NAME = 40;

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function normalised(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/**
 * The job's name: a class of the workspace with exactly the text the fix
 * would generate under that name is reused (`reuse`), else the first free
 * name. Repeating a move never creates `Job2` next to an identical `Job`.
 */
export function jobName(workspace: Workspace, candidates: string[], textFor: (name: string) => string): { name: string; reuse: boolean } | undefined {
  for (const base of candidates) {
    for (let i = 1; i < 10; i++) {
      const name = i === 1 ? base : `${base}${i}`;
      if (name.length > MAX_CLASS_NAME) break;
      const existing = workspace.findType(name.toLowerCase());
      if (!existing) return { name, reuse: false };
      if (!existing.type.outer && normalised(existing.file.source.text) === normalised(textFor(name))) return { name, reuse: true };
    }
  }
  return undefined;
}

/** The sharing the moved code ran with: the source class's keyword, or `inherited sharing` when it has none. */
export function sharingOf(type: TypeDecl): string {
  return type.modifiers.find((m) => /^(with|without|inherited) sharing$/.test(m)) ?? 'inherited sharing';
}

/**
 * A call `Class.method(args)` (or `method(args)` inside its class) to one
 * static workspace method the job can call: neither it nor its class is private.
 */
export function staticCallee(scope: MethodScope, call: Extract<Expr, { k: 'call' }>): { callee: MethodRef; qualified: string } | undefined {
  if (call.target && call.target.k !== 'name' && call.target.k !== 'field') return undefined;
  if (call.target?.k === 'name' && scope.locals.has(call.target.name)) return undefined;
  const found = resolverFor(scope.workspace).resolveCall(scope, call);
  if (found.length !== 1 || !found[0].method.modifiers.includes('static') || found[0].method.modifiers.includes('private')) return undefined;
  for (let t: TypeDecl | undefined = found[0].type; t; t = scope.workspace.outerOf(t)) if (t.modifiers.includes('private')) return undefined;
  return { callee: found[0], qualified: qualifiedText(scope.workspace, found[0].type) };
}

/** Fields and a constructor that carry `values` into the job; empty for none. */
export function carriedState(name: string, values: { name: string; type: string }[]): string {
  if (!values.length) return '';
  const fields = values.map((p) => `    private final ${p.type} ${p.name};`).join('\n');
  const args = values.map((p) => `${p.type} ${p.name}`).join(', ');
  const assigns = values.map((p) => `        this.${p.name} = ${p.name};`).join('\n');
  return `${fields}\n\n    public ${name}(${args}) {\n${assigns}\n    }\n`;
}

const TEST_OR_TRIGGER_FOLDER = /^(tests?|test-?classes|unit-?tests|triggers)$/i;

/**
 * The package's `classes/` folder for a class that `besides` needs: the
 * folder of `besides` when it is a `classes/` folder outside any test folder,
 * else `main/default/classes` of its package directory (never `triggers/`
 * nor a test folder).
 */
export function classesFolder(besides: string, project: ProjectInfo | undefined): string {
  const dir = path.dirname(besides);
  const pkg = project?.sfdx.packageDirectories.find((p) => besides.startsWith(p + path.sep)) ?? project?.sfdx.packageDirectories[0];
  const below = pkg && dir.startsWith(pkg) ? path.relative(pkg, dir).split(path.sep) : dir.split(path.sep).slice(-3);
  if (path.basename(dir).toLowerCase() === 'classes' && !below.some((s) => TEST_OR_TRIGGER_FOLDER.test(s))) return dir;
  if (pkg) return path.join(pkg, 'main', 'default', 'classes');
  return path.basename(dir).toLowerCase() === 'triggers' ? path.join(path.dirname(dir), 'classes') : dir;
}

/** The class file and its -meta.xml, in the package's `classes/` folder; nothing when an identical class is reused. */
export function jobFiles(besides: string, name: string, text: string, project: ProjectInfo | undefined, reuse: boolean): NewFile[] {
  if (reuse) return [];
  const dir = classesFolder(besides, project);
  const meta = render('metadata/ApexClass.cls-meta.xml', { ApiVersion: project?.sfdx.sourceApiVersion ?? DEFAULT_API_VERSION });
  return [
    { path: path.join(dir, `${name}.cls`), text },
    { path: path.join(dir, `${name}.cls-meta.xml`), text: meta },
  ];
}

/** Re-indent lines to `indent`, keeping their relative indentation (tabs count as four spaces). */
export function reindent(lines: string[], indent: string): string {
  const detabbed = lines.map((l) => l.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    ')));
  const body = detabbed.filter((l) => l.trim() !== '');
  const common = Math.min(...body.map((l) => /^ */.exec(l)![0].length));
  return detabbed.map((l) => (l.trim() === '' ? '' : indent + l.slice(common).trimEnd())).join('\n');
}

export { render };
