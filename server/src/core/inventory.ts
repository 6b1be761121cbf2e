/**
 * The integration inventory: what the org talks to, how, and which calls a
 * user waits on. One row per callout site (the sends the analysis finds) with
 * the findings at that site, and every Platform Event with its publishers,
 * subscriber triggers, publish behaviour and `lightning/empApi` subscribers.
 * Pure: the adapters hand in the project, its metadata and the LWC scripts.
 * The JSON shape is documented in docs/inventory.md; change it there first.
 */
import type { FileResult, Finding, Severity, SourceFile } from '../base/contracts';
import type { ProjectInfo } from '../base/project-info';
import type { Range } from '../base/source';
import { SourceText } from '../base/source';
import { apexPlatformEvents, calloutEntries, type CalloutEntry } from '../analysis/integrations';
import { setterSpan, type Endpoint } from '../analysis/request-config';
import type { ContextKind } from '../analysis/contexts';
import type { AnalyzedFile, MethodRef, Workspace } from '../analysis/workspace';
import { buildLwcModel, eventOfChannel } from '../model/lwc';
import type { Span } from '../model/ir';
import type { Cancellation, LintProject } from './project';

export const INVENTORY_VERSION = 1;

export interface SourceLocation {
  /** Absolute path, as given to the core. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface SiteFinding extends SourceLocation {
  ruleId: string;
  severity: Severity;
  message: string;
}

export interface CalloutRow extends SourceLocation {
  /** `OrderService`, `Outer.Inner`, or the trigger's name. */
  class: string;
  /** The method's name as written; `(trigger body)` for a trigger. */
  method: string;
  endpoint: Endpoint;
  /** `POST`, `GET|POST` when branches differ, `unknown` when not constant; null when the code never calls setMethod. */
  httpMethod: string | null;
  /** Milliseconds of `setTimeout`; null for the default or when unknown (see `timeout`). */
  timeoutMs: number | null;
  /** `30000 ms`, `default 10 s` or `unknown`. */
  timeout: string;
  auth: 'named-credential' | 'manual-header' | 'none';
  contexts: ContextKind[];
  /** Every entry point that reaches the send, across async starts (`@AuraEnabled` methods, triggers, jobs), sorted. */
  entryPoints: string[];
  patterns: ('Request-Reply' | 'Fire-and-Forget' | 'Batch Data Sync')[];
  /** Why no pattern applies; absent when one does. */
  patternNote?: string;
  /** The pattern the code calls for (the answer used? a user waiting? per record? retries?), and why. */
  advice: { pattern: 'Request-Reply' | 'Fire-and-Forget' | 'Batch Data Sync'; reason: string };
  /** Findings on the send, on its request's setters, or pointing at the send from a caller. */
  findings: SiteFinding[];
  /** A call of a WSDL2Apex port's operation (the row is the caller's call): the operation, its SOAP action, the port class. */
  soap?: { operation: string; action?: string; port: string };
  /** A request added to a Continuation: its timeout in seconds (when constant) and how many requests the Continuation holds. */
  continuation?: { timeoutSeconds?: number; requests: number };
}

export interface EventPublisherRow extends SourceLocation {
  class: string;
  method: string;
}

export interface EventSubscriberRow extends SourceLocation {
  /** Trigger name, or the Lightning component's folder name. */
  name: string;
}

export interface PlatformEventRow {
  name: string;
  /** Whether the project has `objects/<name>/<name>.object-meta.xml`. */
  defined: boolean;
  /** From the metadata: `PublishAfterCommit` or `PublishImmediately`; null when not known. */
  publishBehavior: string | null;
  publishers: EventPublisherRow[];
  subscriberTriggers: EventSubscriberRow[];
  lwcSubscribers: EventSubscriberRow[];
}

export interface Inventory {
  version: typeof INVENTORY_VERSION;
  callouts: CalloutRow[];
  platformEvents: PlatformEventRow[];
}

