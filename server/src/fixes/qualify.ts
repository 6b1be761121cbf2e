/**
 * Type names written into a new class must resolve there as they did where
 * they came from: an inner class `Payload` of `ErpGateway` is only `Payload`
 * inside ErpGateway, and `ErpGateway.Payload` everywhere else. These helpers
 * rewrite type text and moved code so that every workspace type is written
 * in a form that resolves from any class.
 */
import type { TypeDecl } from '../model/ir';
import type { Workspace } from '../analysis/workspace';

/** The source spelling of a workspace type from the outside: `ErpGateway.Payload`. */
export function qualifiedText(workspace: Workspace, type: TypeDecl): string {
  const names: string[] = [];
  for (let t: TypeDecl | undefined = type; t; t = workspace.outerOf(t)) names.unshift(t.text);
  return names.join('.');
}

const DOTTED = /[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*/g;

/** A type as written in `from` (`List<Payload>`), with each workspace type qualified (`List<ErpGateway.Payload>`). */
export function qualifyTypeText(text: string, from: TypeDecl, workspace: Workspace): string {
  return text.replace(DOTTED, (name) => {
    const key = name.replace(/\s+/g, '').toLowerCase();
    if (key.startsWith('system.')) return name;
    const hit = workspace.findType(key, from);
    return hit ? qualifiedText(workspace, hit.type) : name;
  });
}

/** Identifiers of code outside strings and comments, with their offsets. */
function* identifiers(code: string): Generator<{ start: number; end: number }> {
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === "'") {
      i++;
      while (i < code.length && code[i] !== "'") i += code[i] === '\\' ? 2 : 1;
      i++;
    } else if (code.startsWith('//', i)) {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < code.length && /[A-Za-z0-9_]/.test(code[i])) i++;
      yield { start, end: i };
    } else i++;
  }
}

/** Whether the identifier at [start, end) is used as a type, not as a variable of the same name. */
function usedAsType(code: string, start: number, end: number): boolean {
  const before = code.slice(Math.max(0, start - 40), start);
  const after = code.slice(end, end + 40);
  const cast = /\(\s*$/.test(before) && /^\s*\)\s*[A-Za-z_(]/.test(after);
  const typeArgument = /<\s*$/.test(before) || /^\s*>/.test(after);
  return /\b(new|instanceof)\s+$/i.test(before) || /^\s*(<|\[\s*\]|[A-Za-z_])/.test(after) || cast || typeArgument;
}

/**
 * Moved code of `from`: the inner types of `from` and of its outer class,
 * written unqualified, become `Outer.Inner`. `variables` are the names of the
 * moved code's variables: a variable named like an inner type stays as it is.
 */
export function qualifyInnerTypes(code: string, from: TypeDecl, workspace: Workspace, variables: ReadonlySet<string>): string {
  const scopes = new Set([from.qualifiedName, ...(from.outer ? [from.outer] : [])]);
  const inner = new Map<string, TypeDecl>();
  for (const file of workspace.files) {
    for (const t of file.model.types) if (t.outer && scopes.has(t.outer)) inner.set(t.name, t);
  }
  if (!inner.size) return code;
  let out = '';
  let last = 0;
  for (const { start, end } of identifiers(code)) {
    const name = code.slice(start, end).toLowerCase();
    const type = inner.get(name);
    if (!type || /\.\s*$/.test(code.slice(Math.max(0, start - 40), start))) continue;
    if (variables.has(name) && !usedAsType(code, start, end)) continue;
    out += code.slice(last, start) + qualifiedText(workspace, type);
    last = end;
  }
  return out + code.slice(last);
}
