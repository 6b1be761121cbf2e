/**
 * A save that waits on another system: an entry point a user or a caller
 * waits on (`@AuraEnabled`, `@RemoteAction`, Visualforce action,
 * `@InvocableMethod`, REST handler) that saves records and, in the same
 * transaction, calls out synchronously for an answer it does not need.
 * Whenever the other system is down or slow, the save fails or hangs with
 * it; Fire-and-Forget (a Platform Event published after commit, a
 * subscriber that calls out) lets the save succeed whatever the other side
 * does.
 *
 * Path semantics of the cross-method rules: a send or a DML in the entry
 * method itself counts on any path (the reader sees the branch); through a
 * call it counts only when manifest (every path of the callee, see
 * manifest.ts). A guard decided by data in a callee therefore keeps the
 * chain latent too: the manifest analysis knows only "every path". DML in a
 * catch block (an error log written when the callout fails) is not a save.
 * Nor is, for one callout, a save its answer decides, a save only tests run,
 * or a save in the `try` whose `catch` makes the callout (unblocked-saves.ts).
 */
import type { Expr, Span, Stmt } from '../model/ir';
import { answerUse, type AnswerPart } from './answer-use';
import { callIndex, type CallIndex, type CallSite, type ChainStep } from './callindex';
import type { CalloutSite } from './callouts';
import { callSpan } from './callouts';
import { entryKind, type ContextKind } from './contexts';
import { isDatabaseDml } from './effects';
import { requestConfig, type Endpoint } from './request-config';
import { childStmts, forEachSubExpr, ownExprs } from './traverse';
import { decidedByAnswer, savesOnlyInTests, testOnlySpans, triedBefore } from './unblocked-saves';
import { hasAnnotation, type MethodRef, type Workspace } from './workspace';

/** The entry points someone waits on. */
const WAITING: ReadonlySet<ContextKind> = new Set(['aura', 'remote', 'visualforce', 'invocable', 'rest']);

export interface RecordSave {
  span: Span;
  /** `insert statement`, `Database.update()`, or the called method's work. */
  what: string;
  /** For a save done inside a called method: the calls down to it. */
  chain: ChainStep[];
  /** The DML statement, for one written in the entry method. */
  stmt?: Stmt;
}

export interface BlockingCallout {
  kind: ContextKind;
  /** The statement of the entry method that leads to the callout: the send, or the call. */
  span: Span;
  /** The call in the entry method that leads to the send; absent for a send written there. */
  site?: CallSite;
  /** From the call down to the send; empty for a direct send. */
  chain: ChainStep[];
  /** The send and the method it is in. */
  send: { ref: MethodRef; site: CalloutSite };
  endpoint: Endpoint;
  saves: RecordSave[];
}

/** Where the answer goes, bottom-up along the chain: `needed` when something uses it. */
interface AnswerStep {
  ref: MethodRef;
  expr: Expr;
}

function spanEq(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The method of `index` whose body holds `step` (the innermost one). */
function methodOfStep(index: CallIndex, step: ChainStep): MethodRef | undefined {
  let best: MethodRef | undefined;
  for (const ref of index.methods()) {
    if (ref.file !== step.file) continue;
    const s = ref.method.span;
    if (s.start <= step.span.start && step.span.end <= s.end && (!best || s.start >= best.method.span.start)) best = ref;
  }
  return best;
}

/** The expressions the answer passes through, entry first, send last; undefined when a step cannot be found again. */
function answerPath(
  index: CallIndex,
  entry: MethodRef,
  first: Expr,
  chain: ChainStep[],
): { steps: AnswerStep[]; send: { ref: MethodRef; site: CalloutSite } } | undefined {
  if (chain.length === 0) {
    const site = index.factsOf(entry).sends.find((s) => s.call === first);
    return site ? { steps: [{ ref: entry, expr: first }], send: { ref: entry, site } } : undefined;
  }
  const steps: AnswerStep[] = [{ ref: entry, expr: first }];
  for (let i = 1; i < chain.length; i++) {
    const ref = methodOfStep(index, chain[i]);
    if (!ref) return undefined;
    const facts = index.factsOf(ref);
    if (i === chain.length - 1) {
      const site = facts.sends.find((s) => spanEq(s.span, chain[i].span));
      if (!site) return undefined;
      steps.push({ ref, expr: site.call });
      return { steps, send: { ref, site } };
    }
    const call = facts.calls.find((c) => spanEq(c.span, chain[i].span));
    if (!call) return undefined;
    steps.push({ ref, expr: call.expr });
  }
  return undefined;
}

/**
 * Whether anything uses the answer: from the send up, while each method
 * returns it. When not, the `if`/`switch` statements of the entry method
 * whose condition reads what is left of it (the status): a save in their
 * branches records what the other system did.
 */
function answerNeeded(index: CallIndex, steps: AnswerStep[]): { needed: true } | { needed: false; deciding: Stmt[] } {
  let part: AnswerPart = 'response';
  for (let i = steps.length - 1; i >= 0; i--) {
    const { ref, expr } = steps[i];
    const use = answerUse(ref.method, index.factsOf(ref).scope, expr, part);
    if (use.usedAt) return { needed: true };
    // The entry point returns it to the one who waits: that is Request-Reply.
    if (i === 0) return use.returned && use.returned !== 'status' ? { needed: true } : { needed: false, deciding: use.deciding };
    if (!use.returned) break;
    part = use.returned;
  }
  return { needed: false, deciding: [] };
}

/** The spans of the catch blocks of a body. */
function catchSpans(body: Stmt): Span[] {
  const out: Span[] = [];
  const stack: Stmt[] = [body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.k === 'try') for (const c of s.catches) out.push(c.body.span);
    stack.push(...childStmts(s));
  }
  return out;
}

