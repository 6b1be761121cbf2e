/**
 * Statements and expressions of a member body, from parse tree to model.
 * Recursion follows the nesting of the source and is bounded by MAX_NESTING:
 * past it the member is left unmodelled (NestingTooDeep) instead of
 * overflowing the stack.
 */
import type { apex } from '../parse/antlr';
import type { Expr, Span, Stmt, VarDecl, CatchClause } from './ir';
import { A, isTerminal, MAX_NESTING, NestingTooDeep, SpanReader } from './spans';

type Ctx = apex.ApexParserRuleContext;

export class CodeBuilder {
  private depth = 0;

  constructor(readonly r: SpanReader) {}

  /** Builds one nesting level, failing with NestingTooDeep past MAX_NESTING. */
  private nested<T>(ctx: Ctx, build: () => T): T {
    if (++this.depth > MAX_NESTING) {
      this.depth--;
      throw new NestingTooDeep(this.r.span(ctx));
    }
    try {
      return build();
    } finally {
      this.depth--;
    }
  }

  block(ctx: apex.BlockContext | null | undefined): Stmt {
    if (!ctx) return { k: 'block', span: { start: 0, end: 0 }, body: [] };
    return this.nested(ctx, () => ({ k: 'block', span: this.r.span(ctx), body: ctx.statement_list().map((s) => this.statement(s)) }));
  }

  statement(ctx: apex.StatementContext | null | undefined): Stmt {
    if (!ctx) return { k: 'block', span: { start: 0, end: 0 }, body: [] };
    return this.nested(ctx, () => this.statementInner(ctx));
  }

  private statementInner(ctx: apex.StatementContext): Stmt {
    const span = this.r.span(ctx);
    const child = ctx.getChild(0) as Ctx | null;
    if (child instanceof A.BlockContext) return this.block(child);
    if (child instanceof A.LocalVariableDeclarationStatementContext) return this.local(child.localVariableDeclaration());
    if (child instanceof A.ExpressionStatementContext) return { k: 'expr', span, expr: this.expr(child.expression()) };
    if (child instanceof A.IfStatementContext) {
      const [then, els] = child.statement_list();
      return {
        k: 'if',
        span,
        cond: this.expr(child.parExpression()?.expression()),
        then: this.statement(then),
        ...(els ? { else: this.statement(els) } : {}),
      };
    }
    if (child instanceof A.ForStatementContext) return this.forLoop(child, span);
    if (child instanceof A.WhileStatementContext) {
      const par = child.parExpression();
      return {
        k: 'loop',
        kind: 'while',
        span,
        head: { start: span.start, end: this.r.span(par).end },
        init: [],
        cond: this.expr(par?.expression()),
        update: [],
        body: this.statement(child.statement()),
      };
    }
    if (child instanceof A.DoWhileStatementContext) {
      const par = child.parExpression();
      return {
        k: 'loop',
        kind: 'do',
        span,
        head: this.r.span(child.DO()),
        init: [],
        cond: this.expr(par?.expression()),
        update: [],
        body: this.block(child.block()),
      };
    }
    if (child instanceof A.TryStatementContext) {
      const catches: CatchClause[] = child.catchClause_list().map((c) => ({
        span: this.r.span(c),
        type: this.r.typeText(c.qualifiedName()),
        name: this.r.name(this.r.text(c.id())),
        body: this.block(c.block()),
      }));
      const fin = child.finallyBlock();
      return {
        k: 'try',
        span,
        body: this.block(child.block()),
        catches,
        ...(fin ? { finally: this.block(fin.block()) } : {}),
      };
    }
    if (child instanceof A.ReturnStatementContext) {
      const e = child.expression();
      return e ? { k: 'return', span, expr: this.expr(e) } : { k: 'return', span };
    }
    if (child instanceof A.ThrowStatementContext) return { k: 'throw', span, expr: this.expr(child.expression()) };
    if (child instanceof A.BreakStatementContext) return { k: 'break', span };
    if (child instanceof A.ContinueStatementContext) return { k: 'continue', span };
    if (
      child instanceof A.InsertStatementContext ||
      child instanceof A.UpdateStatementContext ||
      child instanceof A.DeleteStatementContext ||
      child instanceof A.UndeleteStatementContext ||
      child instanceof A.UpsertStatementContext ||
      child instanceof A.MergeStatementContext
    ) {
      const keyword = child.getChild(0) as apex.ApexTerminalNode;
      const exprs = child.children?.filter((c): c is apex.ExpressionContext => c instanceof A.ExpressionContext) ?? [];
      return {
        k: 'dml',
        span,
        op: this.r.name(this.r.text(keyword)),
        keyword: this.r.span(keyword),
        expr: exprs.length === 1 ? this.expr(exprs[0]) : { k: 'other', span, parts: exprs.map((e) => this.expr(e)) },
      };
    }
    if (child instanceof A.SwitchStatementContext) {
      return {
        k: 'switch',
        span,
        expr: this.expr(child.expression()),
        whens: child.whenControl_list().map((w) => this.block(w.block())),
        hasElse: child.whenControl_list().some((w) => !!w.whenValue()?.ELSE()),
        whenValues: child.whenControl_list().map((w) => this.whenKeys(w.whenValue())),
      };
    }
    if (child instanceof A.RunAsStatementContext) {
      return { k: 'runAs', span, args: this.exprList(child.expressionList()), body: this.block(child.block()) };
    }
    return { k: 'opaque', span };
  }

