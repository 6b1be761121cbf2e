/**
 * Types and members of a file, from parse tree to model. Each member body is
 * modelled on its own: one that nests too deeply becomes a `syntax-error`
 * problem and an empty body, and every other member is still analysed.
 */
import type { apex } from '../parse/antlr';
import type { ParseResult } from '../parse/parse';
import type { SourceText } from '../base/source';
import type { Annotation, FieldDecl, FileModel, LineSuppression, MethodDecl, ModelProblem, Param, Stmt, TypeDecl } from './ir';
import { CodeBuilder } from './buildCode';
import { A, MAX_NESTING, NestingTooDeep, SpanReader } from './spans';
import { mayHoldDirective, parseDirective } from './directive';

type Ctx = apex.ApexParserRuleContext;

class ModelBuilder {
  readonly types: TypeDecl[] = [];
  readonly problems: ModelProblem[] = [];
  private readonly code: CodeBuilder;

  constructor(private readonly r: SpanReader) {
    this.code = new CodeBuilder(r);
  }

  /** Runs `build`, turning a too-deep member into a problem instead of a crash. */
  private guarded<T>(fallback: T, build: () => T): T {
    try {
      return build();
    } catch (e) {
      if (e instanceof NestingTooDeep || e instanceof RangeError) {
        const span = e instanceof NestingTooDeep ? e.span : { start: 0, end: 0 };
        this.problems.push({
          kind: 'too-deep',
          message: `This code nests more than ${MAX_NESTING} levels deep; it is not analysed`,
          span: { start: span.start, end: Math.min(span.end, span.start + 1) },
        });
        return fallback;
      }
      throw e;
    }
  }

  modifiers(list: apex.ModifierContext[]): { modifiers: string[]; annotations: Annotation[] } {
    const modifiers: string[] = [];
    const annotations: Annotation[] = [];
    for (const m of list) {
      const ann = m.annotation();
      if (ann) annotations.push(this.annotation(ann));
      else modifiers.push(this.r.name(this.r.text(m).replace(/\s+/g, ' ')));
    }
    return { modifiers, annotations };
  }

  annotation(ctx: apex.AnnotationContext): Annotation {
    const a = ctx as unknown as { id?: () => Ctx | null; qualifiedName?: () => Ctx | null };
    const nameCtx = a.id?.() ?? a.qualifiedName?.() ?? null;
    const params: Annotation['params'] = [];
    const pairs = ctx.elementValuePairs();
    const valueOf = (v: apex.ElementValueContext | null) => {
      const lit = v?.literal();
      return lit ? this.code.literal(lit, this.r.span(lit)) : undefined;
    };
    if (pairs) {
      for (const p of pairs.elementValuePair_list()) {
        const value = valueOf(p.elementValue());
        params.push({ name: this.r.name(this.r.text(p.id())), ...(value ? { value } : {}) });
      }
    } else if (ctx.elementValue()) {
      const value = valueOf(ctx.elementValue());
      params.push({ name: 'value', ...(value ? { value } : {}) });
    }
    return { name: this.r.typeText(nameCtx), span: this.r.span(ctx), params };
  }

  params(ctx: apex.FormalParametersContext | null): Param[] {
    const list = ctx?.formalParameterList()?.formalParameter_list() ?? [];
    return list.map((p) => {
      const text = this.r.text(p.id());
      return { name: this.r.name(text), text, type: this.r.typeText(p.typeRef()), typeSource: this.r.intern(this.r.text(p.typeRef()).replace(/\s+/g, ' ')) };
    });
  }

  body(block: apex.BlockContext | null): Stmt | undefined {
    if (!block) return undefined;
    return this.guarded<Stmt>({ k: 'opaque', span: this.r.span(block) }, () => this.code.block(block));
  }

