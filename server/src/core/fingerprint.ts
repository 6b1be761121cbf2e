/**
 * What identifies a finding across edits: its rule, its file, the class and
 * method around it, and the text of its own line with the whitespace
 * collapsed — not its line number, which every edit above it changes.
 * Baselines match on these fields and SARIF's `partialFingerprints` and the
 * CodeClimate report carry a digest of them, so GitHub and GitLab see a moved
 * finding as the same one. Pure: the caller gives the text and the path.
 *
 * The enclosing class and method come from a scan of the braces before the
 * finding (comments and strings skipped), not from the model: a run whose
 * results come from the cache has no model, and the scan reads the same in
 * the CLI and the editor. Names are lower-cased (Apex is case-insensitive).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../base/contracts';
import type { Position } from '../base/source';

/** The fields a finding is known by across edits. `file` is relative to the baseline's folder (or the report's root), with `/`. */
export interface FindingKey {
  rule: string;
  file: string;
  /** Dotted, lower-cased: `outer.inner`; '' outside any type. */
  class: string;
  /** Lower-cased method, constructor or property name; '' outside any member (a field's initializer). */
  method: string;
  /** Digest of the finding's line, whitespace collapsed. */
  hash: string;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/** The finding's own line with runs of whitespace collapsed to one space and the ends trimmed. */
export function normalizedLine(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = nextLineStart(text, start);
    if (next < 0) return '';
    start = next;
  }
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return -1;
}

/** UTF-16 offset of a 1-based line and 0-based character. */
function offsetOf(text: string, position: Position): number {
  let start = 0;
  for (let l = 1; l < position.line; l++) {
    const next = nextLineStart(text, start);
    if (next < 0) return text.length;
    start = next;
  }
  return Math.min(text.length, start + position.character);
}

type Frame = { kind: 'type' | 'member' | 'block'; name: string };

const TYPE_HEADER = /\b(?:class|interface|enum)\s+([A-Za-z_$][\w$]*)/i;
const TRIGGER_HEADER = /^\s*trigger\s+([A-Za-z_]\w*)\s+on\b/i;
const NOT_A_MEMBER = new Set(['if', 'for', 'while', 'catch', 'switch', 'when', 'do', 'else', 'try', 'finally', 'return', 'new']);

/** What a `{` opens, read from the code since the last `;`, `{` or `}` (comments and strings removed). */
function frameOf(header: string, parent: Frame | undefined): Frame {
  const type = TRIGGER_HEADER.exec(header) ?? TYPE_HEADER.exec(header);
  if (type) return { kind: 'type', name: type[1].toLowerCase() };
  if (parent?.kind !== 'type') return { kind: 'block', name: '' };
  const trimmed = header.trimEnd();
  let end = trimmed.length;
  if (trimmed.endsWith(')')) {
    // A method or constructor: the name before the parameter list's `(`.
    let depth = 0;
    let i = trimmed.length - 1;
    for (; i >= 0; i--) {
      if (trimmed[i] === ')') depth++;
      else if (trimmed[i] === '(' && --depth === 0) break;
    }
    end = i;
  }
  const name = /([A-Za-z_$][\w$]*)\s*$/.exec(trimmed.slice(0, Math.max(0, end)));
  if (!name || NOT_A_MEMBER.has(name[1].toLowerCase())) return { kind: 'member', name: '' };
  // `static {` (an initializer) has no name of its own.
  return { kind: 'member', name: name[1].toLowerCase() === 'static' ? '' : name[1].toLowerCase() };
}

/** The dotted class and the member around `offset` of an Apex (or LWC JavaScript) text. */
export function enclosingMember(text: string, offset: number): { class: string; method: string } {
  const stack: Frame[] = [];
  let header = '';
  const end = Math.min(offset, text.length);
  let i = 0;
  while (i < end) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < end && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
      header += ' ';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < end && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
      header += "''";
      continue;
    }
    if (c === '{') {
      stack.push(frameOf(header, stack[stack.length - 1]));
      header = '';
    } else if (c === '}') {
      stack.pop();
      header = '';
    } else if (c === ';') header = '';
    else header += c;
    i++;
  }
  const types = stack.filter((f) => f.kind === 'type');
  const innermostType = stack.map((f) => f.kind).lastIndexOf('type');
  const member = stack.slice(innermostType + 1).find((f) => f.kind === 'member');
  return { class: types.map((f) => f.name).join('.'), method: member?.name ?? '' };
}

/** The key of one finding of the file `text`, known as `file` (relative, `/`-separated). */
export function findingKey(finding: Pick<Finding, 'ruleId' | 'range'>, text: string, file: string): FindingKey {
  const scope = enclosingMember(text, offsetOf(text, finding.range.start));
  return { rule: finding.ruleId, file, class: scope.class, method: scope.method, hash: digest(normalizedLine(text, finding.range.start.line), 16) };
}

/** One string for a key: what a baseline counts and what the report fingerprints digest. */
export function keyString(key: FindingKey): string {
  return [key.rule, key.file, key.class, key.method, key.hash].join('\0');
}

/**
 * Fingerprints for the keys of one report, in order: a digest of the key, and
 * `:2`, `:3`… for the second and later findings with the same key (as CodeQL's
 * `primaryLocationLineHash` does), so that every fingerprint is unique.
 */
export function fingerprints(keys: FindingKey[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const k = keyString(key);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return `${digest(k, 32)}:${n}`;
  });
}
