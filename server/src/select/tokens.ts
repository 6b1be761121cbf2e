/**
 * What the token scan (scan.ts) reads of an Apex file: its types and, per
 * member, the names it calls, qualifies, declares and mentions. Names are
 * lower-cased (Apex is case-insensitive).
 */

export interface MemberTokens {
  /** Lower-cased method name; the class name for constructors; `<init>` for initializers and properties without a name; `<trigger>` for a trigger body. */
  name: string;
  /** Lower-cased qualified name of the declaring type. */
  type: string;
  /** Identifiers followed by `(`: methods called, constructors run. */
  calls: Set<string>;
  /** Local variables and parameters with the types they are declared with (see FileTokens.fields). */
  decls: Map<string, Set<string>>;
  /**
   * The calls in order, each with its number of arguments (-1 when not read
   * with certainty) and what it was called on: the identifier (`Repo.save(`
   * → repo; `.name` when that was itself after a `.`: `w.items.add(` →
   * `.items`), `''` when unqualified (`save(`, `this.save(`, `super.save(`),
   * `'*'` on an expression (`(x).save(`), `'()N'` on the result of call N
   * (`get().save(`), `'new'` for a constructor (`new Repo(`).
   */
  refs: { name: string; q: string; args: number }[];
  /** The number of parameters (-1 when not a method or constructor). */
  params: number;
  /** UTF-16 offsets of the body: its `{` and just after its `}` (end -1 while unclosed). */
  bodyStart: number;
  bodyEnd: number;
  /** The declared return type (as in FileTokens.fields; a constructor's is its class, `void` for none, `?` when unknown). */
  returns: string;
  /** Identifiers followed by `.`: classes named for their constants, fields or static methods. */
  qualifiers: Set<string>;
  /** Every identifier of the header and the body. */
  idents: Set<string>;
  /** Annotated `@future`. */
  future: boolean;
}

export interface TypeTokens {
  /** Lower-cased qualified name (`outer.inner`). */
  name: string;
  kind: 'class' | 'interface' | 'enum' | 'trigger';
  /** Lower-cased names after `extends` / `implements`, generics dropped (`database.batchable`). */
  supertypes: string[];
}

export interface FileTokens {
  types: TypeTokens[];
  members: MemberTokens[];
  /** Identifiers and qualifiers outside member bodies: field types and initializers (constants). */
  classIdents: Set<string>;
  classQualifiers: Set<string>;
  /** Identifiers in a declaration's place (`Type name =`, `(Type name)`): variables, parameters, fields. */
  variables: Set<string>;
  /**
   * Per type (qualified name), its fields with the types they are declared
   * with: a simple lower-cased type name; `[]` and the element type for a
   * list, set or array (`[]account`), `[]` and the value type for a map
   * (`Map<Id, List<Foo>>` → `[][]foo`); `'?'` for a generic type of another
   * kind (`Iterable<Foo>`) or what could not be read.
   */
  fields: Map<string, Map<string, Set<string>>>;
  /** Names a reference can use for the file's types: the file name, simple and qualified type names. */
  declared: string[];
  /** Empty, unreadable or binary: reported without a parse. */
  special: boolean;
  /** Every brace closed where it should be (no `}` too many, none left open): the member bodies' offsets can be trusted. */
  balanced: boolean;
}
