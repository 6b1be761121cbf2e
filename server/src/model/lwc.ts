/**
 * The model of one Lightning Web Component's JavaScript, as far as
 * `lightning/empApi` goes: the `subscribe(channel, …)` calls with their
 * channel when the code shows it, whether the component registers an
 * `onError` handler, and whether `disconnectedCallback` (itself or through
 * methods of the class it calls) releases subscriptions with `unsubscribe`.
 *
 * Parsed with @babel/parser (the parser the LWC compiler builds on; acorn has
 * no decorators, and every component has `@api`). Walks are iterative.
 */
import { parse } from '@babel/parser';
import type { Node } from '@babel/types';
import type { Span } from './ir';

export interface EmpApiSubscription {
  /** From `subscribe` to the closing parenthesis. */
  span: Span;
  /** `/event/Order_Event__e`, when the channel is a literal or a constant the component defines. */
  channel?: string;
}

export interface LwcModel {
  subscriptions: EmpApiSubscription[];
  /** `onError(...)` is called somewhere in the component. */
  registersOnError: boolean;
  /** `disconnectedCallback` calls `unsubscribe`, directly or through `this.method()` calls. */
  releasesOnDisconnect: boolean;
  /** Why the file could not be read as JavaScript, when it could not. */
  syntaxError?: { message: string; span: Span };
}

const EMP_API = 'lightning/empApi';
const EMPTY: LwcModel = { subscriptions: [], registersOnError: false, releasesOnDisconnect: false };

type AnyNode = Node & Record<string, unknown>;

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object' && typeof (x as AnyNode).type === 'string') out.push(x as AnyNode);
    } else if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') out.push(v as AnyNode);
  }
  return out;
}

function walk(root: Node, fn: (n: AnyNode) => void): void {
  const stack: AnyNode[] = [root as AnyNode];
  while (stack.length) {
    const n = stack.pop()!;
    fn(n);
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function stringValue(n: Node | null | undefined, constants: Map<string, string>): string | undefined {
  if (!n) return undefined;
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
  if (n.type === 'Identifier') return constants.get(n.name);
  if (n.type === 'MemberExpression' && n.object.type === 'ThisExpression' && n.property.type === 'Identifier') return constants.get(`this.${n.property.name}`);
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const l = stringValue(n.left as Node, constants);
    const r = stringValue(n.right, constants);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** The model of an LWC JavaScript file. Never throws: a file that uses empApi and does not parse has a syntax error and nothing else. */
export function buildLwcModel(text: string): LwcModel {
  // Only empApi users matter: others are not parsed (nor reported when they do not parse).
  if (!text.includes(EMP_API)) return EMPTY;
  let ast: Node;
  try {
    ast = parse(text, { sourceType: 'module', plugins: ['decorators', 'classProperties', 'classPrivateProperties'], errorRecovery: false }) as Node;
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(text);
    const pos = (e as { pos?: number }).pos ?? 0;
    return { ...EMPTY, syntaxError: { message: (e as Error).message, span: { start: pos, end: Math.min(text.length, pos + 1) } } };
  }
  try {
    return empApiUse(ast);
  } catch (e) {
    // A constant built of thousands of `+` overflows the stack as the parser does.
    if (e instanceof RangeError) return tooDeep(text);
    throw e;
  }
}

/** Nesting deeper than this is where a script "nests too deeply" is reported (the parser overflows a few thousand levels down). */
const REPORTED_DEPTH = 500;

/**
 * The parser ran out of stack (thousands of nested brackets): said in the
 * words of the Apex path, at the first bracket nested deeper than
 * REPORTED_DEPTH (counted without reading strings: only a place to look).
 */
function tooDeep(text: string): LwcModel {
  let depth = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > REPORTED_DEPTH) {
        at = i;
        break;
      }
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { ...EMPTY, syntaxError: { message: TOO_DEEP, span: { start: at, end: Math.min(text.length, at + 1) } } };
}

export const TOO_DEEP = 'The file nests too deeply for the parser; it is not analysed';

function empApiUse(ast: Node): LwcModel {
  // Local names of the empApi functions (`import { subscribe as sub } from 'lightning/empApi'`).
  const names = new Map<string, string>();
  const constants = new Map<string, string>();
  const methods = new Map<string, Node>();
  walk(ast, (n) => {
    if (n.type === 'ImportDeclaration' && n.source.value === EMP_API) {
      for (const s of n.specifiers) {
        if (s.type === 'ImportSpecifier') names.set(s.local.name, s.imported.type === 'Identifier' ? s.imported.name : s.imported.value);
      }
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') {
      const v = stringValue(n.init, constants);
      if (v !== undefined) constants.set(n.id.name, v);
    } else if (n.type === 'ClassProperty' && n.key.type === 'Identifier') {
      const v = stringValue(n.value, constants);
      if (v !== undefined) constants.set(`this.${n.key.name}`, v);
    } else if (n.type === 'ClassMethod' && n.key.type === 'Identifier') {
      methods.set(n.key.name, n.body);
    }
  });
  if (names.size === 0) return EMPTY;
  const isApi = (callee: Node, name: string) => callee.type === 'Identifier' && names.get(callee.name) === name;

  const subscriptions: EmpApiSubscription[] = [];
  let registersOnError = false;
  walk(ast, (n) => {
    if (n.type !== 'CallExpression') return;
    if (isApi(n.callee, 'onError')) registersOnError = true;
    if (!isApi(n.callee, 'subscribe')) return;
    const channel = stringValue(n.arguments[0] as Node | undefined, constants);
    subscriptions.push({ span: { start: n.callee.start ?? 0, end: n.end ?? 0 }, ...(channel !== undefined ? { channel } : {}) });
  });

  // disconnectedCallback → this.a() → this.b() … → unsubscribe(...)
  let releasesOnDisconnect = false;
  const seen = new Set<string>();
  const queue = methods.has('disconnectedCallback') ? ['disconnectedCallback'] : [];
  while (queue.length && !releasesOnDisconnect) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    walk(methods.get(name)!, (n) => {
      if (n.type !== 'CallExpression') return;
      if (isApi(n.callee, 'unsubscribe')) releasesOnDisconnect = true;
      const c = n.callee;
      if (c.type === 'MemberExpression' && c.object.type === 'ThisExpression' && c.property.type === 'Identifier' && methods.has(c.property.name)) {
        queue.push(c.property.name);
      }
    });
  }
  return { subscriptions, registersOnError, releasesOnDisconnect };
}

/** `/event/Order_Event__e` → `Order_Event__e`; other channels (`/data/…`) → undefined. */
export function eventOfChannel(channel: string): string | undefined {
  return /^\/event\/([A-Za-z0-9_]+__e)$/.exec(channel)?.[1];
}
