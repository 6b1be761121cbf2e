/**
 * The token-level view of one Apex file that demand-driven parsing works
 * from: its types (with what they extend and implement) and, per member
 * (method, constructor, property, initializer, trigger body), the names it
 * calls, the names it uses as `Name.` qualifiers and every identifier it
 * mentions. One pass over the characters, no parse: comments and string
 * literals are skipped (a URL `'http://…'` in a string is not a mention of
 * `Http`), braces are tracked to tell member bodies from type bodies.
 *
 * Names are lower-cased (Apex is case-insensitive). A constructor is named
 * after its class, and `new X(…)` counts as a call of `x`, so constructors
 * are found by the same name match as methods.
 */
import type { SourceFile } from '../base/contracts';
import { FNV_OFFSET, FNV_PRIME, NameTable } from './name-table';

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

const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum', 'trigger']);
const DECLARATION_END = new Set(['=', ';', ',', ')', ':']);
/** Words that stand before a name without declaring it (`return x;`, `insert acc;`, SOQL). */
const NOT_A_TYPE = new Set([
  'return',
  'throw',
  'new',
  'else',
  'when',
  'in',
  'instanceof',
  'insert',
  'update',
  'upsert',
  'delete',
  'undelete',
  'merge',
  'static',
  'final',
  'public',
  'private',
  'protected',
  'global',
  'virtual',
  'abstract',
  'override',
  'transient',
  'webservice',
  'testmethod',
  'with',
  'without',
  'inherited',
  'sharing',
  'class',
  'interface',
  'enum',
  'extends',
  'implements',
  'trigger',
  'on',
  'void',
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'like',
  'includes',
  'excludes',
  'by',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
  'as',
  'using',
  'scope',
  'typeof',
  'end',
  'then',
  'group',
  'order',
  'having',
  'find',
  'returning',
  'all',
  'rows',
  'for',
  'if',
  'while',
  'do',
  'try',
  'catch',
  'finally',
  'switch',
  'break',
  'continue',
  'get',
  'set',
  'this',
  'super',
  'null',
  'true',
  'false',
]);

interface Header {
  idents: string[];
  /** Parameters declared in the header's parentheses. */
  params: [string, string][];
  /** The type before the member name (`''` for a constructor). */
  returns?: string;
  /** Commas between the parameters, and whether any parameter was seen. */
  commas: number;
  anyParam: boolean;
  annotations: string[];
  /** The identifier just before the first top-level `(` (the member name). */
  name?: string;
  equals: boolean;
  typeKeyword?: string;
  typeName?: string;
  supertypes: string[];
  /** Collecting supertypes: after `extends` / `implements`. */
  inSupers: boolean;
  angle: number;
  paren: number;
}

type Frame = { k: 'type'; type: TypeTokens } | { k: 'member'; member: MemberTokens } | { k: 'block' } | { k: 'classInit' };

function newHeader(): Header {
  return { idents: [], params: [], commas: 0, anyParam: false, annotations: [], equals: false, supertypes: [], inSupers: false, angle: 0, paren: 0 };
}

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);

const names = new NameTable();

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** The file's base name without extension, lower-cased. */
export function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(cls|trigger)$/i, '').toLowerCase();
}

