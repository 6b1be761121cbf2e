/** Shared helpers of the model builders: spans, source text, type names. */
import { apex } from '../parse/antlr';
import type { SourceText } from '../base/source';
import type { Span } from './ir';

/** More than this many nested constructs in one member and it is left unmodelled. */
export const MAX_NESTING = 400;

export class NestingTooDeep extends Error {
  constructor(readonly span: Span) {
    super('nesting too deep');
  }
}

type Node = apex.ApexParserRuleContext | apex.ApexTerminalNode;

/**
 * The parser's classes as plain properties: the namespace that the parser
 * module's CommonJS interop exports reads each member through a getter, and
 * the builders test every node against several classes.
 */
export const A = { ...apex };

export function isTerminal(node: unknown): node is apex.ApexTerminalNode {
  return typeof node === 'object' && node !== null && 'symbol' in node;
}

/**
 * Reads spans and text off the parse tree of one file. Each distinct string
 * the model holds is kept once per file: names, types and operators repeat
 * (a file of a thousand names spells a few hundred), and a model lives as
 * long as its workspace.
 */
export class SpanReader {
  private readonly strings = new Map<string, string>();

  constructor(readonly source: SourceText) {}

  /** The file's one copy of this string. */
  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** A name as Apex compares it: lower-cased. */
  name(text: string): string {
    return this.intern(text.toLowerCase());
  }

  span(node: Node | null | undefined): Span {
    if (!node) return { start: 0, end: 0 };
    if (isTerminal(node)) return this.tokenSpan(node.symbol);
    const ctx = node as apex.ApexParserRuleContext;
    const start = this.source.unitOffset(ctx.start.start);
    const stop = ctx.stop;
    if (!stop || stop.tokenIndex < ctx.start.tokenIndex || stop.stop < stop.start) return { start, end: start };
    return { start, end: this.source.unitOffset(stop.stop + 1) };
  }

  tokenSpan(token: apex.ApexToken): Span {
    const start = this.source.unitOffset(token.start);
    if (token.stop < token.start) return { start, end: start };
    return { start, end: this.source.unitOffset(token.stop + 1) };
  }

  text(node: Node | null | undefined): string {
    const s = this.span(node);
    return this.intern(this.source.text.slice(s.start, s.end));
  }

  /** Lower-cased type text without whitespace or comments: `list<account>`, `system.http`. */
  typeText(node: Node | null | undefined): string {
    return this.intern(normaliseType(this.text(node)));
  }
}

export function normaliseType(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** `System.Http` → `http`; `Database.Batchable<SObject>` → `database.batchable`. */
export function baseType(type: string): string {
  let t = type;
  const lt = t.indexOf('<');
  if (lt >= 0) t = t.slice(0, lt);
  if (t.startsWith('system.')) t = t.slice(7);
  return t;
}