  typeDeclaration(mods: apex.ModifierContext[], decl: Ctx | null, outer: TypeDecl | undefined): void {
    if (!decl) return;
    const { modifiers, annotations } = this.modifiers(mods);
    const base = (kind: TypeDecl['kind'], idCtx: Ctx | null): TypeDecl => {
      const text = this.r.text(idCtx);
      const type: TypeDecl = {
        kind,
        name: this.r.name(text),
        text,
        qualifiedName: outer ? `${outer.qualifiedName}.${this.r.name(text)}` : this.r.name(text),
        span: this.r.span(decl),
        nameSpan: this.r.span(idCtx),
        headerEnd: this.r.span(idCtx).end,
        modifiers,
        annotations,
        implements: [],
        fields: [],
        methods: [],
      };
      if (outer) type.outer = outer.qualifiedName;
      this.types.push(type);
      return type;
    };
    if (decl instanceof A.ClassDeclarationContext) {
      const type = base('class', decl.id());
      const ext = decl.typeRef();
      if (ext) {
        type.extends = this.r.typeText(ext);
        type.headerEnd = this.r.span(ext).end;
      }
      const impl = decl.typeList();
      if (impl) {
        type.implements = impl.typeRef_list().map((t) => this.r.typeText(t));
        type.headerEnd = this.r.span(impl).end;
      }
      for (const member of decl.classBody()?.classBodyDeclaration_list() ?? []) this.classMember(member, type);
    } else if (decl instanceof A.InterfaceDeclarationContext) {
      const type = base('interface', decl.id());
      const ext = decl.typeList();
      if (ext) type.implements = ext.typeRef_list().map((t) => this.r.typeText(t));
      for (const m of decl.interfaceBody()?.interfaceMethodDeclaration_list() ?? []) {
        const { modifiers: mm, annotations: aa } = this.modifiers(m.modifier_list());
        const text = this.r.text(m.id());
        type.methods.push({
          kind: 'method',
          name: this.r.name(text),
          text,
          span: this.r.span(m),
          nameSpan: this.r.span(m.id()),
          modifiers: mm,
          annotations: aa,
          params: this.params(m.formalParameters()),
          returnType: m.typeRef() ? this.r.typeText(m.typeRef()) : 'void',
        });
      }
    } else if (decl instanceof A.EnumDeclarationContext) {
      base('enum', decl.id());
    }
  }

  classMember(ctx: apex.ClassBodyDeclarationContext, type: TypeDecl): void {
    const block = ctx.block();
    if (block) {
      const span = this.r.span(ctx);
      type.methods.push({
        kind: 'initializer',
        name: ctx.STATIC() ? '<clinit>' : '<init>',
        text: '',
        span,
        nameSpan: { start: span.start, end: span.start },
        modifiers: ctx.STATIC() ? ['static'] : [],
        annotations: [],
        params: [],
        returnType: 'void',
        ...this.optionalBody(block),
      });
      return;
    }
    const member = ctx.memberDeclaration();
    if (member) this.member(ctx.modifier_list(), member, type);
  }

  private optionalBody(block: apex.BlockContext | null): { body?: Stmt; bodyContext?: number[] } {
    const body = this.body(block);
    if (!body || !block) return body ? { body } : {};
    const bodyContext: number[] = [];
    for (let c: { invokingState: number; parentCtx?: unknown } | undefined = block; c; c = c.parentCtx as typeof c) bodyContext.push(c.invokingState);
    return { body, bodyContext };
  }

  member(mods: apex.ModifierContext[], member: Ctx, type: TypeDecl): void {
    const decl = member.getChild(0) as Ctx | null;
    if (!decl) return;
    if (decl instanceof A.ClassDeclarationContext || decl instanceof A.InterfaceDeclarationContext || decl instanceof A.EnumDeclarationContext) {
      this.typeDeclaration(mods, decl, type);
      return;
    }
    const { modifiers, annotations } = this.modifiers(mods);
    if (decl instanceof A.MethodDeclarationContext) {
      const text = this.r.text(decl.id());
      type.methods.push({
        kind: 'method',
        name: this.r.name(text),
        text,
        span: this.r.span(decl),
        nameSpan: this.r.span(decl.id()),
        modifiers,
        annotations,
        params: this.params(decl.formalParameters()),
        returnType: decl.typeRef() ? this.r.typeText(decl.typeRef()) : 'void',
        ...this.optionalBody(decl.block()),
      });
    } else if (decl instanceof A.ConstructorDeclarationContext) {
      const name = decl.qualifiedName();
      const text = this.r.text(name);
      type.methods.push({
        kind: 'constructor',
        name: this.r.name(text),
        text,
        span: this.r.span(decl),
        nameSpan: this.r.span(name),
        modifiers,
        annotations,
        params: this.params(decl.formalParameters()),
        returnType: type.name,
        ...this.optionalBody(decl.block()),
      });
    } else if (decl instanceof A.FieldDeclarationContext) {
      const fieldType = this.r.typeText(decl.typeRef());
      const decls = this.guarded([], () => this.code.declarators(decl.variableDeclarators()));
      for (const d of decls) type.fields.push(this.field(d, fieldType, modifiers));
    } else if (decl instanceof A.PropertyDeclarationContext) {
      const text = this.r.text(decl.id());
      const propType = this.r.typeText(decl.typeRef());
      type.fields.push({ name: this.r.name(text), text, type: propType, span: this.r.span(decl), modifiers });
      for (const pb of decl.propertyBlock_list()) {
        const accessor = pb.getter() ?? pb.setter();
        if (!accessor) continue;
        const isGet = !!pb.getter();
        const acc = accessor as apex.GetterContext | apex.SetterContext;
        type.methods.push({
          kind: isGet ? 'getter' : 'setter',
          name: this.r.name(text),
          text,
          span: this.r.span(pb),
          nameSpan: this.r.span(decl.id()),
          modifiers,
          annotations,
          params: isGet ? [] : [{ name: 'value', text: 'value', type: propType, typeSource: propType }],
          returnType: isGet ? propType : 'void',
          ...this.optionalBody(acc.block()),
        });
      }
    }
  }

