import * as assert from 'node:assert/strict';
import { analyzeFile, lint, type Finding } from '../../../server/out/core/lint';
import { disableForLineEdits, disableForMethodEdits } from '../../../server/out/fixes/suppress';
import { applyCoreEdits } from '../lsp/text-edits';

const RULE = 'callout-timeout-missing';

function only(text: string, ruleId = RULE): Finding {
  const found = lint([{ path: 'Erp.cls', text }], undefined, { allFiles: true })[0].findings.filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId}`);
  return found[0];
}

function fixed(text: string, which: 'line' | 'method', ruleId = RULE): string {
  const file = analyzeFile({ path: 'Erp.cls', text });
  const finding = only(text, ruleId);
  const edits = which === 'line' ? disableForLineEdits(file, finding) : disableForMethodEdits(file, finding);
  return applyCoreEdits(text, edits);
}

function clean(text: string, ruleId = RULE): void {
  const left = lint([{ path: 'Erp.cls', text }], undefined, { allFiles: true })[0].findings.filter((f) => f.ruleId === ruleId);
  assert.deepEqual(left, []);
}

const LF = `public class Erp {
    public static HttpResponse fetch() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/stock');
        return new Http().send(req);
    }
}
`;

describe('suppression fixes (fixes/suppress)', () => {
  it('disable for this line: a directive above, with the line indentation', () => {
    const out = fixed(LF, 'line');
    assert.equal(out, LF.replace('        return new Http()', `        // apex-pattern-lint-disable-next-line ${RULE}\n        return new Http()`));
    clean(out);
  });

  it('disable for this line: keeps CRLF and tab indentation', () => {
    const src = LF.replace(/ {4}/g, '\t').replace(/\n/g, '\r\n');
    const out = fixed(src, 'line');
    assert.equal(out, src.replace('\t\treturn new Http()', `\t\t// apex-pattern-lint-disable-next-line ${RULE}\r\n\t\treturn new Http()`));
    clean(out);
  });

  it('disable for this line: appends the id to a directive already above', () => {
    const src = LF.replace('        return new Http()', '        // apex-pattern-lint-disable-next-line callout-in-loop\n        return new Http()');
    const out = fixed(src, 'line');
    assert.equal(out, src.replace('next-line callout-in-loop', `next-line callout-in-loop, ${RULE}`));
    clean(out);
  });

  it('disable for this method: @SuppressWarnings on its own line above the method', () => {
    const out = fixed(LF, 'method');
    assert.equal(
      out,
      LF.replace('    public static HttpResponse fetch', `    @SuppressWarnings('apex-pattern-lint:${RULE}')\n    public static HttpResponse fetch`),
    );
    clean(out);
  });

  it('disable for this method: goes above existing annotations, keeps CRLF and tabs', () => {
    const src = LF.replace('    public static HttpResponse fetch', '    @AuraEnabled\n    public static HttpResponse fetch')
      .replace(/ {4}/g, '\t')
      .replace(/\n/g, '\r\n');
    const out = fixed(src, 'method');
    assert.equal(out, src.replace('\t@AuraEnabled', `\t@SuppressWarnings('apex-pattern-lint:${RULE}')\r\n\t@AuraEnabled`));
    clean(out);
  });

  it('disable for this method: merges into an existing @SuppressWarnings string', () => {
    const src = LF.replace('    public static HttpResponse fetch', "    @SuppressWarnings('PMD.ApexCRUDViolation')\n    public static HttpResponse fetch");
    const out = fixed(src, 'method');
    assert.equal(out, src.replace("'PMD.ApexCRUDViolation'", `'PMD.ApexCRUDViolation, apex-pattern-lint:${RULE}'`));
    clean(out);
  });

  it('disable for this method: nothing to offer outside a method (trigger body)', () => {
    const src = `trigger OrderSync on Order (after insert) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint('callout:ERP/orders');
    new Http().send(req);
}
`;
    const file = analyzeFile({ path: 'OrderSync.trigger', text: src });
    const finding = lint([{ path: 'OrderSync.trigger', text: src }], undefined, { allFiles: true })[0].findings.find(
      (f) => f.ruleId === 'unchecked-callout-response',
    )!;
    assert.ok(finding);
    assert.deepEqual(disableForMethodEdits(file, finding), []);
    assert.equal(disableForLineEdits(file, finding).length, 1);
  });

  it('disable for this line on the first line of a file without a trailing newline', () => {
    const file = analyzeFile({ path: 'Erp.cls', text: 'public class Erp {}' });
    const edits = disableForLineEdits(file, { ruleId: 'syntax-error', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } });
    assert.equal(applyCoreEdits('public class Erp {}', edits), '// apex-pattern-lint-disable-next-line syntax-error\npublic class Erp {}');
  });
});
