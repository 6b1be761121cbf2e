/**
 * What of a file the selection depends on, so that an editor can keep the
 * selection across an edit that does not change it (most keystrokes inside a
 * method body).
 */
import type { SourceFile } from '../base/contracts';
import { mentionsSend, mentionsWork, namesRequestField } from './mentions';
import { tokensOf } from './member-index';

/** Every name the selection matches on: type names (file names, classes, inner classes, triggers) and member names. */
export function declaredNames(files: Iterable<SourceFile>): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const t = tokensOf(f);
    for (const d of t.declared) out.add(d);
    for (const m of t.members) out.add(m.name);
  }
  return out;
}

/**
 * What of a file the selection depends on: its types and supertypes, its
 * fields of workspace types, and per member its name, arity, return type, its
 * flags, its calls of workspace names (with what they are called on and their
 * arguments), the workspace names it qualifies and mentions, and its
 * variables of workspace types. An edit that keeps this the same (most keystrokes inside a
 * method) keeps the selection the same.
 */
export function demandSignature(file: SourceFile, names: ReadonlySet<string>): string {
  const t = tokensOf(file);
  const known = (s: ReadonlySet<string>) => [...s].filter((x) => names.has(x)).sort();
  /** A declared type that can matter: a workspace type, or a collection of one (`[][]foo`). */
  const knownType = (type: string) => names.has(type.replace(/^(\[\])+/, ''));
  const typed = (decls: ReadonlyMap<string, ReadonlySet<string>>) =>
    [...decls]
      .filter(([, types]) => [...types].some(knownType))
      .map(([v, types]) => `${v}:${[...types].sort().join('/')}`)
      .sort();
  const parts = [String(t.special), t.types.map((x) => `${x.name}:${x.supertypes.join(',')}`).join(';'), known(t.classQualifiers).join(',')];
  for (const [type, fields] of t.fields) parts.push(`${type}:${typed(fields).join(',')}`);
  for (const m of t.members) {
    const flags = `${m.future}${mentionsSend(m) || namesRequestField(m, t.fields.get(m.type))}${mentionsWork(m)}${m.idents.has('executebatch')}`;
    // Calls of workspace names with what they are called on and their arity, and what the receivers are declared as
    const refs = m.refs.filter((r) => names.has(r.name)).map((r) => `${r.name}/${r.q}/${r.args}`);
    parts.push(
      `${m.name}/${m.params}/${knownType(m.returns) ? m.returns : ''}|${flags}|${refs.join(',')}|${known(m.qualifiers)}|${known(m.idents)}|${typed(m.decls)}`,
    );
  }
  return parts.join('\n');
}
