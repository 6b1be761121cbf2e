/**
 * The per-file model: a small, plain-data summary of one Apex file, built in
 * one walk over the parse tree. Plain data so that it can cross a worker
 * boundary, be cached, and be indexed across the workspace. Names that Apex
 * treats case-insensitively are stored lower-cased (`name`), with the source
 * spelling kept where messages or fixes need it (`text`).
 */

/** UTF-16 offsets into the file, [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type Expr =
  | { k: 'lit'; span: Span; type: 'string' | 'int' | 'long' | 'decimal' | 'bool' | 'null'; value: string | number | boolean | null }
  | { k: 'name'; span: Span; name: string; text: string }
  | { k: 'this'; span: Span }
  | { k: 'super'; span: Span }
  | { k: 'field'; span: Span; target: Expr; name: string; text: string }
  | { k: 'call'; span: Span; target?: Expr; name: string; text: string; args: Expr[]; nameSpan: Span }
  | { k: 'new'; span: Span; type: string; args: Expr[]; /** A collection written with its elements (`new List<Id>{ id }`): never empty. */ elements?: boolean }
  | { k: 'binary'; span: Span; op: string; left: Expr; right: Expr }
  | { k: 'unary'; span: Span; op: string; operand: Expr }
  | { k: 'assign'; span: Span; op: string; target: Expr; value: Expr }
  | { k: 'cond'; span: Span; test: Expr; then: Expr; else: Expr }
  | { k: 'cast'; span: Span; type: string; expr: Expr }
  | { k: 'index'; span: Span; target: Expr; index: Expr }
  | { k: 'instanceof'; span: Span; expr: Expr; type: string }
  | { k: 'other'; span: Span; parts: Expr[]; /** A class literal (`Accounts.class`): the class it names, as written and lower-cased. */ classOf?: string };

export interface VarDecl {
  name: string;
  text: string;
  span: Span;
  init?: Expr;
}

export interface CatchClause {
  span: Span;
  /** Lower-cased exception type, e.g. `calloutexception` or `system.calloutexception`. */
  type: string;
  name: string;
  body: Stmt;
}

export type LoopKind = 'for' | 'foreach' | 'while' | 'do';

export type Stmt =
  | { k: 'block'; span: Span; body: Stmt[] }
  | { k: 'local'; span: Span; type: string; decls: VarDecl[] }
  | { k: 'expr'; span: Span; expr: Expr }
  | { k: 'if'; span: Span; cond: Expr; then: Stmt; else?: Stmt }
  | {
      k: 'loop';
      span: Span;
      kind: LoopKind;
      /** The loop's head: keyword through the closing parenthesis of its control. */
      head: Span;
      init: Stmt[];
      cond?: Expr;
      update: Expr[];
      /** for-each loop variable and collection */
      variable?: VarDecl & { type: string };
      iterable?: Expr;
      body: Stmt;
    }
  | { k: 'try'; span: Span; body: Stmt; catches: CatchClause[]; finally?: Stmt }
  | { k: 'return'; span: Span; expr?: Expr }
  | { k: 'throw'; span: Span; expr: Expr }
  | { k: 'break'; span: Span }
  | { k: 'continue'; span: Span }
  | { k: 'dml'; span: Span; op: string; expr: Expr; keyword: Span }
  | {
      k: 'switch';
      span: Span;
      expr: Expr;
      whens: Stmt[];
      /** Whether a `when else` catches every other value. */
      hasElse: boolean;
      /** Per `when`, the values it matches as keys (`s:text`, `n:42`, `e:rest`); undefined for `when else` and type patterns. */
      whenValues: (string[] | undefined)[];
    }
  | { k: 'runAs'; span: Span; args: Expr[]; body: Stmt }
  /** A statement that nests too deeply to model; analysis treats it as unknown. */
  | { k: 'opaque'; span: Span };

export interface AnnotationParam {
  name: string;
  value?: Expr;
}

export interface Annotation {
  /** Lower-cased, e.g. `future`, `auraenabled`, `suppresswarnings`. */
  name: string;
  span: Span;
  params: AnnotationParam[];
}

export interface Param {
  name: string;
  text: string;
  type: string;
  /** The type as written, for generated code: `List<Order>`. */
  typeSource: string;
}

export type MethodKind = 'method' | 'constructor' | 'initializer' | 'trigger' | 'getter' | 'setter';

export interface MethodDecl {
  kind: MethodKind;
  name: string;
  text: string;
  span: Span;
  nameSpan: Span;
  modifiers: string[];
  annotations: Annotation[];
  params: Param[];
  returnType: string;
  body?: Stmt;
  /**
   * The parser's rule stack where the body starts (invoking states, body
   * first): re-parsing the body alone with it recovers from errors exactly
   * as a parse of the whole file does.
   */
  bodyContext?: number[];
}

export interface FieldDecl {
  name: string;
  text: string;
  type: string;
  span: Span;
  modifiers: string[];
  init?: Expr;
}

export type TypeKind = 'class' | 'interface' | 'enum' | 'trigger';

export interface TypeDecl {
  kind: TypeKind;
  name: string;
  text: string;
  /** Lower-cased dotted name, `outer.inner` for inner classes. */
  qualifiedName: string;
  outer?: string;
  span: Span;
  nameSpan: Span;
  /** Where `implements …` ends (or would go): used by fixes that add an interface. */
  headerEnd: number;
  modifiers: string[];
  annotations: Annotation[];
  extends?: string;
  implements: string[];
  fields: FieldDecl[];
  methods: MethodDecl[];
  /** Trigger only: the sObject and the events, e.g. `after insert`. */
  triggerObject?: string;
  triggerEvents?: string[];
}

/**
 * Why part of a file could not be analysed. `syntax` and the input kinds
 * (`empty`, `binary`, `unreadable`) and `too-deep` are reported as
 * `syntax-error`; `timeout` and `internal` are our failures, reported as
 * `analysis-incomplete`. Callers branch on this, never on the message.
 */
export type ProblemKind = 'syntax' | 'too-deep' | 'empty' | 'binary' | 'unreadable' | 'timeout' | 'internal';

export interface ModelProblem {
  kind: ProblemKind;
  message: string;
  span: Span;
}

export interface LineSuppression {
  /** 1-based line the comment applies to (the line after the comment). */
  line: number;
  /** UTF-16 offset of the comment. */
  at: number;
  /** Lower-cased rule ids; empty means every rule. */
  rules: string[];
}

export interface FileModel {
  kind: 'class' | 'trigger';
  types: TypeDecl[];
  /** Syntax errors and parts that could not be analysed, reported as `syntax-error`. */
  problems: ModelProblem[];
  lineSuppressions: LineSuppression[];
}
