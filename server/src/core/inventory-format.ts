/**
 * The integration inventory as text: an aligned table for the terminal,
 * Markdown for a wiki page, CSV for a spreadsheet. Shared by the CLI's
 * `inventory` command and the editor's "Export integration inventory".
 * Paths are shown relative to `base` (JSON keeps them absolute).
 */
import { CONTEXT_LABEL } from '../analysis/contexts';
import type { CalloutRow, Inventory, PlatformEventRow, SourceLocation } from './inventory';

export type InventoryFormat = 'table' | 'md' | 'csv' | 'json';
export const INVENTORY_FORMATS: readonly InventoryFormat[] = ['table', 'md', 'json', 'csv'];

const FEW = 3;

function relative(file: string, base: string): string {
  const b = base.replace(/[\\/]+$/, '');
  return file.startsWith(b + '/') || file.startsWith(b + '\\') ? file.slice(b.length + 1).replace(/\\/g, '/') : file;
}

function at(loc: SourceLocation, base: string): string {
  return `${relative(loc.file, base)}:${loc.line}`;
}

export function endpointText(row: CalloutRow): string {
  const e = row.endpoint;
  if (e.kind === 'named-credential') return `callout:${e.name}`;
  if (e.kind === 'host') return e.host;
  return `unknown (${e.reason})`;
}

/** `POST`; for a SOAP operation `SOAP MetadataService.MetadataPort.readMetadata (action)`; for a Continuation's request `GET via Continuation (2 requests)`. */
export function httpText(row: CalloutRow): string {
  if (row.soap) return `SOAP ${row.soap.port}.${row.soap.operation}${row.soap.action ? ` (${row.soap.action})` : ''}`;
  if (row.continuation)
    return `${row.httpMethod ?? 'not set'} via Continuation (${row.continuation.requests} request${row.continuation.requests === 1 ? '' : 's'})`;
  return row.httpMethod ?? 'not set';
}

function few(items: string[]): string {
  return items.length <= FEW ? items.join(', ') : `${items.slice(0, FEW).join(', ')} (+${items.length - FEW} more)`;
}

export function patternText(row: CalloutRow): string {
  return row.patterns.length ? row.patterns.join(', ') : `none: ${row.patternNote ?? ''}`;
}

export function adviceText(row: CalloutRow): string {
  return `${row.advice.pattern}: ${row.advice.reason}`;
}

function contextsText(row: CalloutRow): string {
  return row.contexts.map((k) => CONTEXT_LABEL[k]).join(', ') || 'none known';
}

function findingsText(row: CalloutRow): string {
  const ids = row.findings.map((f) => f.ruleId);
  return [...new Set(ids)].join(', ');
}

interface Column {
  title: string;
  value: (row: CalloutRow, base: string) => string;
}

const COLUMNS: Column[] = [
  { title: 'Site', value: (r) => `${r.class}.${r.method}` },
  { title: 'File', value: (r, base) => at(r, base) },
  { title: 'Endpoint', value: endpointText },
  { title: 'HTTP', value: httpText },
  { title: 'Timeout', value: (r) => r.timeout },
  { title: 'Auth', value: (r) => r.auth },
  { title: 'Contexts', value: contextsText },
  { title: 'Entry points', value: (r) => few(r.entryPoints) || 'none' },
  { title: 'Pattern', value: patternText },
  { title: 'Advice', value: adviceText },
  { title: 'Findings', value: findingsText },
];

function eventLines(ev: PlatformEventRow, base: string): string[] {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  return [
    `publish behaviour: ${ev.publishBehavior ?? (ev.defined ? 'not set' : ev.name.startsWith('(') ? 'n/a (the event type of these publishes is not known)' : `unknown (no objects/${ev.name} metadata)`)}`,
    `publishers: ${list(ev.publishers.map((p) => `${p.class}.${p.method} (${at(p, base)})`))}`,
    `subscriber triggers: ${list(ev.subscriberTriggers.map((t) => `${t.name} (${at(t, base)})`))}`,
    `Lightning components (empApi): ${list(ev.lwcSubscribers.map((c) => `${c.name} (${at(c, base)})`))}`,
  ];
}

/** In the terminal the class names the file: show its name only, to keep rows on one screen. */
function table(inv: Inventory, base: string): string {
  const rows = inv.callouts.map((r) => COLUMNS.map((c) => (c.title === 'File' ? `${r.file.split(/[\\/]/).pop()}:${r.line}` : c.value(r, base))));
  const head = COLUMNS.map((c) => c.title);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [`Callout sites (${inv.callouts.length})`, '', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push('', `Platform Events (${inv.platformEvents.length})`);
  for (const ev of inv.platformEvents) out.push('', ev.name, ...eventLines(ev, base).map((l) => `  ${l}`));
  return out.join('\n') + '\n';
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function markdown(inv: Inventory, base: string): string {
  const out = ['# Integration inventory', '', `## Callout sites (${inv.callouts.length})`, ''];
  out.push(`| ${COLUMNS.map((c) => c.title).join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const r of inv.callouts) out.push(`| ${COLUMNS.map((c) => mdCell(c.value(r, base))).join(' | ')} |`);
  out.push('', `## Platform Events (${inv.platformEvents.length})`);
  for (const ev of inv.platformEvents) out.push('', `### ${ev.name}`, '', ...eventLines(ev, base).map((l) => `- ${mdCell(l)}`));
  return out.join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_HEAD = [
  'class',
  'method',
  'file',
  'line',
  'endpoint',
  'http_method',
  'timeout',
  'auth',
  'contexts',
  'entry_points',
  'patterns',
  'advice',
  'findings',
];

/** CSV of the callout sites (one row each); Platform Events are in the JSON, table and Markdown forms. */
function csv(inv: Inventory, base: string): string {
  const rows = inv.callouts.map((r) => [
    r.class,
    r.method,
    relative(r.file, base),
    String(r.line),
    endpointText(r),
    r.soap || r.continuation ? httpText(r) : (r.httpMethod ?? ''),
    r.timeout,
    r.auth,
    r.contexts.map((k) => CONTEXT_LABEL[k]).join('; '),
    r.entryPoints.join('; '),
    patternText(r),
    adviceText(r),
    findingsText(r).replace(/, /g, '; '),
  ]);
  return [CSV_HEAD, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function formatInventory(inv: Inventory, format: InventoryFormat, base: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(inv, null, 2) + '\n';
    case 'md':
      return markdown(inv, base);
    case 'csv':
      return csv(inv, base);
    default:
      return table(inv, base);
  }
}