export function scanFile(file: SourceFile): FileTokens {
  const text = file.text;
  const special = !!file.unreadable || text.trim() === '' || text.includes('\u0000');
  const out: FileTokens = {
    types: [],
    members: [],
    classIdents: new Set(),
    classQualifiers: new Set(),
    variables: new Set(),
    fields: new Map(),
    declared: [baseName(file.path)],
    special,
    balanced: true,
  };
  const stack: Frame[] = [];
  let header = newHeader();
  let member: MemberTokens | undefined; // the innermost enclosing member, if any
  let classLevel = false; // inside a field initializer's braces at type level
  let prev = ''; // previous identifier awaiting its follower
  let prevAt = false; // previous token was `@`
  let afterAt = false; // `prev` is an annotation name
  let last = ''; // the previous token: 'id' or the punctuation character
  let lastIdent = '';
  let dotQual = ''; // what stood before the last `.`: an identifier (`.name` when it was itself after a `.`), or '*' for an expression
  let lastDotted = false; // lastIdent followed a `.` (not `this.` or `super.`)
  let prevQual = ''; // the qualifier of `prev`, if it followed a `.`
  let prevBefore = ''; // the token before `prev`
  let prevBeforeIdent = ''; // the identifier before `prev`, when prevBefore is 'id'
  const generics: { base: string; args: string[]; cur: string }[] = []; // per open `<`: the type it follows, its arguments so far
  let closedGeneric = '?'; // the type the last `>` closed, encoded (see FileTokens.fields)
  let arrayElement = '?'; // the type before the last `[`
  let declType = ''; // the type of the declaration being read, for `Type a = 1, b;`
  let declParen = 0;
  let paren = 0; // parentheses open in the current statement
  let pendingRef = -1; // the call whose `(` comes next
  /** Per open `(`: the call it belongs to (or -1), the commas between its arguments, whether any was seen, whether a `<` or `{` makes the count unsure. */
  const callStack: { ref: number; commas: number; any: boolean; unsure: boolean }[] = [];
  let closedRef = -1; // the call whose `)` was the last one

  const typeFrame = (): TypeTokens | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.k === 'type') return f.type;
    }
    return undefined;
  };
  const recomputeMember = () => {
    member = undefined;
    classLevel = false;
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.k === 'member') {
        member = f.member;
        return;
      }
      if (f.k === 'classInit') classLevel = true;
      if (f.k === 'type') return;
    }
  };
  /** An identifier is complete: record it with what follows it (`(`, `.` or anything else). */
  const flush = (next: string) => {
    if (!prev) return;
    const id = prev;
    prev = '';
    const annotation = afterAt;
    afterAt = false;
    let declared: string | undefined;
    const property = next === '{' && !member && !classLevel && header.paren === 0 && !header.typeKeyword;
    if ((prevBefore === 'id' || prevBefore === '>' || prevBefore === ']') && (DECLARATION_END.has(next) || property)) {
      out.variables.add(id);
      if (prevBefore === 'id') declared = NOT_A_TYPE.has(prevBeforeIdent) ? undefined : prevBeforeIdent;
      else if (prevBefore === ']') declared = `[]${arrayElement}`;
      else declared = closedGeneric;
    } else if (prevBefore === ',' && declType && paren === declParen && DECLARATION_END.has(next)) declared = declType;
    if (declared !== undefined) {
      if (next === '=' || next === ',') {
        declType = declared;
        declParen = paren;
      }
      if (member) addTo(member.decls, id, declared);
      else if (!classLevel && header.paren > 0) header.params.push([id, declared]);
      else if (!classLevel) {
        const type = typeFrame();
        if (type) {
          let f = out.fields.get(type.name);
          if (!f) out.fields.set(type.name, (f = new Map()));
          addTo(f, id, declared);
        }
      }
    }
    if (member) {
      member.idents.add(id);
      if (next === '(') {
        member.calls.add(id);
        pendingRef = member.refs.length;
        member.refs.push({ name: id, q: prevQual, args: -1 });
      } else if (next === '.') member.qualifiers.add(id);
      return;
    }
    if (classLevel) {
      out.classIdents.add(id);
      if (next === '.') out.classQualifiers.add(id);
      return;
    }
    // A header at type level or at the top.
    if (annotation) {
      header.annotations.push(id);
      return;
    }
    out.classIdents.add(id);
    if (next === '.') out.classQualifiers.add(id);
    header.idents.push(id);
    if (TYPE_KEYWORDS.has(id) && !header.typeKeyword && header.paren === 0) {
      header.typeKeyword = id;
      return;
    }
    if (header.typeKeyword && !header.typeName) {
      header.typeName = id;
      return;
    }
    if (id === 'extends' || id === 'implements') {
      header.inSupers = true;
      header.supertypes.push('');
      return;
    }
    if (header.inSupers && header.angle === 0) {
      const last = header.supertypes.length - 1;
      header.supertypes[last] = header.supertypes[last] ? `${header.supertypes[last]}.${id}` : id;
    }
    if (next === '(' && header.paren === 0 && header.name === undefined) {
      header.name = id;
      // the parameters start here (an annotation's own parentheses came before)
      header.commas = 0;
      header.anyParam = false;
      if (prevBefore === 'id') header.returns = prevBeforeIdent === 'void' ? 'void' : NOT_A_TYPE.has(prevBeforeIdent) ? '' : prevBeforeIdent;
      else if (prevBefore === '>') header.returns = closedGeneric;
      else header.returns = prevBefore === ']' ? `[]${arrayElement}` : '';
    }
  };

  const open = () => {
    if (member || classLevel) {
      stack.push({ k: 'block' });
      return;
    }
    const outer = typeFrame();
    if (header.typeKeyword && header.typeName) {
      const kind = header.typeKeyword as TypeTokens['kind'];
      const name = outer ? `${outer.name}.${header.typeName}` : header.typeName;
      const type: TypeTokens = { name, kind, supertypes: header.supertypes.filter((s) => s).map((s) => s.replace(/^system\./, '')) };
      out.types.push(type);
      out.declared.push(header.typeName, name);
      stack.push({ k: 'type', type });
      if (kind === 'trigger') {
        const body: MemberTokens = {
          name: '<trigger>',
          type: name,
          calls: new Set(),
          qualifiers: new Set(),
          idents: new Set(header.idents),
          decls: new Map(),
          refs: [],
          params: -1,
          bodyStart: i - 1,
          bodyEnd: -1,
          returns: 'void',
          future: false,
        };
        out.members.push(body);
        stack.push({ k: 'member', member: body });
      }
    } else if (outer && !header.equals) {
      const simple = outer.name.split('.').pop()!;
      const name = header.name ?? (header.idents.length ? '<init>' : simple);
      const m: MemberTokens = {
        name,
        type: outer.name,
        calls: new Set(),
        qualifiers: new Set(),
        idents: new Set(header.idents),
        decls: new Map(),
        refs: [],
        params: header.name === undefined ? -1 : header.anyParam ? header.commas + 1 : 0,
        bodyStart: i - 1,
        bodyEnd: -1,
        returns: header.name === undefined ? '?' : header.returns || outer.name.split('.').pop()!,
        future: header.annotations.includes('future'),
      };
      for (const [name, type] of header.params) addTo(m.decls, name, type);
      out.members.push(m);
      stack.push({ k: 'member', member: m });
    } else {
      stack.push({ k: 'classInit' });
    }
    header = newHeader();
    recomputeMember();
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === 39 /* ' */) {
      flush("'");
      if (callStack.length > 0) callStack[callStack.length - 1].any = true;
      last = "'";
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 39 || d === 10) {
          i++;
          break;
        } else i++;
      }
      prevAt = false;
      continue;
    }
    if (isIdentStart(c)) {
      // The name's hash, lower-cased, as it is read: the table hands back the one string of that spelling.
      let j = i;
      let hash = FNV_OFFSET;
      while (j < n) {
        let d = text.charCodeAt(j);
        if (!isIdentPart(d)) break;
        if (d <= 90 && d >= 65) d += 32;
        hash = Math.imul(hash ^ d, FNV_PRIME);
        j++;
      }
      flush('id');
      if (callStack.length > 0) callStack[callStack.length - 1].any = true;
      if (header.paren === 1) header.anyParam = true;
      prev = names.lowerCased(text, i, j, hash);
      prevQual = last === '.' ? dotQual : last === 'id' && lastIdent === 'new' ? 'new' : '';
      if (prevQual === 'this' || prevQual === 'super') prevQual = '';
      const dotted = last === '.' && prevQual !== '';
      prevBeforeIdent = last === 'id' ? lastIdent : '';
      prevBefore = last;
      last = 'id';
      lastIdent = prev;
      lastDotted = dotted;
      if (generics.length > 0) generics[generics.length - 1].cur = prev;
      afterAt = prevAt;
      prevAt = false;
      i = j;
      continue;
    }
    const ch = text[i];
    flush(ch);
    if (ch === '.') dotQual = last === 'id' ? (lastDotted ? `.${lastIdent}` : lastIdent) : last === ')' && closedRef >= 0 ? `()${closedRef}` : '*';
    else if (ch === '<') generics.push({ base: last === 'id' ? lastIdent : '', args: [], cur: '?' });
    else if (ch === '>') {
      const g = generics.pop();
      let type = '?';
      if (g) {
        g.args.push(g.cur);
        if (g.base === 'list' || g.base === 'set') type = `[]${g.args[0]}`;
        else if (g.base === 'map') type = `[]${g.args[1] ?? '?'}`;
      }
      const outer = generics[generics.length - 1];
      if (outer) outer.cur = type;
      else closedGeneric = type;
    } else if (ch === ',' && generics.length > 0) {
      const g = generics[generics.length - 1];
      g.args.push(g.cur);
      g.cur = '?';
    } else if (ch === '[') arrayElement = last === 'id' ? lastIdent : last === '>' ? closedGeneric : '?';
    const args = callStack[callStack.length - 1];
    if (args && ch !== ')') {
      args.any = true;
      if (ch === ',') args.commas++;
      else if (ch === '<' || ch === '{') args.unsure = true;
    }
    if (ch === '(') {
      callStack.push({ ref: pendingRef, commas: 0, any: false, unsure: false });
      pendingRef = -1;
    } else if (ch === ')') {
      const closed = callStack.pop();
      closedRef = closed?.ref ?? -1;
      if (closed && closed.ref >= 0 && member && !closed.unsure) member.refs[closed.ref].args = closed.any ? closed.commas + 1 : 0;
    }
    if (ch === '(') paren++;
    else if (ch === ')') paren--;
    else if (ch === '[') declType = '';
    else if (ch === ';' || ch === '{' || ch === '}') {
      // A statement ends (or an initializer opens): what is still open is forgotten, so that
      // unbalanced parentheses in broken code leave a receiver unknown rather than wrong.
      callStack.length = 0;
      generics.length = 0;
      declType = '';
      paren = 0;
    }
    last = ch;
    prevAt = ch === '@';
    i++;
    if (member || classLevel) {
      if (ch === '{') open();
      else if (ch === '}') {
        const frame = stack.pop();
        if (!frame) out.balanced = false;
        if (frame?.k === 'member') frame.member.bodyEnd = i;
        recomputeMember();
      }
      continue;
    }
    switch (ch) {
      case '{':
        open();
        break;
      case '}': {
        const frame = stack.pop();
        if (!frame) out.balanced = false;
        if (frame?.k === 'member') frame.member.bodyEnd = i;
        recomputeMember();
        header = newHeader();
        break;
      }
      case ';':
        header = newHeader();
        break;
      case '=':
        if (header.paren === 0) header.equals = true;
        break;
      case '(':
        header.paren++;
        break;
      case ')':
        header.paren--;
        break;
      case '<':
        header.angle++;
        break;
      case '>':
        header.angle--;
        break;
      case ',':
        if (header.inSupers && header.angle === 0) header.supertypes.push('');
        if (header.paren === 1 && header.angle === 0) header.commas++;
        break;
    }
  }
  flush('');
  if (stack.length > 0) out.balanced = false;
  return out;
}
