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
 *
 * The scanner reads in order: a comment or a string is skipped
 * (skipString), an identifier is read whole (readIdentifier) and recorded
 * once the token after it is known (flush: a call before `(`, a qualifier
 * before `.`, a declaration before `=` or `;`), and each punctuation
 * character (punctuation) updates what is open: generics, calls and their
 * arguments, braces (a type, a member body, a block), and the declaration
 * header being read at type level (header.ts).
 */
import type { SourceFile } from '../base/contracts';
import { NOT_A_TYPE } from '../base/apex-words';
import { headerIdent, headerPunctuation, memberOf, newHeader, triggerBody, typeOf, type Header } from './header';
import { FNV_OFFSET, FNV_PRIME, NameTable } from './name-table';
import type { FileTokens, MemberTokens, TypeTokens } from './tokens';

export type { FileTokens, MemberTokens, TypeTokens } from './tokens';

const DECLARATION_END = new Set(['=', ';', ',', ')', ':']);

type Frame = { k: 'type'; type: TypeTokens } | { k: 'member'; member: MemberTokens } | { k: 'block' } | { k: 'classInit' };

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
  return new Scanner(file).scan();
}

class Scanner {
  private readonly text: string;
  private readonly out: FileTokens;
  private readonly stack: Frame[] = [];
  private header: Header = newHeader();
  /** The innermost enclosing member, if any. */
  private member: MemberTokens | undefined;
  /** Inside a field initializer's braces at type level. */
  private classLevel = false;
  /** The previous identifier, awaiting its follower. */
  private prev = '';
  /** The previous token was `@`. */
  private prevAt = false;
  /** `prev` is an annotation name. */
  private afterAt = false;
  /** The previous token: 'id' or the punctuation character. */
  private last = '';
  private lastIdent = '';
  /** What stood before the last `.`: an identifier (`.name` when it was itself after a `.`), or '*' for an expression. */
  private dotQual = '';
  /** lastIdent followed a `.` (not `this.` or `super.`). */
  private lastDotted = false;
  /** The qualifier of `prev`, if it followed a `.`. */
  private prevQual = '';
  /** The token before `prev`. */
  private prevBefore = '';
  /** The identifier before `prev`, when prevBefore is 'id'. */
  private prevBeforeIdent = '';
  /** Per open `<`: the type it follows, its arguments so far. */
  private readonly generics: { base: string; args: string[]; cur: string }[] = [];
  /** The type the last `>` closed, encoded (see FileTokens.fields). */
  private closedGeneric = '?';
  /** The type before the last `[`. */
  private arrayElement = '?';
  /** The type of the declaration being read, for `Type a = 1, b;`. */
  private declType = '';
  private declParen = 0;
  /** Parentheses open in the current statement. */
  private paren = 0;
  /** The call whose `(` comes next. */
  private pendingRef = -1;
  /** Per open `(`: the call it belongs to (or -1), the commas between its arguments, whether any was seen, whether a `<` or `{` makes the count unsure. */
  private readonly callStack: { ref: number; commas: number; any: boolean; unsure: boolean }[] = [];
  /** The call whose `)` was the last one. */
  private closedRef = -1;

  constructor(file: SourceFile) {
    this.text = file.text;
    this.out = {
      types: [],
      members: [],
      classIdents: new Set(),
      classQualifiers: new Set(),
      variables: new Set(),
      fields: new Map(),
      declared: [baseName(file.path)],
      special: !!file.unreadable || this.text.trim() === '' || this.text.includes('\u0000'),
      balanced: true,
    };
  }

