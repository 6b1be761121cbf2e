/**
 * Demand-driven parsing. Parsing dominates the cost, and on real orgs every
 * class reaches the few that call out through shared utilities, so choosing
 * files by the type names they mention selects the whole org. The choice is
 * made per member instead, on the tokens of each method body
 * (scan.ts), by what the rules need:
 *
 * 1. sends: members that mention `Http`, `HttpRequest`, `HttpResponse`,
 *    `EventBus` or `Continuation`, or call `send`, `setTimeout`,
 *    `setEndpoint` or `setHeader` (every rule starts from a callout, a
 *    request or an event publish); and the operations of WSDL2Apex ports
 *    (members that mention `WebServiceCallout`) that some member calls: a
 *    generated port has dozens, and an operation no one calls has nothing
 *    to report (the rules judge SOAP callouts at the caller); and members
 *    that set a port's `endpoint_x`, `timeout_x` or `inputHttpHeaders_x`,
 *    or return a port (`createService()`);
 * 2. callers, transitively, matched by method name (not by type name): a
 *    member that calls a name of a member that reaches a send — on anything
 *    but a class name, or on that member's class or a class inheriting it
 *    (`Repo.save()` runs no other class's `save`);
 * 3. pending work those members may leave, by name too: a member they call
 *    that does DML or other pending work (`insert`, `Database`, `enqueueJob`,
 *    `@future`, …), directly or through the members it calls; and the other
 *    bodies such a call may dispatch to (the same name in a class sharing a
 *    workspace supertype with one chosen): the rules report a call only when
 *    every body it may run sends or leaves the work, so a body that does
 *    neither, left unparsed, would turn a latent finding into a reported one;
 * 4. what resolving those calls needs: the supertypes of every parsed type,
 *    the classes the chosen members name as `Name.` qualifiers (constants,
 *    static fields) and, transitively, those named by their constants, and
 *    the types the chosen members mention that extend a parsed type (a
 *    `new Handler()` passed for an interface narrows the dispatch); files
 *    declaring a class that shadows a system class the analysis knows.
 *
 * Names over-approximate (two methods called `save` are both followed),
 * never under: a member outside the selection neither reaches a send nor
 * leaves work a chosen member can run, so the same findings come out as when
 * every file is parsed (test/src/unit/demand-invariant.test.ts).
 */
import type { SourceFile } from '../base/contracts';
import { SYSTEM_NAMES_THE_ANALYSIS_KNOWS } from '../base/apex-words';
import { isLwcSource } from '../base/file-kind';
import { CallMatcher } from './calls';
import { indexMembers, simple, tokensOf, type Member, type MemberIndex } from './member-index';
import { FFLIB_EVENT_METHODS, hasAny, mentionsSend, mentionsWork, namesRequestField, PORT_WORDS, SEND_CALLS, SEND_WORDS, SOAP_WORD } from './mentions';

/** What was chosen and why, for the benchmark and tests. */
export interface DemandSelection {
  paths: Set<string>;
  /**
   * Per chosen file, the method and constructor bodies no rule needs (the
   * text strictly between their braces): members that neither reach a send
   * nor leave work a chosen member runs. Batch linting may read them as
   * empty (see omitBodies).
   */
  omitted: Map<string, [number, number][]>;
  members: { total: number; sends: number; reaching: number; work: number };
}