  private field(
    d: { name: string; text: string; span: { start: number; end: number }; init?: import('./ir').Expr },
    type: string,
    modifiers: string[],
  ): FieldDecl {
    return { name: d.name, text: d.text, type, span: d.span, modifiers, ...(d.init ? { init: d.init } : {}) };
  }

  trigger(ctx: apex.TriggerUnitContext): void {
    const [nameCtx, objectCtx] = ctx.id_list();
    const text = this.r.text(nameCtx);
    const span = this.r.span(ctx);
    const type: TypeDecl = {
      kind: 'trigger',
      name: this.r.name(text),
      text,
      qualifiedName: this.r.name(text),
      span,
      nameSpan: this.r.span(nameCtx),
      headerEnd: this.r.span(ctx.RPAREN()).end,
      modifiers: [],
      annotations: [],
      implements: [],
      fields: [],
      methods: [],
      triggerObject: this.r.text(objectCtx).toLowerCase(),
      triggerEvents: ctx.triggerCase_list().map((c) => this.r.text(c).replace(/\s+/g, ' ').toLowerCase()),
    };
    this.types.push(type);
    const block = ctx.triggerBlock();
    const statements: Stmt[] = [];
    for (const m of block?.triggerBlockMember_list() ?? []) {
      const stmt = m.statement();
      if (stmt) {
        statements.push(this.guarded<Stmt>({ k: 'opaque', span: this.r.span(stmt) }, () => this.code.statement(stmt)));
      } else {
        const decl = m.triggerMemberDeclaration();
        if (decl) this.member(m.modifier_list(), decl, type);
      }
    }
    const body: MethodDecl = {
      kind: 'trigger',
      name: type.name,
      text,
      span,
      nameSpan: type.nameSpan,
      modifiers: [],
      annotations: [],
      params: [],
      returnType: 'void',
      body: { k: 'block', span: this.r.span(block), body: statements },
    };
    type.methods.unshift(body);
  }
}

function lineSuppressions(result: ParseResult, source: SourceText): LineSuppression[] {
  const out: LineSuppression[] = [];
  // Most files have no such comment: one search of the text spares a look at every token.
  if (!mayHoldDirective(source.text)) return out;
  for (const t of result.tokens) {
    if (t.channel !== A.ApexLexer.COMMENT_CHANNEL) continue;
    const directive = parseDirective(t.text ?? '');
    if (!directive) continue;
    const endLine = source.positionAt(source.unitOffset(t.stop + 1)).line;
    const startLine = source.positionAt(source.unitOffset(t.start)).line;
    out.push({ line: directive.scope === 'line' ? startLine : endLine + 1, at: source.unitOffset(t.start), rules: directive.rules });
  }
  return out;
}

export function buildModel(result: ParseResult, source: SourceText): FileModel {
  const r = new SpanReader(source);
  const builder = new ModelBuilder(r);
  const tree = result.tree;
  if (tree instanceof A.TriggerUnitContext) builder.trigger(tree);
  else if (tree instanceof A.CompilationUnitContext) {
    const td = tree.typeDeclaration();
    if (td) {
      const decl = (td.classDeclaration() ?? td.interfaceDeclaration() ?? td.enumDeclaration()) as Ctx | null;
      builder.typeDeclaration(td.modifier_list(), decl, undefined);
    }
  }
  return { kind: result.kind, types: builder.types, problems: builder.problems, lineSuppressions: lineSuppressions(result, source) };
}

/** The statements of one member body parsed on its own (see parseBlock), with what could not be modelled. */
export function buildBody(block: apex.BlockContext, source: SourceText): { body: Stmt | undefined; problems: ModelProblem[] } {
  const builder = new ModelBuilder(new SpanReader(source));
  const body = builder.body(block);
  return { body, problems: builder.problems };
}

/** Line suppressions found in a token list (all of a file's, or one body's). */
export function suppressionsIn(tokens: apex.ApexToken[], source: SourceText): LineSuppression[] {
  return lineSuppressions({ kind: 'class', tokens, problems: [] }, source);
}
