/**
 * Reading a file with the bodies no rule needs left out (see DemandSelection.omitted):
 * blanked rather than cut, so that every offset, line and column the parser
 * reports is the file's own.
 */

/**
 * `text` with the `omitted` ranges blanked: every character but line breaks
 * becomes a space, so that offsets, lines and columns stay those of the
 * file, and the parser reads `{ }`.
 */
export function omitBodies(text: string, omitted: readonly [number, number][] | undefined): string {
  if (!omitted?.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of omitted) {
    parts.push(text.slice(at, start));
    // Runs of spaces between the line breaks, each a slice of one long run (no string per character).
    let run = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (i > run) parts.push(spaces(i - run));
      parts.push(c === 10 ? '\n' : '\r');
      run = i + 1;
    }
    if (end > run) parts.push(spaces(end - run));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

let SPACES = ' '.repeat(4096);
function spaces(n: number): string {
  if (n > SPACES.length) SPACES = ' '.repeat(n);
  return SPACES.slice(0, n);
}
