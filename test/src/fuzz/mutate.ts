/**
 * Seeded mutation of Apex sources for fuzzing (issue 13): the ways real files
 * arrive broken — cut off, braces and quotes lost or doubled, stray bytes,
 * bytes that are not UTF-8, tokens swapped, lines shuffled, line endings
 * mixed. The same seed gives the same mutants, so a failure can be replayed.
 */

/** mulberry32: small, fast, and good enough to spread mutations. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  /** What was done, for the report. */
  steps: string[];
  /** The mutant's bytes: not always valid UTF-8. */
  bytes: Buffer;
}

type Rand = () => number;
type TextMutation = (text: string, rand: Rand) => string;

const pick = (rand: Rand, n: number) => Math.floor(rand() * n);

function positionsOf(text: string, chars: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i])) out.push(i);
  return out;
}

function atOne(chars: string, edit: (text: string, at: number) => string): TextMutation {
  return (text, rand) => {
    const at = positionsOf(text, chars);
    return at.length ? edit(text, at[pick(rand, at.length)]) : text;
  };
}

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  truncate: (text, rand) => text.slice(0, pick(rand, text.length + 1)),
  'delete-brace': atOne('{}()[]', (t, i) => t.slice(0, i) + t.slice(i + 1)),
  'duplicate-brace': atOne('{}()[]', (t, i) => t.slice(0, i) + t[i] + t.slice(i)),
  'delete-quote': atOne('\'"', (t, i) => t.slice(0, i) + t.slice(i + 1)),
  'duplicate-quote': atOne('\'"', (t, i) => t.slice(0, i) + t[i] + t.slice(i)),
  'random-chars': (text, rand) => {
    const at = pick(rand, text.length + 1);
    let junk = '';
    for (let n = 1 + pick(rand, 8); n > 0; n--) junk += String.fromCharCode(rand() < 0.7 ? 32 + pick(rand, 95) : pick(rand, 0x3000));
    return text.slice(0, at) + junk + text.slice(at);
  },
  'swap-tokens': (text, rand) => {
    const tokens = [...text.matchAll(/[A-Za-z_]\w*|[{}()[\];,.=<>+\-*/!&|?:'"]/g)];
    if (tokens.length < 2) return text;
    let [a, b] = [tokens[pick(rand, tokens.length)], tokens[pick(rand, tokens.length)]];
    if (a.index === b.index) return text;
    if (a.index! > b.index!) [a, b] = [b, a];
    const [ai, bi] = [a.index!, b.index!];
    if (ai + a[0].length > bi) return text;
    return text.slice(0, ai) + b[0] + text.slice(ai + a[0].length, bi) + a[0] + text.slice(bi + b[0].length);
  },
  'shuffle-lines': (text, rand) => {
    const lines = text.split('\n');
    for (let n = 1 + pick(rand, 4); n > 0; n--) {
      const [i, j] = [pick(rand, lines.length), pick(rand, lines.length)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return lines.join('\n');
  },
  'mix-line-endings': (text, rand) => text.replace(/\n/g, () => (rand() < 0.3 ? '\r\n' : rand() < 0.15 ? '\r' : '\n')),
  'repeat-region': (text, rand) => {
    const start = pick(rand, text.length + 1);
    const region = text.slice(start, start + pick(rand, 200));
    return text.slice(0, start) + region.repeat(2 + pick(rand, 20)) + text.slice(start);
  },
};

/** Byte-level: sequences that are not UTF-8 (a lone continuation byte, a cut sequence, an overlong form). */
function invalidUtf8(bytes: Buffer, rand: Rand): Buffer {
  const bad = [[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xff], [0xed, 0xa0, 0x80]][pick(rand, 6)];
  const at = pick(rand, bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
}

export const MUTATIONS = [...Object.keys(TEXT_MUTATIONS), 'invalid-utf8'];

/** One mutant of `text`: one to three mutations, chosen by `rand`. */
export function mutate(text: string, rand: Rand): Mutant {
  const steps: string[] = [];
  let current = text;
  let bytes: Buffer | undefined;
  for (let n = 1 + pick(rand, 3); n > 0; n--) {
    const name = MUTATIONS[pick(rand, MUTATIONS.length)];
    steps.push(name);
    if (name === 'invalid-utf8') bytes = invalidUtf8(bytes ?? Buffer.from(current, 'utf8'), rand);
    else if (!bytes) current = TEXT_MUTATIONS[name](current, rand);
  }
  return { steps, bytes: bytes ?? Buffer.from(current, 'utf8') };
}
