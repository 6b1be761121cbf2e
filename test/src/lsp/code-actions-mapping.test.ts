/**
 * How the server maps the core's fixes to LSP, on hand-made findings: the
 * rules' own fixes are exercised through the protocol as the rules ship them;
 * these pin the generic plumbing (versioned edits, created files, fix-all).
 */
import * as assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../server/out/core/lint';
import { PublishedFindings, codeActions, fixAllEdits, fixEdit, type EditContext } from '../../../server/out/lsp/code-actions';
import { toDiagnostic } from '../../../server/out/lsp/convert';
import { applyEdits } from './text-edits';

const PATH = '/ws/force-app/main/default/classes/Erp.cls';
const URI = 'file:///ws/force-app/main/default/classes/Erp.cls';
const TEXT = `public class Erp {
    public static void go() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('http://erp.example.com/x');
        new Http().send(req);
    }
}
`;

function at(line: number, character: number, endCharacter = character) {
  return { start: { line, character }, end: { line, character: endCharacter } };
}

function fix(title: string, safe: boolean, edits: { line: number; from: number; to: number; text: string }[], extra: Partial<Fix> = {}): Fix {
  return { title, safe, changes: [{ path: PATH, edits: edits.map((e) => ({ range: at(e.line, e.from, e.to), newText: e.text })) }], creates: [], ...extra };
}

function finding(ruleId: Finding['ruleId'], range: Finding['range'], fixes: Fix[]): Finding {
  return { ruleId, severity: 'warning', messageId: 'here', message: `${ruleId} here`, range, related: [], fixes };
}

const timeoutFix = fix('Set a 10 s timeout on req', true, [{ line: 5, from: 0, to: 0, text: '        req.setTimeout(10000);\n' }]);
const httpsFix = fix('Use https://', true, [{ line: 4, from: 25, to: 29, text: 'https' }]);
const credential = fix('Use Named Credential Erp', false, [{ line: 4, from: 24, to: 48, text: "'callout:Erp/x'" }], {
  creates: [{ path: '/ws/force-app/main/default/namedCredentials/Erp.namedCredential-meta.xml', text: '<NamedCredential/>\n' }],
});

function published(findings: Finding[]): PublishedFindings {
  const uriFor = (p: string) => `file://${p}`;
  return new PublishedFindings(
    URI,
    7,
    PATH,
    TEXT,
    findings,
    findings.map((f) => toDiagnostic(f, uriFor)),
  );
}

function context(overrides: Partial<EditContext> = {}): EditContext {
  return { documentChanges: true, createFiles: true, uriFor: (p) => `file://${p}`, versionOf: () => null, fileExists: () => false, ...overrides };
}

describe('language server: mapping fixes to code actions', () => {
  it('a fix is a TextDocumentEdit on the version its finding was computed for', () => {
    const pub = published([finding('callout-timeout-missing', at(5, 19, 28), [timeoutFix])]);
    const edit = fixEdit(timeoutFix, pub, context())!;
    assert.deepEqual(edit, {
      documentChanges: [{ textDocument: { uri: URI, version: 7 }, edits: [{ range: at(4, 0), newText: '        req.setTimeout(10000);\n' }] }],
    });
  });

  it('a created file comes first, as CreateFile with ignoreIfExists (never overwrite), then its text', () => {
    const pub = published([finding('hardcoded-endpoint', at(4, 12, 49), [credential])]);
    const edit = fixEdit(credential, pub, context())!;
    const target = 'file:///ws/force-app/main/default/namedCredentials/Erp.namedCredential-meta.xml';
    assert.deepEqual(edit.documentChanges, [
      { kind: 'create', uri: target, options: { ignoreIfExists: true } },
      { textDocument: { uri: target, version: null }, edits: [{ range: at(0, 0), newText: '<NamedCredential/>\n' }] },
      { textDocument: { uri: URI, version: 7 }, edits: [{ range: at(3, 24, 48), newText: "'callout:Erp/x'" }] },
    ]);
  });

  it("the edit of the document the action was asked on comes last, after the created files and the other classes' edits", () => {
    const service = '/ws/force-app/main/default/classes/ErpService.cls';
    const move: Fix = {
      title: 'Move the call',
      safe: false,
      changes: [
        { path: PATH, edits: [{ range: at(4, 8, 29), newText: 'ErpService.go();' }] },
        { path: service, edits: [{ range: at(1, 0), newText: '    public static void go() {}\n' }] },
      ],
      creates: [{ path: '/ws/force-app/main/default/classes/ErpJob.cls', text: 'public class ErpJob {}\n' }],
    };
    const edit = fixEdit(move, published([finding('callout-after-dml', at(4, 8, 29), [move])]), context({ versionOf: (p) => (p === service ? 3 : null) }))!;
    assert.deepEqual(
      (edit.documentChanges ?? []).map((c) =>
        'textDocument' in c ? `edit ${c.textDocument.uri} v${c.textDocument.version}` : c.kind === 'create' ? `create ${c.uri}` : c.kind,
      ),
      [
        'create file:///ws/force-app/main/default/classes/ErpJob.cls',
        'edit file:///ws/force-app/main/default/classes/ErpJob.cls vnull',
        'edit file:///ws/force-app/main/default/classes/ErpService.cls v3',
        `edit ${URI} v7`,
      ],
    );
  });

  it('a fix that would create an existing file, or that the client cannot apply, is not offered', () => {
    const pub = published([finding('hardcoded-endpoint', at(4, 12, 49), [credential])]);
    assert.equal(fixEdit(credential, pub, context({ fileExists: () => true })), undefined);
    assert.equal(fixEdit(credential, pub, context({ createFiles: false })), undefined);
    assert.equal(fixEdit(credential, pub, context({ documentChanges: false })), undefined);
    assert.deepEqual(fixEdit(httpsFix, pub, context({ documentChanges: false })), { changes: { [URI]: [{ range: at(3, 25, 29), newText: 'https' }] } });
  });

  it('rule fixes come first, the first safe one preferred, then the suppressions and the documentation', () => {
    const f = finding('insecure-endpoint', at(4, 12, 49), [credential, httpsFix]);
    const pub = published([f]);
    const actions = codeActions(pub, { range: pub.diagnostics[0].range, diagnostics: pub.diagnostics }, context());
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Use Named Credential Erp', false],
        ['Use https://', true],
        ['Disable apex-pattern-lint insecure-endpoint for this line', false],
        ['Disable insecure-endpoint for this method', false],
        ['Show documentation for insecure-endpoint', false],
      ],
    );
  });

  it('fix-all applies every safe fix once, skipping unsafe and overlapping ones, in one edit', () => {
    const overlapping = fix('Other https', true, [{ line: 4, from: 26, to: 28, text: 'X' }]);
    const pub = published([
      finding('insecure-endpoint', at(4, 12, 49), [httpsFix]),
      finding('hardcoded-endpoint', at(4, 12, 49), [credential, overlapping]),
      finding('callout-timeout-missing', at(5, 19, 28), [timeoutFix]),
    ]);
    const out = applyEdits(TEXT, fixAllEdits(pub));
    assert.equal(out, TEXT.replace("'http://", "'https://").replace('        new Http()', '        req.setTimeout(10000);\n        new Http()'));
    const [action] = codeActions(pub, { range: at(0, 0), diagnostics: [], only: ['source.fixAll'] }, context());
    assert.equal(action.kind, 'source.fixAll.apexPatternLint');
    assert.deepEqual((action.edit!.documentChanges![0] as { textDocument: unknown }).textDocument, { uri: URI, version: 7 });
  });
});
