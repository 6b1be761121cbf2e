/** Applying edits to text the way an editor does, for asserting the Apex a fix produces. */

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspTextEdit {
  range: { start: LspPosition; end: LspPosition };
  newText: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Apply non-overlapping edits with 0-based lines (LSP). */
export function applyEdits(text: string, edits: LspTextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: LspPosition) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let last = Infinity;
  for (const e of sorted) {
    if (e.end > last) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    last = e.start;
  }
  return out;
}

/** Apply edits whose lines are 1-based (the core's convention). */
export function applyCoreEdits(text: string, edits: LspTextEdit[]): string {
  const down = (p: LspPosition) => ({ line: p.line - 1, character: p.character });
  return applyEdits(
    text,
    edits.map((e) => ({ newText: e.newText, range: { start: down(e.range.start), end: down(e.range.end) } })),
  );
}
