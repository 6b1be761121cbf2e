import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import {
  DEFAULT_API_VERSION,
  namedCredentialFile,
  optionDefaults,
  patternCatalog,
  validateField,
  namedCredentialXml,
  PATTERNS,
  scaffold,
  ScaffoldError,
  TEMPLATES_DIR,
  templatesRead,
  type ScaffoldRequest,
} from '../../../../server/out/scaffold';
import { ROOT } from '../../support/lint';
import { listFiles } from './support';

const REQUESTS: ScaffoldRequest[] = [
  { pattern: 'request-reply', name: 'CreditCheck', options: { url: 'https://erp.example.com' } },
  { pattern: 'fire-and-forget', name: 'OrderSync', options: { url: 'https://erp.example.com' } },
  { pattern: 'batch-sync', name: 'AccountErp', options: { url: 'https://erp.example.com' } },
  { pattern: 'ui-update', name: 'Shipment' },
  { pattern: 'named-credential', name: 'ERP', options: { url: 'https://erp.example.com' } },
];

describe('scaffold: the pure API', () => {
  const root = path.join(path.sep, 'work', 'org');

  it('PATTERNS describes each pattern once, with a title, a one-line description and valid defaults', () => {
    assert.deepEqual(
      PATTERNS.map((p) => p.id),
      ['request-reply', 'fire-and-forget', 'batch-sync', 'ui-update', 'named-credential'],
    );
    for (const p of PATTERNS) {
      assert.ok(p.title && p.description && !p.description.includes('\n'), p.id);
      assert.equal(p.validateName(p.nameExample), undefined, p.id);
      for (const o of p.options) {
        if (o.defaultFor) assert.equal(o.validate(o.defaultFor(p.nameExample)), undefined, `${p.id} --${o.id}`);
        for (const c of o.choices ?? []) assert.equal(o.validate(c), undefined, `${p.id} --${o.id} ${c}`);
      }
    }
  });

  it('the catalog crosses a process boundary: JSON-safe descriptions, defaults per name, field validation', () => {
    const catalog = patternCatalog();
    assert.deepEqual(JSON.parse(JSON.stringify(catalog)), catalog);
    assert.deepEqual(
      catalog.find((p) => p.id === 'fire-and-forget')!.options.map((o) => o.id),
      ['event', 'publish-behavior', 'named-credential', 'path', 'timeout', 'url'],
    );
    assert.deepEqual(catalog.find((p) => p.id === 'ui-update')!.options.find((o) => o.id === 'publish-behavior')!.choices, ['after-commit', 'immediately']);
    assert.deepEqual(optionDefaults('ui-update', 'Shipment'), {
      event: 'ShipmentStatus__e',
      component: 'shipmentStatusFeed',
      'publish-behavior': 'after-commit',
    });
    assert.deepEqual(optionDefaults('named-credential', 'ERP_Credit'), { label: 'ERP Credit' });
    assert.equal(validateField('fire-and-forget', 'name', 'OrderSync'), undefined);
    assert.equal(validateField('fire-and-forget', 'event', 'Order'), 'Platform Event API name "Order" must end with "__e" (for example Order_Event__e)');
    assert.equal(validateField('fire-and-forget', 'url', ''), undefined);
    assert.equal(validateField('named-credential', 'url', ''), 'Endpoint URL (https) is required');
    assert.equal(validateField('batch-sync', 'event', 'X__e'), 'Option "event" does not apply to batch-sync');
  });

  it('returns absolute paths below the default package directory, and writes nothing', () => {
    const project = parseSfdxProject(root, JSON.stringify({ packageDirectories: [{ path: 'a' }, { path: 'b', default: true }], sourceApiVersion: '60.0' }));
    for (const request of REQUESTS) {
      const { files } = scaffold(request, project);
      assert.ok(files.length > 0);
      for (const f of files) assert.ok(f.path.startsWith(path.join(root, 'b', 'main', 'default') + path.sep), f.path);
    }
    assert.equal(fs.existsSync(root), false);
  });

  it(`falls back to API version ${DEFAULT_API_VERSION} when sfdx-project.json has none`, () => {
    const project = parseSfdxProject(root, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    const { files } = scaffold({ pattern: 'request-reply', name: 'CreditCheck' }, project);
    const meta = files.find((f) => f.path.endsWith('CreditCheckService.cls-meta.xml'))!;
    assert.ok(meta.text.includes(`<apiVersion>${DEFAULT_API_VERSION}</apiVersion>`));
  });

  it('throws ScaffoldError listing every problem', () => {
    const project = parseSfdxProject(root, '{}');
    assert.throws(
      () => scaffold({ pattern: 'fire-and-forget', name: '../x', options: { event: 'Evt', timeout: '0' } }, project),
      (e: unknown) => e instanceof ScaffoldError && e.problems.length === 3,
    );
  });

  it('namedCredentialXml produces the shape the example project uses', () => {
    const example = fs.readFileSync(path.join(ROOT, 'examples/order-integration/force-app/main/default/namedCredentials/ERP.namedCredential-meta.xml'), 'utf8');
    assert.equal(namedCredentialXml('ERP', 'https://erp.example.com/api'), example);
    assert.ok(namedCredentialXml('ERP_Credit', 'https://erp.example.com').includes('<label>ERP Credit</label>'));
    assert.throws(() => namedCredentialXml('ERP', 'http://erp.example.com'), ScaffoldError);
    assert.throws(() => namedCredentialXml('../ERP', 'https://erp.example.com'), ScaffoldError);
    const project = parseSfdxProject(root, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    assert.deepEqual(namedCredentialFile(project, 'ERP', 'https://erp.example.com/api'), {
      path: path.join(root, 'force-app', 'main', 'default', 'namedCredentials', 'ERP.namedCredential-meta.xml'),
      text: example,
    });
  });

  it('every template file is used by some pattern, and templates ship with the package', () => {
    const project = parseSfdxProject(root, JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    for (const r of REQUESTS) scaffold(r, project);
    assert.equal(TEMPLATES_DIR, path.join(ROOT, 'templates'));
    assert.deepEqual(templatesRead(), listFiles(TEMPLATES_DIR));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files?: string[] };
    if (pkg.files) assert.ok(pkg.files.some((f) => f.replace(/\/.*$/, '') === 'templates'));
    const vscodeignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.doesNotMatch(vscodeignore, /^templates/m);
  });
});
