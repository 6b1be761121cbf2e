/**
 * The workspace as demand selection sees it, before any parse: every member
 * (method, constructor, initializer, trigger body) with its token scan, found
 * by its name and by the names it calls; the files declaring each type name;
 * per type its supertypes and its fields with their declared types. Built
 * once per selection from the scans (scan.ts), which are kept per file until
 * the file changes (forgetScans).
 */
import type { SourceFile } from '../base/contracts';
import { SYSTEM_NAMES_THE_ANALYSIS_KNOWS } from '../base/apex-words';
import { scanFile, type FileTokens, type MemberTokens } from './scan';

const cache = new WeakMap<SourceFile, FileTokens>();

/** The token scan of a file, made once and kept until forgetScans. */
export function tokensOf(file: SourceFile): FileTokens {
  let t = cache.get(file);
  if (!t) {
    t = scanFile(file);
    cache.set(file, t);
  }
  return t;
}

/** Drop the token scans of `files` (they are made again if asked for). */
export function forgetScans(files: Iterable<SourceFile>): void {
  for (const f of files) cache.delete(f);
}

/** One member of one file. */
export interface Member {
  file: SourceFile;
  tokens: MemberTokens;
}

export interface MemberIndex {
  members: Member[];
  /** Members by (lower-cased) name. */
  byName: Map<string, Member[]>;
  /** Members by the names they call. */
  callers: Map<string, Member[]>;
  /** The files declaring each type name (file name, simple and qualified type names). */
  declaring: Map<string, SourceFile[]>;
  /** Per type name (qualified and simple), the simple names of what it extends and implements. */
  supersOf: Map<string, string[]>;
  /** Per type name (qualified and simple), its fields and properties with the types they are declared with. */
  fieldsOf: Map<string, Map<string, Set<string>>>;
  /** Every field and property of the workspace by name, with the types it is declared with. */
  fieldsNamed: Map<string, Set<string>>;
  /** Files read whatever they call: empty, unreadable or binary ones, and those declaring a class that shadows a system class the analysis knows. */
  alwaysParsed: Set<SourceFile>;
}

/** The simple name of a qualified type name (`outer.inner` → `inner`). */
export const simple = (name: string) => name.slice(name.lastIndexOf('.') + 1);

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index the members and types of `files` (Apex only). */
export function indexMembers(files: readonly SourceFile[]): MemberIndex {
  const index: MemberIndex = {
    members: [],
    byName: new Map(),
    callers: new Map(),
    declaring: new Map(),
    supersOf: new Map(),
    fieldsOf: new Map(),
    fieldsNamed: new Map(),
    alwaysParsed: new Set(),
  };
  for (const file of files) {
    const t = tokensOf(file);
    if (t.special) index.alwaysParsed.add(file);
    for (const d of new Set(t.declared)) {
      push(index.declaring, d, file);
      if (SYSTEM_NAMES_THE_ANALYSIS_KNOWS.has(d)) index.alwaysParsed.add(file);
    }
    for (const tokens of t.members) {
      const m = { file, tokens };
      index.members.push(m);
      push(index.byName, tokens.name, m);
      for (const c of tokens.calls) push(index.callers, c, m);
    }
  }
  for (const f of files) {
    const t = tokensOf(f);
    for (const type of t.types) for (const n of [type.name, simple(type.name)]) index.supersOf.set(n, type.supertypes.map(simple));
  }
  for (const f of files) {
    for (const [type, fields] of tokensOf(f).fields) {
      for (const n of [type, simple(type)]) index.fieldsOf.set(n, fields);
      for (const [name, types] of fields) {
        let all = index.fieldsNamed.get(name);
        if (!all) index.fieldsNamed.set(name, (all = new Set()));
        for (const t of types) all.add(t);
      }
    }
  }
  return index;
}
