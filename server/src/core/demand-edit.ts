/**
 * Whether an edit can change the demand selection, judged from the edited
 * method body alone. The selection is made from a token scan of every file
 * (demand.ts); an editor asks after each keystroke whether the edited file's
 * demand signature changed, and scanning a 230 KB class twice per keystroke
 * showed as a tenth of its cost. When the edit lies inside one method or
 * constructor body, everything else of the file reads the same, and a body's
 * tokens do not depend on what surrounds it once its braces stay its own:
 * the body before and after the edit are scanned alone, each inside the same
 * small class, and their signatures compared. Any doubt (the edit crosses a
 * brace, opens a comment or string that runs past the body, types a NUL, or
 * the file's braces do not balance) answers "unknown", and the caller
 * compares the whole files' signatures.
 *
 * The bodies' places are carried from one text to the next (moved by each
 * edit), so a file is scanned whole once, not at every keystroke.
 */
import type { SourceFile } from '../base/contracts';
import { demandSignature, scanFile } from '../select';

/** Method and constructor bodies of a file: the offset of each `{` and just after its `}`. */
type Bodies = readonly (readonly [number, number])[];

const bodiesByFile = new WeakMap<SourceFile, Bodies | null>();

/** The method bodies of a file, from a whole scan unless carried from the text before an edit; null when they cannot be trusted. */
function bodiesOf(file: SourceFile): Bodies | null {
  let bodies = bodiesByFile.get(file);
  if (bodies === undefined) {
    const tokens = scanFile(file);
    bodies =
      tokens.balanced && !tokens.special
        ? tokens.members.filter((m) => m.params >= 0 && m.bodyEnd > m.bodyStart).map((m) => [m.bodyStart, m.bodyEnd] as const)
        : null;
    bodiesByFile.set(file, bodies);
  }
  return bodies;
}

/** A body scanned alone: inside one small class, as one method. */
function alone(body: string): SourceFile {
  return { path: 'DemandEditProbe.cls', text: `public class DemandEditProbe {\nvoid probe() ${body}\n}` };
}

/** The body alone keeps its braces: one member whose body is all of it, and nothing unbalanced or special. */
function scansAsOneBody(file: SourceFile, body: string): boolean {
  const tokens = scanFile(file);
  const start = file.text.indexOf('{', file.text.indexOf('probe()'));
  return (
    tokens.balanced &&
    !tokens.special &&
    tokens.members.length === 1 &&
    tokens.members[0].bodyStart === start &&
    tokens.members[0].bodyEnd === start + body.length
  );
}

/**
 * Whether `after` has the demand signature of `before` (the same file before
 * an edit), as far as the edited body shows: true or false when the edit lies
 * inside one method body, undefined when the whole files must be compared.
 */
export function sameDemandInBody(before: SourceFile, after: SourceFile, names: ReadonlySet<string>): boolean | undefined {
  if (before.unreadable || after.unreadable || !/\.cls$/i.test(after.path)) return undefined;
  const bodies = bodiesOf(before);
  if (!bodies) return undefined;
  const old = before.text;
  const text = after.text;
  const max = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;
  // The innermost body holding the edit strictly inside its braces.
  let body: readonly [number, number] | undefined;
  for (const b of bodies) if (b[0] < prefix && oldEnd < b[1] - 1 && (!body || b[1] - b[0] < body[1] - body[0])) body = b;
  if (!body) return undefined;
  const oldBody = old.slice(body[0], body[1]);
  const newBody = text.slice(body[0], body[1] + delta);
  if (newBody.includes('\u0000')) return undefined;
  const [a, b] = [alone(oldBody), alone(newBody)];
  if (!scansAsOneBody(a, oldBody) || !scansAsOneBody(b, newBody)) return undefined;
  const same = demandSignature(a, names) === demandSignature(b, names);
  // The bodies' places after the edit: the edited one grows by the edit, those after it move.
  if (same)
    bodiesByFile.set(
      after,
      bodies.map(([s, e]) => (s >= oldEnd ? [s + delta, e + delta] : e >= oldEnd ? [s, e + delta] : [s, e])),
    );
  return same;
}
