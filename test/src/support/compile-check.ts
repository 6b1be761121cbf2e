/**
 * A compile check for generated classes, standing in for an org: every type
 * name a new class uses (fields, parameters, locals, `new`, casts, catches,
 * static call qualifiers) must resolve in the workspace index — as Apex
 * resolves it from that class — or be a system type or sObject. A fix that
 * writes `Payload` where `ErpGateway.Payload` is needed fails here.
 */
import { analyzeFile } from '../../../server/out/core/analyze-file';
import { Workspace } from '../../../server/out/analysis/workspace';
import type { Expr, Stmt, TypeDecl } from '../../../server/out/model/ir';

const SYSTEM_TYPES = new Set(
  (
    'string integer long decimal double boolean id date datetime time blob object void list map set iterable sobject ' +
    'exception calloutexception dmlexception queryexception jsonexception nullpointerexception limitexception asyncexception ' +
    'system test database database.allowscallouts database.batchable database.batchablecontext database.querylocator database.saveresult ' +
    'queueable queueablecontext schedulable schedulablecontext finalizer finalizercontext http httprequest httpresponse json ' +
    'logginglevel limits userinfo math schema eventbus eventbus.retryableexception eventbus.triggercontext database.error messaging type trigger url crypto encodingutil label asyncoptions'
  ).split(' '),
);

/** Standard objects the fixtures use; custom ones end in `__c`, `__e`, `__mdt`. */
const SOBJECTS = new Set('account contact lead opportunity order orderitem case user product2 task event'.split(' '));

function typeNames(type: string): string[] {
  return [...type.toLowerCase().matchAll(/[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*/g)].map((m) => (m[0].startsWith('system.') ? m[0].slice(7) : m[0]));
}

function resolves(workspace: Workspace, name: string, from: TypeDecl): boolean {
  return SYSTEM_TYPES.has(name) || SOBJECTS.has(name) || /__(c|e|mdt)$/.test(name) || !!workspace.findType(name, from);
}

function walkStmt(root: Stmt, onStmt: (s: Stmt) => void, onExpr: (e: Expr) => void): void {
  const stack: (Stmt | Expr)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (
      'k' in node &&
      ['block', 'local', 'expr', 'if', 'loop', 'try', 'return', 'throw', 'break', 'continue', 'dml', 'switch', 'runAs', 'opaque'].includes(node.k)
    ) {
      const s = node as Stmt;
      onStmt(s);
      for (const v of Object.values(s)) {
        for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child === 'object' && 'k' in child) stack.push(child as Stmt | Expr);
      }
      if (s.k === 'local') for (const d of s.decls) if (d.init) stack.push(d.init);
      if (s.k === 'try') for (const c of s.catches) stack.push(c.body);
      if (s.k === 'loop' && s.iterable) stack.push(s.iterable);
    } else {
      const e = node as Expr;
      onExpr(e);
      for (const v of Object.values(e)) {
        for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child === 'object' && 'k' in child) stack.push(child as Expr);
      }
    }
  }
}

/**
 * The type names of the classes at `paths` that do not resolve, as
 * `Class: name`; `files` is the whole workspace after the fix.
 */
export function unresolvedTypes(files: Record<string, string>, paths: string[]): string[] {
  const analyzed = Object.entries(files)
    .filter(([p]) => /\.(cls|trigger)$/.test(p))
    .map(([path, text]) => analyzeFile({ path, text }));
  const workspace = new Workspace(analyzed);
  const out: string[] = [];
  for (const file of analyzed.filter((f) => paths.includes(f.path))) {
    for (const type of file.model.types) {
      const need = (name: string) => {
        for (const n of typeNames(name)) if (!resolves(workspace, n, type) && !out.includes(`${type.text}: ${n}`)) out.push(`${type.text}: ${n}`);
      };
      const members = new Set([...type.fields.map((f) => f.name), ...type.methods.map((m) => m.name)]);
      for (const t of [...type.implements, ...(type.extends ? [type.extends] : [])]) need(t);
      for (const f of type.fields) need(f.type);
      for (const m of type.methods) {
        if (m.kind === 'method') need(m.returnType);
        const locals = new Set(m.params.map((p) => p.name));
        for (const p of m.params) need(p.type);
        if (!m.body) continue;
        walkStmt(
          m.body,
          (s) => {
            if (s.k === 'local') {
              need(s.type);
              for (const d of s.decls) locals.add(d.name);
            } else if (s.k === 'loop' && s.variable) {
              need(s.variable.type);
              locals.add(s.variable.name);
            } else if (s.k === 'try') {
              for (const c of s.catches) {
                need(c.type);
                locals.add(c.name);
              }
            }
          },
          () => undefined,
        );
        walkStmt(
          m.body,
          () => undefined,
          (e) => {
            if (e.k === 'new' || e.k === 'cast' || e.k === 'instanceof') need(e.type);
            const target = e.k === 'call' || e.k === 'field' ? e.target : undefined;
            if (target?.k === 'name' && !locals.has(target.name) && !members.has(target.name)) need(target.name);
          },
        );
      }
    }
  }
  return out;
}