  local(ctx: apex.LocalVariableDeclarationContext | null | undefined): Stmt {
    if (!ctx) return { k: 'block', span: { start: 0, end: 0 }, body: [] };
    return {
      k: 'local',
      span: this.r.span(ctx),
      type: this.r.typeText(ctx.typeRef()),
      decls: this.declarators(ctx.variableDeclarators()),
    };
  }

  declarators(ctx: apex.VariableDeclaratorsContext | null | undefined): VarDecl[] {
    if (!ctx) return [];
    return ctx.variableDeclarator_list().map((d) => {
      const text = this.r.text(d.id());
      const init = d.expression();
      return { name: this.r.name(text), text, span: this.r.span(d), ...(init ? { init: this.expr(init) } : {}) };
    });
  }

  /** The values a `when` matches, as switch keys (`s:` string, `n:` number, `e:` enum value); undefined for `when else` and type patterns. */
  private whenKeys(v: apex.WhenValueContext | null | undefined): string[] | undefined {
    if (!v || v.ELSE() || v.typeRef()) return undefined;
    const keys: string[] = [];
    for (const lit of v.whenLiteral_list()) {
      let l: apex.WhenLiteralContext = lit;
      while (l.whenLiteral()) l = l.whenLiteral();
      const negative = l.SUB_list().length % 2 === 1;
      const int = l.IntegerLiteral() ?? l.LongLiteral();
      const str = l.StringLiteral();
      const name = l.qualifiedName();
      if (int) keys.push(`n:${(negative ? -1 : 1) * Number(this.r.text(int).replace(/[lL]$/, ''))}`);
      else if (str) keys.push(`s:${unquote(this.r.text(str))}`);
      else if (name) keys.push(`e:${this.r.text(name).split('.').pop()!.toLowerCase()}`);
      else return undefined;
    }
    return keys;
  }

  private forLoop(ctx: apex.ForStatementContext, span: Span): Stmt {
    const control = ctx.forControl();
    const head = { start: span.start, end: this.r.span(ctx.RPAREN()).end };
    const body = ctx.statement() ? this.statement(ctx.statement()) : { k: 'block' as const, span: head, body: [] };
    const each = control?.enhancedForControl();
    if (each) {
      const text = this.r.text(each.id());
      return {
        k: 'loop',
        kind: 'foreach',
        span,
        head,
        init: [],
        update: [],
        variable: { name: this.r.name(text), text, span: this.r.span(each.id()), type: this.r.typeText(each.typeRef()) },
        iterable: this.expr(each.expression()),
        body,
      };
    }
    const init: Stmt[] = [];
    const forInit = control?.forInit();
    if (forInit?.localVariableDeclaration()) init.push(this.local(forInit.localVariableDeclaration()));
    else if (forInit?.expressionList()) {
      for (const e of this.exprList(forInit.expressionList())) init.push({ k: 'expr', span: e.span, expr: e });
    }
    const cond = control?.expression();
    return {
      k: 'loop',
      kind: 'for',
      span,
      head,
      init,
      ...(cond ? { cond: this.expr(cond) } : {}),
      update: this.exprList(control?.forUpdate()?.expressionList()),
      body,
    };
  }

