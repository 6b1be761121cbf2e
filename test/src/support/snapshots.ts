/**
 * The full CLI output of every fixture and of the example project, as the
 * checked-in snapshots under test/snapshots/ hold it: `apex-pattern-lint
 * --format json`, with every path relative to its project. A rule change
 * shows up as a diff of these files, reviewed like code
 * (`npm run test:update-snapshots` rewrites them).
 *
 * Each fixture is linted as a user would meet it: placed in an SFDX project
 * of its own (each sfdx-project.json is its own world, so one CLI run lints
 * them all without one fixture seeing another), with the few files its rule
 * needs around it (the trigger that calls a handler, the Named Credentials or
 * Platform Events of the project). One run of the real CLI, no timings in the
 * output, and a file timeout far above any machine's, so the snapshots are
 * the same everywhere.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './lint';

export const SNAPSHOT_DIR = path.join(ROOT, 'test', 'snapshots');
const FIXTURE_DIR = path.join(ROOT, 'test', 'fixtures');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const SOURCE = path.join('force-app', 'main', 'default');

/** What a fixture needs around it: files by their path below force-app/main/default, and the Lightning component its script is. */
interface FixtureContext {
  files?: Record<string, string>;
  component?: string;
}

const SFDX_PROJECT = JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }, null, 2) + '\n';

const namedCredential = (label: string, endpoint: string) => `<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <endpoint>${endpoint}</endpoint>
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <label>${label}</label>
    <principalType>Anonymous</principalType>
    <protocol>NoAuthentication</protocol>
</NamedCredential>
`;

const platformEvent = (name: string) => ({
  [`objects/${name}/${name}.object-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>HighVolume</eventType>
    <label>${name.replace(/__e$/, '').replace(/_/g, ' ')}</label>
    <pluralLabel>${name.replace(/__e$/, '').replace(/_/g, ' ')}s</pluralLabel>
    <publishBehavior>PublishAfterCommit</publishBehavior>
</CustomObject>
`,
});

/** By fixture file name without its extension; a fixture not listed is linted alone in its project. */
const CONTEXT: Record<string, FixtureContext> = {
  'callout-in-trigger': {
    files: { 'triggers/OrderTrigger.trigger': 'trigger OrderTrigger on Order (after insert) {\n    OrderSyncHandler.afterInsert(Trigger.new);\n}\n' },
  },
  'event-retry-unbounded': {
    files: {
      'triggers/InvoiceEventTrigger.trigger':
        'trigger InvoiceEventTrigger on Invoice_Event__e (after insert) {\n    InvoiceEventHandler.retryLocked(Trigger.new);\n    InvoiceEventHandler.retryBounded(Trigger.new);\n}\n',
      ...platformEvent('Invoice_Event__e'),
    },
  },
  'named-credential-unknown': {
    files: {
      'namedCredentials/Carrier_API.namedCredential-meta.xml': namedCredential('Carrier API', 'https://api.carrier.example.com'),
      'namedCredentials/ERP.namedCredential-meta.xml': namedCredential('ERP', 'https://erp.example.com/api'),
    },
  },
  'empapi-error-handler-missing': { component: 'shipmentStatus', files: platformEvent('Shipment_Status__e') },
  'empapi-unsubscribe-missing': { component: 'shipmentFeed', files: platformEvent('Shipment_Status__e') },
  'event-channel-unknown': { component: 'orderWatcher', files: { ...platformEvent('Order_Event__e'), ...platformEvent('Invoice_Event__e') } },
};

/** The name of the first type a class or trigger file declares (comments and strings aside): its file name in a real project. */
function declaredName(text: string): string | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return /\b(?:class|interface|enum|trigger)\s+([A-Za-z]\w*)/.exec(code)?.[1];
}

/** Where a fixture file goes in its project, below force-app/main/default. */
function placeOf(file: string, text: string, context: FixtureContext): string {
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  if (ext === '.js') {
    const component = context.component ?? base.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    return `lwc/${component}/${component}.js`;
  }
  const name = declaredName(text) ?? base;
  return ext === '.trigger' ? `triggers/${name}.trigger` : `classes/${name}${ext}`;
}

