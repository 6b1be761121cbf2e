/**
 * A declaration at type level as the token scan (scan.ts) reads it, up to its
 * `{` or `;`: a type (`class Foo extends Bar implements Baz`), a member
 * (`@future static void send(String a, Integer b)`), a field or property.
 * When its `{` comes, it becomes a type, a member or a field initializer.
 */
import { NOT_A_TYPE } from '../base/apex-words';
import type { MemberTokens, TypeTokens } from './tokens';

export interface Header {
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

const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum', 'trigger']);

export function newHeader(): Header {
  return { idents: [], params: [], commas: 0, anyParam: false, annotations: [], equals: false, supertypes: [], inSupers: false, angle: 0, paren: 0 };
}

/**
 * An identifier of the header (not an annotation's name): the type keyword
 * and the type's name, a supertype's part, the member's name (the identifier
 * before the first top-level `(`, with its return type from what came
 * before: `prevBefore` is the token before the name, `'id'` for an
 * identifier `prevBeforeIdent`, `>` for a generic `closedGeneric`, `]` for
 * an array of `arrayElement`).
 */
export function headerIdent(
  header: Header,
  id: string,
  next: string,
  prevBefore: string,
  prevBeforeIdent: string,
  closedGeneric: string,
  arrayElement: string,
): void {
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
}

/**
 * A punctuation character of the header (not `{` or `}`, which the scanner
 * handles). Returns whether the header ends here (`;`).
 */
export function headerPunctuation(header: Header, ch: string): boolean {
  switch (ch) {
    case ';':
      return true;
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
  return false;
}

/** The type a header declares at its `{`, named inside `outer` if any. */
export function typeOf(header: Header, outer: TypeTokens | undefined): TypeTokens {
  const kind = header.typeKeyword as TypeTokens['kind'];
  const name = outer ? `${outer.name}.${header.typeName}` : header.typeName!;
  return { name, kind, supertypes: header.supertypes.filter((s) => s).map((s) => s.replace(/^system\./, '')) };
}

/** A trigger's body, a member of the trigger, opening at `bodyStart`. */
export function triggerBody(header: Header, type: TypeTokens, bodyStart: number): MemberTokens {
  return {
    name: '<trigger>',
    type: type.name,
    calls: new Set(),
    qualifiers: new Set(),
    idents: new Set(header.idents),
    decls: new Map(),
    refs: [],
    params: -1,
    bodyStart,
    bodyEnd: -1,
    returns: 'void',
    future: false,
  };
}

/**
 * The member of `outer` a header declares at its `{` (at `bodyStart`): a
 * method or constructor (with its parameters), a property or an initializer.
 */
export function memberOf(header: Header, outer: TypeTokens, bodyStart: number): MemberTokens {
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
    bodyStart,
    bodyEnd: -1,
    returns: header.name === undefined ? '?' : header.returns || outer.name.split('.').pop()!,
    future: header.annotations.includes('future'),
  };
  for (const [name, type] of header.params) {
    const set = m.decls.get(name);
    if (set) set.add(type);
    else m.decls.set(name, new Set([type]));
  }
  return m;
}