  exprList(ctx: apex.ExpressionListContext | null | undefined): Expr[] {
    return ctx ? ctx.expression_list().map((e) => this.expr(e)) : [];
  }

  expr(ctx: apex.ExpressionContext | null | undefined): Expr {
    if (!ctx) return { k: 'other', span: { start: 0, end: 0 }, parts: [] };
    return this.nested(ctx, () => this.exprInner(ctx));
  }

  private exprInner(ctx: apex.ExpressionContext): Expr {
    const span = this.r.span(ctx);
    if (ctx instanceof A.PrimaryExpressionContext) return this.primary(ctx.primary(), span);
    if (ctx instanceof A.DotExpressionContext) {
      const target = this.expr(ctx.expression());
      const call = ctx.dotMethodCall();
      if (call) {
        const text = this.r.text(call.anyId());
        return { k: 'call', span, target, name: this.r.name(text), text, args: this.exprList(call.expressionList()), nameSpan: this.r.span(call.anyId()) };
      }
      const text = this.r.text(ctx.anyId());
      return { k: 'field', span, target, name: this.r.name(text), text };
    }
    if (ctx instanceof A.MethodCallExpressionContext) {
      const call = ctx.methodCall();
      const id = call.id() ?? call.THIS() ?? call.SUPER();
      const text = this.r.text(id);
      return { k: 'call', span, name: this.r.name(text), text, args: this.exprList(call.expressionList()), nameSpan: this.r.span(id) };
    }
    if (ctx instanceof A.NewExpressionContext) return this.creator(ctx.creator(), span);
    if (ctx instanceof A.SubExpressionContext) return this.expr(ctx.expression());
    if (ctx instanceof A.CastExpressionContext) return { k: 'cast', span, type: this.r.typeText(ctx.typeRef()), expr: this.expr(ctx.expression()) };
    if (ctx instanceof A.ArrayExpressionContext) {
      const [target, index] = ctx.expression_list();
      return { k: 'index', span, target: this.expr(target), index: this.expr(index) };
    }
    if (ctx instanceof A.InstanceOfExpressionContext) return { k: 'instanceof', span, expr: this.expr(ctx.expression()), type: this.r.typeText(ctx.typeRef()) };
    if (ctx instanceof A.CondExpressionContext) {
      const [test, then, els] = ctx.expression_list();
      return { k: 'cond', span, test: this.expr(test), then: this.expr(then), else: this.expr(els) };
    }
    const children = ctx.children ?? [];
    const operands = children.filter((c): c is apex.ExpressionContext => c instanceof A.ExpressionContext);
    const op = this.r.intern(
      children
        .filter(isTerminal)
        .map((t) => t.getText())
        .join(''),
    );
    if (ctx instanceof A.AssignExpressionContext && operands.length === 2) {
      return { k: 'assign', span, op, target: this.expr(operands[0]), value: this.expr(operands[1]) };
    }
    if (operands.length === 2 && op) return { k: 'binary', span, op, left: this.expr(operands[0]), right: this.expr(operands[1]) };
    if (operands.length === 1 && op) return { k: 'unary', span, op, operand: this.expr(operands[0]) };
    return { k: 'other', span, parts: operands.map((o) => this.expr(o)) };
  }