/** One snapshot: its path below test/snapshots/ and the project folder whose CLI output it records. */
interface Subject {
  snapshot: string;
  project: string;
}

/** Writes each fixture file's project under `tmp`; a fixture that is a folder is linted where it is. The example projects too. */
function subjects(tmp: string): Subject[] {
  const out: Subject[] = [];
  for (const group of fs.readdirSync(FIXTURE_DIR).sort()) {
    const groupDir = path.join(FIXTURE_DIR, group);
    if (!fs.statSync(groupDir).isDirectory()) continue;
    for (const entry of fs.readdirSync(groupDir).sort()) {
      const from = path.join(groupDir, entry);
      const id = entry.replace(/\.[^.]+$/, '');
      const snapshot = `${group}/${id}.json`;
      if (fs.statSync(from).isDirectory()) {
        out.push({ snapshot, project: from });
        continue;
      }
      const project = path.join(tmp, group, id);
      const context = CONTEXT[id] ?? {};
      const text = fs.readFileSync(from, 'utf8');
      const files = { ...context.files, [placeOf(entry, text, context)]: text };
      fs.mkdirSync(project, { recursive: true });
      fs.writeFileSync(path.join(project, 'sfdx-project.json'), SFDX_PROJECT);
      for (const [rel, content] of Object.entries(files)) {
        const target = path.join(project, SOURCE, rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
      out.push({ snapshot, project });
    }
  }
  for (const example of fs.readdirSync(EXAMPLES_DIR).sort()) {
    const project = path.join(EXAMPLES_DIR, example);
    if (fs.statSync(project).isDirectory()) out.push({ snapshot: `examples/${example}.json`, project });
  }
  return out;
}

interface JsonLocation {
  filePath: string;
}
interface JsonMessage {
  relatedLocations?: JsonLocation[];
}
interface JsonResult extends JsonLocation {
  messages: JsonMessage[];
}

/** `/…/project/force-app/…` → `force-app/…`, with forward slashes on every machine. */
function relative(project: string, file: string): string {
  return path.relative(project, file).split(path.sep).join('/');
}

/** Every snapshot's text by its path below test/snapshots/ (forward slashes), from one run of the built CLI. */
export function renderSnapshots(): Map<string, string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-snapshots-'));
  try {
    const all = subjects(tmp);
    const config = path.join(tmp, 'apexpatternlintrc.json');
    fs.writeFileSync(config, '{}\n');
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'apex-pattern-lint.js'), '--format', 'json', '--config', config, '--file-timeout', '600000', ...all.map((s) => s.project)],
      { cwd: tmp, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    // 0 clean, 1 findings at error level; anything else is a broken run, not a snapshot.
    if (run.status !== 0 && run.status !== 1) throw new Error(`apex-pattern-lint exited with ${run.status}: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const snapshots = new Map<string, string>();
    for (const subject of all) {
      const inside = (p: string) => !path.relative(subject.project, p).startsWith('..');
      const own = results
        .filter((r) => inside(r.filePath))
        .map((r) => ({
          ...r,
          filePath: relative(subject.project, r.filePath),
          messages: r.messages.map((m) =>
            m.relatedLocations ? { ...m, relatedLocations: m.relatedLocations.map((l) => ({ ...l, filePath: relative(subject.project, l.filePath) })) } : m,
          ),
        }))
        .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
      snapshots.set(subject.snapshot, JSON.stringify(own, null, 2) + '\n');
    }
    return snapshots;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The snapshot files checked in, by their path below test/snapshots/ (forward slashes). */
export function storedSnapshots(): Map<string, string> {
  const stored = new Map<string, string>();
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) stored.set(relative(SNAPSHOT_DIR, full), fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n'));
    }
  };
  walk(SNAPSHOT_DIR);
  return stored;
}