  scan(): FileTokens {
    const text = this.text;
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
      if (c === 39 /* ' */) i = this.skipString(i);
      else if (isIdentStart(c)) i = this.readIdentifier(i);
      else {
        this.punctuation(text[i], i + 1);
        i++;
      }
    }
    this.flush('');
    if (this.stack.length > 0) this.out.balanced = false;
    return this.out;
  }

  /** A string literal opening at `start`: skipped to its closing quote (or the line's end). Returns where the scan goes on. */
  private skipString(start: number): number {
    const text = this.text;
    const n = text.length;
    this.flush("'");
    if (this.callStack.length > 0) this.callStack[this.callStack.length - 1].any = true;
    this.last = "'";
    let i = start + 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 92 /* \ */) i += 2;
      else if (d === 39 || d === 10) {
        i++;
        break;
      } else i++;
    }
    this.prevAt = false;
    return i;
  }

  /** An identifier starting at `start`: becomes `prev`, with what stood before it. Returns its end. */
  private readIdentifier(start: number): number {
    const text = this.text;
    const n = text.length;
    // The name's hash, lower-cased, as it is read: the table hands back the one string of that spelling.
    let j = start;
    let hash = FNV_OFFSET;
    while (j < n) {
      let d = text.charCodeAt(j);
      if (!isIdentPart(d)) break;
      if (d <= 90 && d >= 65) d += 32;
      hash = Math.imul(hash ^ d, FNV_PRIME);
      j++;
    }
    this.flush('id');
    if (this.callStack.length > 0) this.callStack[this.callStack.length - 1].any = true;
    if (this.header.paren === 1) this.header.anyParam = true;
    const id = names.lowerCased(text, start, j, hash);
    this.prev = id;
    const last = this.last;
    let prevQual = last === '.' ? this.dotQual : last === 'id' && this.lastIdent === 'new' ? 'new' : '';
    if (prevQual === 'this' || prevQual === 'super') prevQual = '';
    this.prevQual = prevQual;
    const dotted = last === '.' && prevQual !== '';
    this.prevBeforeIdent = last === 'id' ? this.lastIdent : '';
    this.prevBefore = last;
    this.last = 'id';
    this.lastIdent = id;
    this.lastDotted = dotted;
    if (this.generics.length > 0) this.generics[this.generics.length - 1].cur = id;
    this.afterAt = this.prevAt;
    this.prevAt = false;
    return j;
  }

  /** A punctuation character; `after` is its offset + 1. */
  private punctuation(ch: string, after: number): void {
    this.flush(ch);
    this.trackTypes(ch);
    this.trackCalls(ch);
    if (ch === '(') this.paren++;
    else if (ch === ')') this.paren--;
    else if (ch === '[') this.declType = '';
    else if (ch === ';' || ch === '{' || ch === '}') {
      // A statement ends (or an initializer opens): what is still open is forgotten, so that
      // unbalanced parentheses in broken code leave a receiver unknown rather than wrong.
      this.callStack.length = 0;
      this.generics.length = 0;
      this.declType = '';
      this.paren = 0;
    }
    this.last = ch;
    this.prevAt = ch === '@';
    if (ch === '{') this.open(after);
    else if (ch === '}') this.close(after);
    else if (!this.member && !this.classLevel && headerPunctuation(this.header, ch)) this.header = newHeader();
  }

  /** Qualifiers before `.`, generics' arguments, array element types: what a declaration or a receiver is. */
  private trackTypes(ch: string): void {
    const last = this.last;
    if (ch === '.')
      this.dotQual =
        last === 'id' ? (this.lastDotted ? `.${this.lastIdent}` : this.lastIdent) : last === ')' && this.closedRef >= 0 ? `()${this.closedRef}` : '*';
    else if (ch === '<') this.generics.push({ base: last === 'id' ? this.lastIdent : '', args: [], cur: '?' });
    else if (ch === '>') {
      const g = this.generics.pop();
      let type = '?';
      if (g) {
        g.args.push(g.cur);
        if (g.base === 'list' || g.base === 'set') type = `[]${g.args[0]}`;
        else if (g.base === 'map') type = `[]${g.args[1] ?? '?'}`;
      }
      const outer = this.generics[this.generics.length - 1];
      if (outer) outer.cur = type;
      else this.closedGeneric = type;
    } else if (ch === ',' && this.generics.length > 0) {
      const g = this.generics[this.generics.length - 1];
      g.args.push(g.cur);
      g.cur = '?';
    } else if (ch === '[') this.arrayElement = last === 'id' ? this.lastIdent : last === '>' ? this.closedGeneric : '?';
  }

  /** Calls' parentheses and the number of their arguments. */
  private trackCalls(ch: string): void {
    const callStack = this.callStack;
    const args = callStack[callStack.length - 1];
    if (args && ch !== ')') {
      args.any = true;
      if (ch === ',') args.commas++;
      else if (ch === '<' || ch === '{') args.unsure = true;
    }
    if (ch === '(') {
      callStack.push({ ref: this.pendingRef, commas: 0, any: false, unsure: false });
      this.pendingRef = -1;
    } else if (ch === ')') {
      const closed = callStack.pop();
      this.closedRef = closed?.ref ?? -1;
      if (closed && closed.ref >= 0 && this.member && !closed.unsure) this.member.refs[closed.ref].args = closed.any ? closed.commas + 1 : 0;
    }
  }

  private typeFrame(): TypeTokens | undefined {
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.k === 'type') return f.type;
    }
    return undefined;
  }

  private recomputeMember(): void {
    const stack = this.stack;
    this.member = undefined;
    this.classLevel = false;
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f.k === 'member') {
        this.member = f.member;
        return;
      }
      if (f.k === 'classInit') this.classLevel = true;
      if (f.k === 'type') return;
    }
  }

  /** An identifier is complete: record it with what follows it (`(`, `.` or anything else). */
  private flush(next: string): void {
    if (!this.prev) return;
    const id = this.prev;
    this.prev = '';
    const annotation = this.afterAt;
    this.afterAt = false;
    const { member, classLevel, header, out, prevBefore, prevBeforeIdent } = this;
    let declared: string | undefined;
    const property = next === '{' && !member && !classLevel && header.paren === 0 && !header.typeKeyword;
    if ((prevBefore === 'id' || prevBefore === '>' || prevBefore === ']') && (DECLARATION_END.has(next) || property)) {
      out.variables.add(id);
      if (prevBefore === 'id') declared = NOT_A_TYPE.has(prevBeforeIdent) ? undefined : prevBeforeIdent;
      else if (prevBefore === ']') declared = `[]${this.arrayElement}`;
      else declared = this.closedGeneric;
    } else if (prevBefore === ',' && this.declType && this.paren === this.declParen && DECLARATION_END.has(next)) declared = this.declType;
    if (declared !== undefined) this.declare(id, declared, next);
    if (member) {
      member.idents.add(id);
      if (next === '(') {
        member.calls.add(id);
        this.pendingRef = member.refs.length;
        member.refs.push({ name: id, q: this.prevQual, args: -1 });
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
    headerIdent(header, id, next, prevBefore, prevBeforeIdent, this.closedGeneric, this.arrayElement);
  }

  /** `id` is declared with type `declared`: a local or parameter of the member, a parameter of the header, or a field of the type. */
  private declare(id: string, declared: string, next: string): void {
    if (next === '=' || next === ',') {
      this.declType = declared;
      this.declParen = this.paren;
    }
    if (this.member) addTo(this.member.decls, id, declared);
    else if (!this.classLevel && this.header.paren > 0) this.header.params.push([id, declared]);
    else if (!this.classLevel) {
      const type = this.typeFrame();
      if (type) {
        let f = this.out.fields.get(type.name);
        if (!f) this.out.fields.set(type.name, (f = new Map()));
        addTo(f, id, declared);
      }
    }
  }

  /** A `{` (at `after` - 1): a block inside a member, or at type level a type, a member's body or a field initializer. */
  private open(after: number): void {
    if (this.member || this.classLevel) {
      this.stack.push({ k: 'block' });
      return;
    }
    const header = this.header;
    const outer = this.typeFrame();
    if (header.typeKeyword && header.typeName) {
      const type = typeOf(header, outer);
      this.out.types.push(type);
      this.out.declared.push(header.typeName, type.name);
      this.stack.push({ k: 'type', type });
      if (type.kind === 'trigger') {
        const body = triggerBody(header, type, after - 1);
        this.out.members.push(body);
        this.stack.push({ k: 'member', member: body });
      }
    } else if (outer && !header.equals) {
      const m = memberOf(header, outer, after - 1);
      this.out.members.push(m);
      this.stack.push({ k: 'member', member: m });
    } else {
      this.stack.push({ k: 'classInit' });
    }
    this.header = newHeader();
    this.recomputeMember();
  }

  /** A `}` (at `after` - 1): closes what the matching `{` opened; at type level, the header starts again. */
  private close(after: number): void {
    const inside = this.member || this.classLevel;
    const frame = this.stack.pop();
    if (!frame) this.out.balanced = false;
    if (frame?.k === 'member') frame.member.bodyEnd = after;
    this.recomputeMember();
    if (!inside) this.header = newHeader();
  }
}
