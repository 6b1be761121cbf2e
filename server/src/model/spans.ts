/** Shared helpers of the model builders: spans, source text, type names. */
import type { apex } from '../parse/antlr';
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

export function isTerminal(node: unknown): node is apex.ApexTerminalNode {
  return typeof node === 'object' && node !== null && 'symbol' in node;
}

export class SpanReader {
  constructor(readonly source: SourceText) {}

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
    return this.source.text.slice(s.start, s.end);
  }

  /** Lower-cased type text without whitespace or comments: `list<account>`, `system.http`. */
  typeText(node: Node | null | undefined): string {
    return normaliseType(this.text(node));
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