function location(file: AnalyzedFile, span: Span): SourceLocation {
  const r = file.source.rangeOf(span.start, span.end);
  return { file: file.path, line: r.start.line, column: r.start.character + 1 };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function siteFindings(entry: CalloutEntry, results: FileResult[]): SiteFinding[] {
  const file = entry.ref.file;
  const send = file.source.rangeOf(entry.site.span.start, entry.site.span.end);
  const own = [send, ...entry.config.setters.filter((s) => s.file === file).map((s) => file.source.rangeOf(setterSpan(s).start, setterSpan(s).end))];
  const out: SiteFinding[] = [];
  const at = (path: string, f: Finding): SiteFinding => ({
    file: path,
    line: f.range.start.line,
    column: f.range.start.character + 1,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
  });
  for (const r of results) {
    for (const f of r.findings) {
      const here = r.path === file.path && own.some((range) => overlaps(range, f.range));
      const pointsHere = f.related.some((x) => x.path === file.path && sameRange(x.range, send));
      if (here || pointsHere) out.push(at(r.path, f));
    }
  }
  return out;
}

function typeName(workspace: Workspace, ref: MethodRef): string {
  const outer = workspace.outerOf(ref.type);
  return outer ? `${outer.text}.${ref.type.text}` : ref.type.text;
}

function methodName(ref: MethodRef): string {
  return ref.method.kind === 'trigger' ? '(trigger body)' : ref.method.text;
}

function calloutRow(workspace: Workspace, entry: CalloutEntry, results: FileResult[]): CalloutRow {
  const { config } = entry;
  const t = config.timeout;
  return {
    class: typeName(workspace, entry.ref),
    method: methodName(entry.ref),
    ...location(entry.ref.file, entry.site.span),
    endpoint: config.endpoint,
    // SOAP travels as an HTTP POST.
    httpMethod: entry.soap ? 'POST' : (config.httpMethod ?? null),
    timeoutMs: t.kind === 'ms' ? t.ms : null,
    timeout: t.kind === 'ms' ? `${t.ms} ms` : t.kind === 'default' ? 'default 10 s' : 'unknown',
    auth: config.auth,
    contexts: entry.contexts,
    entryPoints: entry.entryPoints,
    patterns: entry.patterns,
    ...(entry.noPattern ? { patternNote: entry.noPattern } : {}),
    advice: { pattern: entry.advice.pattern, reason: entry.advice.reason },
    findings: siteFindings(entry, results),
    ...(entry.soap ? { soap: entry.soap } : {}),
    ...(entry.continuation ? { continuation: entry.continuation } : {}),
  };
}

function componentName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 2] ?? path;
}

function platformEventRows(workspace: Workspace, project: ProjectInfo | undefined, lwcScripts: SourceFile[]): PlatformEventRow[] {
  const rows = new Map<string, PlatformEventRow>();
  const row = (name: string) => {
    const key = name.toLowerCase();
    let r = rows.get(key);
    if (!r) {
      r = { name, defined: false, publishBehavior: null, publishers: [], subscriberTriggers: [], lwcSubscribers: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const ev of project?.platformEvents ?? []) {
    const r = row(ev.name);
    r.defined = true;
    r.publishBehavior = ev.publishBehavior ?? null;
  }
  for (const ev of apexPlatformEvents(workspace).values()) {
    const r = row(ev.name);
    for (const p of ev.publishers) r.publishers.push({ class: typeName(workspace, p.ref), method: methodName(p.ref), ...location(p.ref.file, p.span) });
    for (const t of ev.subscriberTriggers) r.subscriberTriggers.push({ name: t.type.text, ...location(t.file, t.type.nameSpan) });
  }
  for (const script of lwcScripts) {
    const model = buildLwcModel(script.text);
    const source = new SourceText(script.text);
    for (const sub of model.subscriptions) {
      const event = sub.channel !== undefined ? eventOfChannel(sub.channel) : undefined;
      if (!event) continue;
      const r = source.rangeOf(sub.span.start, sub.span.end);
      row(event).lwcSubscribers.push({ name: componentName(script.path), file: script.path, line: r.start.line, column: r.start.character + 1 });
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The inventory of a lint project: every callout site of its Apex and every
 * Platform Event. `lwcScripts` are the Lightning components' JavaScript files.
 */
export function buildInventory(project: LintProject, lwcScripts: SourceFile[] = [], token?: Cancellation): Inventory {
  const results = project.lintAll(token);
  const workspace = project.analyzedWorkspace(token);
  const info = project.projectInfo();
  return {
    version: INVENTORY_VERSION,
    callouts: calloutEntries(workspace).map((e) => calloutRow(workspace, e, results)),
    platformEvents: platformEventRows(workspace, info, lwcScripts),
  };
}
