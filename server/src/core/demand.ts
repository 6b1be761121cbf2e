/**
 * Demand-driven parsing. Parsing dominates the cost, so a token-level scan of
 * every file (identifiers only, no parse) builds a reference index, and only
 * the files that can matter are parsed:
 *
 * 1. seeds: files that mention `Http`, `HttpRequest` or `EventBus` (every
 *    rule needs a callout or an event publish to fire);
 * 2. callers, transitively: files that mention a type declared by a selected
 *    file, or one of its supertypes (a dispatcher that only names the
 *    interface reaches the implementation through it);
 * 3. what the selected files build on: their superclasses and interfaces,
 *    the classes they name as `Name.` qualifiers (constants, helpers), and,
 *    transitively, the classes they mention that may leave pending work (DML
 *    keywords, `Database`, `enqueueJob`, `@future`, …, or a mention of such
 *    a class).
 *
 * Limits: names are matched as words, so a local variable spelled like a
 * class pulls that class in (more parsing, never a missed finding). A call
 * that reaches a callout without any selected file's type name appearing in
 * the caller's text — e.g. through `Type.forName('X').newInstance()` — is not
 * followed; neither is it by the analysis itself.
 */
import type { SourceFile } from '../base/contracts';

const SEEDS = ['http', 'httprequest', 'eventbus'];
const WORK = ['insert', 'update', 'upsert', 'delete', 'undelete', 'merge', 'database', 'enqueuejob', 'future', 'schedule', 'sendemail', 'setsavepoint'];

interface Tokens {
  idents: Set<string>;
  declared: string[];
  supertypes: string[];
  qualifiers: Set<string>;
}

const cache = new WeakMap<SourceFile, Tokens>();

function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(cls|trigger)$/i, '').toLowerCase();
}

function scan(file: SourceFile): Tokens {
  let t = cache.get(file);
  if (t) return t;
  const text = file.text;
  const idents = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) idents.add(m[0].toLowerCase());
  const declared = new Set([baseName(file.path)]);
  for (const m of text.matchAll(/\b(?:class|interface|enum|trigger)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) declared.add(m[1].toLowerCase());
  const supertypes: string[] = [];
  for (const m of text.matchAll(/\b(?:extends|implements)\s+([A-Za-z0-9_.,<>\s]+?)\s*\{/gi)) {
    for (const part of m[1].split(/[\s,<>]+|\bimplements\b/i)) {
      const name = part.toLowerCase().replace(/^system\./, '');
      if (name && name !== 'implements') supertypes.push(name);
    }
  }
  const qualifiers = new Set<string>();
  for (const m of text.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\./g)) qualifiers.add(m[1].toLowerCase());
  t = { idents, declared: [...declared], supertypes, qualifiers };
  cache.set(file, t);
  return t;
}

function isSpecial(f: SourceFile): boolean {
  return !!f.unreadable || f.text.trim() === '' || f.text.includes('\u0000');
}

/** The paths of the files to parse fully. */
export function filesThatMatter(files: SourceFile[]): Set<string> {
  const tokens = new Map(files.map((f) => [f, scan(f)]));
  // name → files declaring it; word → files mentioning it
  const declaring = new Map<string, SourceFile[]>();
  const mentioning = new Map<string, SourceFile[]>();
  for (const [f, t] of tokens) {
    for (const d of t.declared) (declaring.get(d) ?? declaring.set(d, []).get(d)!).push(f);
    for (const w of t.idents) (mentioning.get(w) ?? mentioning.set(w, []).get(w)!).push(f);
  }
  const selected = new Set<SourceFile>();
  const names = new Set<string>();
  const queue: SourceFile[] = [];
  const select = (f: SourceFile) => {
    if (selected.has(f)) return;
    selected.add(f);
    queue.push(f);
  };
  for (const [f, t] of tokens) if (isSpecial(f) || SEEDS.some((s) => t.idents.has(s))) select(f);

  // 2. callers of what is selected, transitively
  while (queue.length) {
    const t = tokens.get(queue.pop()!)!;
    for (const n of [...t.declared, ...t.supertypes]) {
      if (names.has(n)) continue;
      names.add(n);
      for (const g of mentioning.get(n) ?? []) select(g);
    }
  }

  // 3. files that may leave pending work: mention work, or mention such a file (backward closure)
  const mayWork = new Set<SourceFile>();
  const workQueue: SourceFile[] = [];
  for (const [f, t] of tokens) {
    if (WORK.some((w) => t.idents.has(w))) {
      mayWork.add(f);
      workQueue.push(f);
    }
  }
  while (workQueue.length) {
    for (const d of tokens.get(workQueue.pop()!)!.declared) {
      for (const g of mentioning.get(d) ?? []) {
        if (mayWork.has(g)) continue;
        mayWork.add(g);
        workQueue.push(g);
      }
    }
  }
  // … reached from the selected files, with supertypes and qualifiers
  const forward = [...selected];
  const reached = new Set(selected);
  const named = new Set<SourceFile>();
  while (forward.length) {
    const f = forward.pop()!;
    const t = tokens.get(f)!;
    const add = (g: SourceFile) => {
      if (reached.has(g)) return;
      reached.add(g);
      forward.push(g);
    };
    for (const s of t.supertypes) for (const g of declaring.get(s) ?? []) add(g);
    for (const q of t.qualifiers) for (const g of declaring.get(q) ?? []) named.add(g);
    for (const w of t.idents) for (const g of declaring.get(w) ?? []) if (mayWork.has(g)) add(g);
  }
  return new Set([...reached, ...named].map((f) => f.path));
}

/** Every type name the files declare (file names, classes, inner classes, triggers). */
export function declaredNames(files: Iterable<SourceFile>): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const d of scan(f).declared) out.add(d);
  return out;
}

/**
 * What of a file the selection depends on: the names it declares and
 * extends, whether it is a seed or may leave pending work, and which of the
 * workspace's type names it mentions. An edit that keeps this the same (most
 * keystrokes inside a method) keeps the selection the same.
 */
export function demandSignature(file: SourceFile, names: ReadonlySet<string>): string {
  const t = scan(file);
  const flags = `${isSpecial(file)}${SEEDS.some((s) => t.idents.has(s))}${WORK.some((w) => t.idents.has(w))}`;
  const mentioned = [...t.idents].filter((i) => names.has(i)).sort();
  const qualified = [...t.qualifiers].filter((q) => names.has(q)).sort();
  return [flags, t.declared.join(','), t.supertypes.join(','), mentioned.join(','), qualified.join(',')].join('|');
}