/** The files to parse fully, with counts of the members chosen. */
export function selectDemand(given: SourceFile[]): DemandSelection {
  // Lightning component scripts are linted on their own, never parsed as Apex.
  const files = given.filter((f) => !isLwcSource(f.path));
  const index = indexMembers(files);
  const calls = new CallMatcher(index);
  const sends = sendingMembers(index, calls);
  const reaching = calls.closure(sends);
  // `fflib_SObjectDomain.triggerHandler(Accounts.class)` runs the domain's `on…` overrides (analysis/trigger-dispatch.ts).
  const fflibDispatch = index.members.filter((m) => m.tokens.calls.has('triggerhandler'));
  if (fflibDispatch.length && [...reaching].some((m) => FFLIB_EVENT_METHODS.has(m.tokens.name))) {
    for (const m of [...calls.closure(fflibDispatch), ...(index.byName.get('construct') ?? [])]) reaching.add(m);
  }
  const chosen = membersTheyRun(index, calls, reaching);
  for (const m of batchStartsOf(index, calls, reaching)) chosen.add(m);
  const parsed = new Set(index.alwaysParsed);
  for (const m of chosen) parsed.add(m.file);
  addWhatResolutionNeeds(index, calls, chosen, parsed);
  let work = 0;
  for (const m of chosen) if (!reaching.has(m)) work++;
  return {
    paths: new Set([...parsed].map((f) => f.path)),
    omitted: omittableBodies(parsed, chosen),
    members: { total: index.members.length, sends: sends.length, reaching: reaching.size, work },
  };
}

/**
 * 1. The members that send: those that mention a callout, a request or an
 * event publish; a WSDL2Apex port operation only when some member calls it;
 * a member returning a port (`createService()`), which tells its callers
 * whether the port's timeout is set.
 */
function sendingMembers(index: MemberIndex, calls: CallMatcher): Member[] {
  const { members, callers, fieldsOf } = index;
  // A member that names an `HttpRequest` field of its class: analysis/request-fields.ts follows the field across the class's methods.
  const sendsAny = members.filter((m) => mentionsSend(m.tokens) || namesRequestField(m.tokens, fieldsOf.get(m.tokens.type)));
  const soapOnly = (m: Member) =>
    m.tokens.idents.has(SOAP_WORD) &&
    !hasAny(m.tokens.calls, SEND_CALLS) &&
    !SEND_WORDS.some((w) => w !== SOAP_WORD && !PORT_WORDS.has(w) && m.tokens.idents.has(w));
  const called = (op: Member) => (callers.get(op.tokens.name) ?? []).some((c) => c !== op && calls.mayCall(c, op.tokens.name, op));
  const portTypes = new Set<string>();
  for (const [type, fields] of fieldsOf) if (fields.has('endpoint_x')) portTypes.add(simple(type));
  const sends = sendsAny.filter((m) => !soapOnly(m) || called(m));
  if (portTypes.size) for (const m of members) if (portTypes.has(m.tokens.returns) && !sends.includes(m)) sends.push(m);
  return sends;
}

/**
 * 3. The members that reach a send, and those they call that may leave
 * pending work (directly or through what they call). A call sends (or leaves
 * work) only when every body it may dispatch to does, so once one body of a
 * call matters, so do its siblings: the same name below a workspace type both
 * inherit.
 */
function membersTheyRun(index: MemberIndex, calls: CallMatcher, reaching: Set<Member>): Set<Member> {
  const { members, byName, declaring } = index;
  const mayWork = calls.closure(members.filter((m) => m.tokens.future || mentionsWork(m.tokens)));
  const related = (a: Member, b: Member): boolean => {
    const hb = calls.hierarchy(simple(b.tokens.type));
    for (const n of calls.hierarchy(simple(a.tokens.type))) if (hb.has(n) && declaring.has(n)) return true;
    return false;
  };
  const chosen = new Set<Member>(reaching);
  const forward = [...chosen];
  while (forward.length) {
    const m = forward.pop()!;
    for (const c of m.tokens.calls) {
      const callees = (byName.get(c) ?? []).filter((callee) => calls.mayCall(m, c, callee));
      const matter = callees.filter((callee) => reaching.has(callee) || mayWork.has(callee));
      for (const callee of callees) {
        if (chosen.has(callee) || !(mayWork.has(callee) || matter.some((x) => x !== callee && related(x, callee)))) continue;
        chosen.add(callee);
        forward.push(callee);
      }
    }
  }
  return chosen;
}

