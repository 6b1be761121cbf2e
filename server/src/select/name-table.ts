/**
 * Lower-cased identifiers, one string per spelling, for the demand scan
 * (scan.ts), which hashes each name with FNV-1a as it reads it.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * Lower-cased identifiers, one string per spelling. The scan reads every
 * identifier of every file (NPSP: 14 MB, ~2 million names, ~60,000
 * distinct); a new string for each would be sliced, lower-cased and hashed
 * again by every set it goes into, while the one string of its spelling
 * keeps its hash. Open addressing over the FNV-1a hash computed while the
 * name is read.
 */
export class NameTable {
  private hashes = new Int32Array(1 << 16);
  private strings: (string | undefined)[] = new Array<string | undefined>(1 << 16);
  private size = 0;

  /** `text[start, end)` lower-cased (ASCII letters, digits and `_` only); `hash` its FNV-1a hash, lower-cased. */
  lowerCased(text: string, start: number, end: number, hash: number): string {
    const mask = this.hashes.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const s = this.strings[slot];
      if (s === undefined) break;
      if (this.hashes[slot] === hash && s.length === length && sameLowerCased(s, text, start)) return s;
    }
    const s = text.slice(start, end).toLowerCase();
    // Past the limit (an editor's session types many half-names), start again rather than grow without end.
    if (this.size >= MAX_NAMES) this.clear(this.hashes.length);
    else if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    this.insert(s, hash);
    return s;
  }

  private insert(s: string, hash: number): void {
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.strings[slot] !== undefined) slot = (slot + 1) & mask;
    this.strings[slot] = s;
    this.hashes[slot] = hash;
    this.size++;
  }

  private grow(): void {
    const strings = this.strings;
    const hashes = this.hashes;
    this.clear(hashes.length * 2);
    for (let i = 0; i < strings.length; i++) if (strings[i] !== undefined) this.insert(strings[i]!, hashes[i]);
  }

  private clear(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.strings = new Array<string | undefined>(capacity);
    this.size = 0;
  }
}
const MAX_NAMES = 1 << 20;

function sameLowerCased(lower: string, text: string, start: number): boolean {
  for (let k = 0; k < lower.length; k++) {
    let d = text.charCodeAt(start + k);
    if (d <= 90 && d >= 65) d += 32;
    if (d !== lower.charCodeAt(k)) return false;
  }
  return true;
}
