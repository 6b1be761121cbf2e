/**
 * The tree the "Integrations" view shows, built from the server's inventory
 * (docs/inventory.md): callout sites by Named Credential or host, by
 * integration pattern, and the Platform Events with their publishers and
 * subscribers. Plain data without `vscode`, so that tests read it directly.
 * The inventory's types come from the protocol (shared/src/protocol.ts),
 * which the server's own type is checked against.
 */
import type { Inventory, InventoryCallout, InventoryEvent, SourceLocation } from '../../shared/out/protocol';

/** The names this module has always exported (tests import them). */
export type { InventoryCallout, InventoryEvent };
export type SiteLocation = SourceLocation;
export type InventoryJson = Inventory;

export interface IntegrationNode {
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id: `globe`, `key`, `symbol-event`, … */
  icon?: string;
  /** Where a click goes. */
  location?: SiteLocation;
  children: IntegrationNode[];
}

/** `POST`; `SOAP Port.operation` for a WSDL2Apex operation; `GET via Continuation` for a Continuation's request. */
function kindText(c: InventoryCallout): string {
  if (c.soap) return `SOAP ${c.soap.port}.${c.soap.operation}`;
  if (c.continuation) return `${c.httpMethod ?? ''} via Continuation`.trim();
  return c.httpMethod ?? '';
}

function siteNode(c: InventoryCallout): IntegrationNode {
  const findings = [...new Set(c.findings.map((f) => f.ruleId))];
  return {
    label: `${c.class}.${c.method}`,
    description: [kindText(c), c.timeout, findings.length ? `${findings.length} finding(s)` : ''].filter(Boolean).join(' · '),
    tooltip: [
      ...(c.soap ? [`SOAP ${c.soap.port}.${c.soap.operation}${c.soap.action ? ` (action ${c.soap.action})` : ''}`] : []),
      `auth: ${c.auth}`,
      `pattern: ${c.patterns.join(', ') || `none (${c.patternNote ?? ''})`}`,
      ...(c.advice ? [`advice: ${c.advice.pattern} (${c.advice.reason})`] : []),
      ...findings,
    ].join('\n'),
    icon: findings.length ? 'warning' : 'arrow-right',
    location: { file: c.file, line: c.line, column: c.column },
    children: [],
  };
}

function endpointKey(c: InventoryCallout): { key: string; label: string; icon: string } {
  const e = c.endpoint;
  if (e.kind === 'named-credential') return { key: `nc:${e.name.toLowerCase()}`, label: `callout:${e.name}`, icon: 'key' };
  if (e.kind === 'host') return { key: `host:${e.host}`, label: e.host, icon: 'globe' };
  return { key: 'unknown', label: 'Unknown endpoint', icon: 'question' };
}

function group(label: string, icon: string, children: IntegrationNode[], description?: string): IntegrationNode {
  return { label, icon, children, description: description ?? String(children.length) };
}

/** The view's three roots: by endpoint, by pattern, Platform Events. */
export function integrationTree(inv: InventoryJson): IntegrationNode[] {
  const byEndpoint = new Map<string, { label: string; icon: string; sites: IntegrationNode[] }>();
  const byPattern = new Map<string, IntegrationNode[]>();
  for (const c of inv.callouts) {
    const k = endpointKey(c);
    const g = byEndpoint.get(k.key) ?? { label: k.label, icon: k.icon, sites: [] };
    g.sites.push(siteNode(c));
    byEndpoint.set(k.key, g);
    for (const p of c.patterns.length ? c.patterns : ['No pattern']) byPattern.set(p, [...(byPattern.get(p) ?? []), siteNode(c)]);
  }
  const endpoints = [...byEndpoint.values()]
    .sort((a, b) => (a.label === 'Unknown endpoint' ? 1 : b.label === 'Unknown endpoint' ? -1 : a.label.localeCompare(b.label)))
    .map((g) => group(g.label, g.icon, g.sites));
  const order = ['Request-Reply', 'Fire-and-Forget', 'Batch Data Sync', 'No pattern'];
  const patterns = [...byPattern].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([p, sites]) => group(p, 'symbol-interface', sites));
  const events = inv.platformEvents.map((ev) =>
    group(
      ev.name,
      'symbol-event',
      [
        ...ev.publishers.map((p) => ({ label: `${p.class}.${p.method}`, description: 'publishes', icon: 'export', location: p, children: [] })),
        ...ev.subscriberTriggers.map((t) => ({ label: `trigger ${t.name}`, description: 'subscribes', icon: 'import', location: t, children: [] })),
        ...ev.lwcSubscribers.map((c) => ({ label: c.name, description: 'Lightning component (empApi)', icon: 'browser', location: c, children: [] })),
      ],
      ev.publishBehavior ?? undefined,
    ),
  );
  return [
    group('By endpoint', 'plug', endpoints, `${inv.callouts.length} callout site(s)`),
    group('By pattern', 'symbol-structure', patterns, ''),
    group('Platform Events', 'broadcast', events, String(events.length)),
  ];
}