/**
 * Batch starts are read wherever they are when their batch may call out
 * (Database.executeBatch(job, scope) gives it its scope size). A start is
 * known only by its job's class (`new Sync()`, or a local assigned from one),
 * so a start that never names such a class cannot matter.
 */
function batchStartsOf(index: MemberIndex, calls: CallMatcher, reaching: Set<Member>): Member[] {
  const batchesCallingOut: string[] = [];
  for (const m of reaching) {
    const type = simple(m.tokens.type);
    if (m.tokens.name === 'execute' && calls.hierarchy(type).has('batchable')) batchesCallingOut.push(type);
  }
  if (!batchesCallingOut.length) return [];
  return index.members.filter((m) => m.tokens.idents.has('executebatch') && hasAny(m.tokens.idents, batchesCallingOut));
}

/**
 * 4. Add to `parsed` what resolving the chosen members needs: the supertypes
 * of every parsed type, the classes the chosen members name as `Name.`
 * qualifiers (constants, static fields) and, transitively, those named by
 * their constants, and the types the chosen members mention that extend a
 * parsed type (a `new Handler()` passed for an interface narrows the
 * dispatch).
 */
function addWhatResolutionNeeds(index: MemberIndex, calls: CallMatcher, chosen: Set<Member>, parsed: Set<SourceFile>): void {
  const { declaring } = index;
  const declaredIn = (name: string) => declaring.get(name) ?? declaring.get(simple(name)) ?? [];
  const parsedTypes = new Set<string>();
  const extendsParsed = (name: string) => [...calls.hierarchy(name)].some((n) => n !== name && parsedTypes.has(n));
  const closed = new Set<SourceFile>();
  let changed = true;
  const add = (f: SourceFile) => {
    if (parsed.has(f)) return;
    parsed.add(f);
    changed = true;
  };
  // The workspace types the chosen members mention: each is needed once it extends a parsed type.
  const mentioned = new Set<string>();
  for (const m of chosen) {
    for (const q of m.tokens.qualifiers) for (const g of declaring.get(q) ?? []) add(g);
    for (const id of m.tokens.idents) if (declaring.has(id)) mentioned.add(id);
  }
  while (changed) {
    changed = false;
    for (const f of [...parsed]) {
      if (closed.has(f)) continue;
      closed.add(f);
      const t = tokensOf(f);
      for (const d of t.declared) parsedTypes.add(d);
      for (const type of t.types) for (const s of type.supertypes) for (const g of declaredIn(s)) add(g);
      for (const q of t.classQualifiers) for (const g of declaring.get(q) ?? []) add(g);
    }
    for (const id of mentioned) {
      if (parsedTypes.has(id)) mentioned.delete(id);
      else if (extendsParsed(id)) {
        mentioned.delete(id);
        for (const g of declaring.get(id)!) add(g);
      }
    }
  }
}

/**
 * Per parsed file, the bodies of the members not chosen (strictly between
 * their braces). Files whose scan cannot be trusted for offsets (unbalanced
 * braces, special) and those shadowing a system class are read whole.
 */
function omittableBodies(parsed: Set<SourceFile>, chosen: Set<Member>): Map<string, [number, number][]> {
  const chosenTokens = new Set([...chosen].map((m) => m.tokens));
  const omitted = new Map<string, [number, number][]>();
  for (const f of parsed) {
    const t = tokensOf(f);
    if (t.special || !t.balanced || t.declared.some((d) => SYSTEM_NAMES_THE_ANALYSIS_KNOWS.has(d))) continue;
    const ranges: [number, number][] = [];
    for (const m of t.members) {
      if (m.params < 0 || m.bodyEnd <= m.bodyStart + 2 || chosenTokens.has(m)) continue;
      ranges.push([m.bodyStart + 1, m.bodyEnd - 1]);
    }
    if (ranges.length) omitted.set(f.path, ranges);
  }
  return omitted;
}

/** The paths of the files to parse fully. */
export function filesThatMatter(files: SourceFile[]): Set<string> {
  return selectDemand(files).paths;
}