function inside(span: Span, outer: Span): boolean {
  return outer.start <= span.start && span.end <= outer.end;
}

/** Whether two places of a body are on different branches of one `if` or `switch`: no path runs both. */
function exclusive(body: Stmt, a: Span, b: Span): boolean {
  const stack: Stmt[] = [body];
  while (stack.length) {
    const s = stack.pop()!;
    const branches = s.k === 'if' ? (s.else ? [s.then, s.else] : []) : s.k === 'switch' ? s.whens : [];
    const ia = branches.findIndex((x) => inside(a, x.span));
    const ib = branches.findIndex((x) => inside(b, x.span));
    if (ia >= 0 && ib >= 0 && ia !== ib) return true;
    for (const c of childStmts(s)) if (inside(a, c.span) && inside(b, c.span)) stack.push(c);
  }
  return false;
}

/** The saves of the entry method: its own DML on any path, and calls that save on every path of the callee. */
function savesOf(index: CallIndex, ref: MethodRef): RecordSave[] {
  const body = ref.method.body;
  if (!body) return [];
  const catches = catchSpans(body);
  const inCatch = (span: Span) => catches.some((c) => c.start <= span.start && span.end <= c.end);
  const out: RecordSave[] = [];
  const stack: Stmt[] = [body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.k === 'dml' && !inCatch(s.span)) out.push({ span: { start: s.keyword.start, end: s.expr.span.end }, what: `${s.op} statement`, chain: [], stmt: s });
    for (const root of ownExprs(s)) {
      forEachSubExpr(root, (e) => {
        if (e.k === 'call' && isDatabaseDml(e, index.workspace) && !inCatch(e.span)) out.push({ span: callSpan(e), what: `Database.${e.text}()`, chain: [] });
      });
    }
    stack.push(...childStmts(s));
  }
  for (const site of index.factsOf(ref).calls) {
    if (inCatch(site.span)) continue;
    const pending = index.manifest.entryEffect(ref, site).pending;
    if (pending?.savesRecords) out.push({ span: site.span, what: pending.what, chain: pending.chain });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The callouts of an entry method that a save waits on without needing their answer. */
export function blockingCallouts(workspace: Workspace, ref: MethodRef): BlockingCallout[] {
  const body = ref.method.body;
  if (!body || workspace.isTestType(ref.type) || hasAnnotation(ref.method, 'istest')) return [];
  const index = callIndex(workspace);
  const kind = entryKind(index, ref);
  if (!kind || !WAITING.has(kind)) return [];
  const facts = index.factsOf(ref);
  const starts: { span: Span; expr: Expr; site?: CallSite; chain: ChainStep[] }[] = facts.sends.map((s) => ({ span: s.span, expr: s.call, chain: [] }));
  for (const site of facts.calls) {
    const chain = index.manifest.entryEffect(ref, site).callout;
    if (chain) starts.push({ span: site.span, expr: site.expr, site, chain });
  }
  if (!starts.length) return [];
  const testOnly = testOnlySpans(body, workspace);
  const saves = savesOf(index, ref).filter(
    (save) => !testOnly.some((t) => inside(save.span, t)) && !(save.stmt && savesOnlyInTests(ref.method, save.stmt, testOnly)),
  );
  if (!saves.length) return [];
  const out: BlockingCallout[] = [];
  for (const start of starts) {
    const failed = triedBefore(body, start.span);
    const path = answerPath(index, ref, start.expr, start.chain);
    if (!path) continue;
    const answer = answerNeeded(index, path.steps);
    if (answer.needed) continue;
    const together = saves.filter(
      (save) => !exclusive(body, save.span, start.span) && !failed.some((t) => inside(save.span, t)) && !decidedByAnswer(answer.deciding, save.span),
    );
    if (!together.length) continue;
    const { ref: sendRef, site } = path.send;
    const endpoint = requestConfig(workspace, sendRef.file, sendRef.type, sendRef.method, site).endpoint;
    out.push({ kind, span: start.span, ...(start.site ? { site: start.site } : {}), chain: start.chain, send: path.send, endpoint, saves: together });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The other system as the message names it: `Named Credential ERP`, `erp.example.com`, or `the other system`. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === 'named-credential') return `Named Credential ${endpoint.name}`;
  if (endpoint.kind === 'host') return endpoint.host;
  return 'the other system';
}
