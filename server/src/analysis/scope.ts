/**
 * What the names inside one method refer to: declared types of locals,
 * parameters and fields, and which locals are assigned exactly once (their
 * value can be folded). Built by one pass over the method body.
 */
import type { Expr, MethodDecl, Stmt, TypeDecl, VarDecl } from '../model/ir';
import { baseType } from '../model/spans';
import type { AnalyzedFile, Workspace } from './workspace';
import { forEachExpr, forEachStmt } from './traverse';

export interface LocalVar {
  type: string;
  /** The only value ever assigned, when the local is assigned exactly once. */
  single?: Expr;
  assignments: number;
}

export class MethodScope {
  readonly locals = new Map<string, LocalVar>();

  constructor(
    readonly workspace: Workspace,
    readonly file: AnalyzedFile,
    readonly type: TypeDecl,
    readonly method: MethodDecl,
  ) {
    for (const p of method.params) this.locals.set(p.name, { type: p.type, assignments: 1 });
    // A trigger body's variables are modelled as the trigger's fields (their initialisers run first): locals all the same.
    if (method.kind === 'trigger') for (const f of type.fields) this.declare(f, f.type);
    if (method.body) this.collect(method.body);
  }

  /** The same scope over another workspace whose files and declarations are those of this one (facts kept across an edit). */
  in(workspace: Workspace): MethodScope {
    const copy = Object.create(MethodScope.prototype) as MethodScope;
    return Object.assign(copy, this, { workspace });
  }

  private declare(d: VarDecl, type: string): void {
    this.locals.set(d.name, { type, assignments: d.init ? 1 : 0, ...(d.init ? { single: d.init } : {}) });
  }

  private collect(body: Stmt): void {
    forEachStmt(body, (s) => {
      if (s.k === 'local') for (const d of s.decls) this.declare(d, s.type);
      else if (s.k === 'loop' && s.variable) this.locals.set(s.variable.name, { type: s.variable.type, assignments: 2 });
      else if (s.k === 'try') for (const c of s.catches) this.locals.set(c.name, { type: c.type, assignments: 2 });
    });
    forEachStmt(body, (s) => {
      forEachExpr(s, (e) => {
        let target: Expr | undefined;
        if (e.k === 'assign') target = e.target;
        else if (e.k === 'unary' && (e.op === '++' || e.op === '--')) target = e.operand;
        if (target?.k !== 'name') return;
        const local = this.locals.get(target.name);
        if (!local) return;
        local.assignments++;
        if (e.k === 'assign' && e.op === '=' && local.assignments === 1) local.single = e.value;
        else delete local.single;
      });
    });
  }

  /** Static type of an expression, lower-cased, when it can be told without the index. */
  typeOf(e: Expr): string | undefined {
    switch (e.k) {
      case 'name': {
        const local = this.locals.get(e.name);
        if (local) return local.type;
        return this.fieldType(this.type, e.name);
      }
      case 'new':
        return e.type;
      case 'cast':
        return e.type;
      case 'lit':
        return e.type === 'string' ? 'string' : e.type === 'int' ? 'integer' : undefined;
      case 'field':
        if (e.target.k === 'this') return this.fieldType(this.type, e.name);
        return undefined;
      case 'call':
        if (!e.target || e.target.k === 'this') {
          const m = this.type.methods.find((x) => x.name === e.name && x.params.length === e.args.length && x.kind === 'method');
          return m?.returnType;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  fieldType(type: TypeDecl, name: string): string | undefined {
    for (let t: TypeDecl | undefined = type; t; t = this.workspace.outerOf(t)) {
      const f = t.fields.find((x) => x.name === name);
      if (f) return f.type;
    }
    return undefined;
  }

  isType(e: Expr, wanted: string): boolean {
    const t = this.typeOf(e);
    return t !== undefined && baseType(t) === wanted;
  }
}