  private primary(ctx: apex.PrimaryContext | null, span: Span): Expr {
    if (ctx instanceof A.IdPrimaryContext) {
      const text = this.r.text(ctx.id());
      return { k: 'name', span, name: this.r.name(text), text };
    }
    if (ctx instanceof A.ThisPrimaryContext) return { k: 'this', span };
    if (ctx instanceof A.SuperPrimaryContext) return { k: 'super', span };
    if (ctx instanceof A.LiteralPrimaryContext) return this.literal(ctx.literal(), span);
    if (ctx instanceof A.SoqlPrimaryContext || ctx instanceof A.SoslPrimaryContext) return { k: 'other', span, parts: this.boundExpressions(ctx) };
    if (ctx instanceof A.TypeRefPrimaryContext) return { k: 'other', span, parts: [], classOf: this.r.name(this.r.text(ctx.typeRef()).replace(/\s+/g, '')) };
    return { k: 'other', span, parts: [] };
  }

  literal(ctx: apex.LiteralContext, span: Span): Expr {
    const raw = this.r.text(ctx);
    if (ctx.StringLiteral() || ctx.MultilineStringLiteral()) return { k: 'lit', span, type: 'string', value: this.r.intern(unquote(raw)) };
    if (ctx.IntegerLiteral()) return { k: 'lit', span, type: 'int', value: Number(raw) };
    if (ctx.LongLiteral()) return { k: 'lit', span, type: 'long', value: Number(raw.slice(0, -1)) };
    if (ctx.NumberLiteral()) return { k: 'lit', span, type: 'decimal', value: Number(raw.replace(/[dD]$/, '')) };
    if (ctx.BooleanLiteral()) return { k: 'lit', span, type: 'bool', value: raw.toLowerCase() === 'true' };
    return { k: 'lit', span, type: 'null', value: null };
  }

  private creator(ctx: apex.CreatorContext | null, span: Span): Expr {
    if (!ctx) return { k: 'other', span, parts: [] };
    const type = this.r.intern((ctx.createdName()?.idCreatedNamePair_list() ?? []).map((p) => this.r.name(this.r.text(p.anyId()))).join('.'));
    let args: Expr[] = [];
    let elements = false;
    const rest = ctx.classCreatorRest();
    if (rest) args = this.exprList(rest.arguments()?.expressionList());
    else {
      // Collection initialisers: keep their element expressions so calls inside them are seen.
      const restCtx = (ctx.arrayCreatorRest() ?? ctx.mapCreatorRest() ?? ctx.setCreatorRest()) as Ctx | null;
      if (restCtx) args = this.nestedExpressions(restCtx);
      // `new List<Id>{ a, b }`, `new Set<Id>{ id }`, `new Map<…>{ k => v }`: the elements are written out.
      elements = !!restCtx && args.length > 0 && (!ctx.arrayCreatorRest() || this.r.text(ctx.arrayCreatorRest()).includes('{'));
    }
    return { k: 'new', span, type, args, ...(elements ? { elements } : {}) };
  }

  /** Expressions directly below a non-expression node (collection initialisers). */
  private nestedExpressions(ctx: Ctx): Expr[] {
    const out: Expr[] = [];
    const stack: Ctx[] = [ctx];
    while (stack.length) {
      const node = stack.pop()!;
      for (const c of node.children ?? []) {
        if (c instanceof A.ExpressionContext) out.push(this.expr(c));
        else if (!isTerminal(c)) stack.push(c as Ctx);
      }
    }
    return out;
  }

  /** `:expr` bind expressions inside SOQL/SOSL. */
  private boundExpressions(ctx: Ctx): Expr[] {
    const out: Expr[] = [];
    const stack: Ctx[] = [ctx];
    while (stack.length) {
      const node = stack.pop()!;
      for (const c of node.children ?? []) {
        if (isTerminal(c)) continue;
        if (c instanceof A.BoundExpressionContext) {
          const e = (c as apex.BoundExpressionContext).expression();
          if (e) out.push(this.expr(e));
        } else stack.push(c as Ctx);
      }
    }
    return out;
  }
}

/** The value of an Apex string literal: quotes removed, escapes resolved. */
export function unquote(raw: string): string {
  let body: string;
  if (raw.startsWith("'''")) body = raw.slice(3, -3).replace(/^\r?\n/, '');
  else body = raw.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'u':
        return e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e;
      default:
        return e;
    }
  });
}
