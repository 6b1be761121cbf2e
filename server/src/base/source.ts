/**
 * Source text and position conversion. ANTLR counts code points; editors and
 * our findings count UTF-16 units. Conversion happens here, once.
 */

/** Line 1-based, character 0-based in UTF-16 units (LSP convention, 1-based line). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class SourceText {
  readonly lineStarts: number[];
  /** code point index → UTF-16 offset; absent when the text has no astral characters. */
  private readonly cpToUnit?: Uint32Array;

  constructor(readonly text: string) {
    const starts = [0];
    let astral = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      else if (c >= 0xd800 && c <= 0xdbff) astral = true;
    }
    this.lineStarts = starts;
    if (astral) {
      const map: number[] = [];
      for (let i = 0; i < text.length; i++) {
        map.push(i);
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
      }
      map.push(text.length);
      this.cpToUnit = Uint32Array.from(map);
    }
  }

  /** UTF-16 offset of a code point index (as ANTLR token start/stop indices are). */
  unitOffset(codePointIndex: number): number {
    if (!this.cpToUnit) return codePointIndex;
    const i = Math.max(0, Math.min(codePointIndex, this.cpToUnit.length - 1));
    return this.cpToUnit[i];
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, character: offset - starts[lo] };
  }

  /** UTF-16 offset of a position (1-based line), clamped to the text. */
  offsetAt(position: Position): number {
    const line = Math.max(1, Math.min(position.line, this.lineStarts.length));
    const start = this.lineStarts[line - 1];
    const next = line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  /** Range of UTF-16 offsets [start, end). */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}
