/**
 * Manifest summaries kept across an edit inside one method body
 * (carry-facts.ts): a method that cannot reach the edited body keeps its
 * summary, with its witness chain moved by the edit's length when it lies
 * below the edit; the methods that may reach the edited body derive theirs
 * again. Each kept summary must equal what a fresh workspace derives.
 */
import * as assert from 'node:assert/strict';
import type { SourceFile } from '../../../../server/out/base/contracts';
import { analyzeFile } from '../../../../server/out/core/analyze-file';
import { reanalyzeMember, reparsedMemberOf } from '../../../../server/out/core/reparse';
import { Workspace, type AnalyzedFile, type MethodRef } from '../../../../server/out/analysis/workspace';
import { callIndex } from '../../../../server/out/analysis/callindex';
import { carryCallFacts } from '../../../../server/out/analysis/carry-facts';

const ERP = `public class ErpService {
  public static void first() {
    System.debug(1);
  }
  public static void second() {
    HttpRequest r = new HttpRequest();
    r.setEndpoint('callout:Erp');
    r.setTimeout(5000);
    new Http().send(r);
  }
  public static void third() {
    second();
  }
}`;
const CHECKOUT = `public class Checkout {
  public void done(Account a) {
    insert a;
    ErpService.second();
  }
  public void audit(Account a) {
    ErpService.first();
  }
}`;

function ref(file: AnalyzedFile, name: string): MethodRef {
  for (const type of file.model.types) for (const method of type.methods) if (method.name === name) return { file, type, method };
  throw new Error(`no method ${name} in ${file.path}`);
}

/** The summary as a user reads its chain: messages, files and spans. */
function shown(s: { callout?: { file: AnalyzedFile; span: unknown; message: string }[] }): string {
  return JSON.stringify((s.callout ?? []).map((step) => [step.file.path, step.span, step.message]));
}

/** The workspace before an edit of ErpService (its summaries derived), the one after it with facts carried, and a fresh one. */
function edited(from: string, to: string) {
  const files: SourceFile[] = [
    { path: '/p/ErpService.cls', text: ERP },
    { path: '/p/Checkout.cls', text: CHECKOUT },
  ];
  const analyzed = files.map((f) => analyzeFile(f));
  const previous = new Workspace(analyzed);
  const before = callIndex(previous);
  for (const f of analyzed) for (const t of f.model.types) for (const m of t.methods) before.manifest.summary({ file: f, type: t, method: m });
  const after = reanalyzeMember(analyzed[0], ERP.replace(from, to));
  assert.ok(after, 'the edit is confined to one body');
  const next = new Workspace([after, analyzed[1]]);
  assert.ok(carryCallFacts(previous, next, { ...reparsedMemberOf(after)!, after }) > 0);
  const fresh = new Workspace([analyzeFile({ path: '/p/ErpService.cls', text: ERP.replace(from, to) }), analyzeFile(files[1])]);
  return { next, erp: after, checkout: analyzed[1], fresh };
}

describe('manifest summaries kept across an edit inside one method body', () => {
  it('keeps the summary of a method below the edit, its chain moved by the lines added', () => {
    const { next, erp, fresh } = edited('System.debug(1);', 'System.debug(1);\n    System.debug(2);');
    const manifest = callIndex(next).manifest;
    const second = ref(erp, 'second');
    assert.ok(manifest.isSettled(second.method), 'second() is kept: the edit in first() cannot change it');
    const freshSecond = ref(fresh.files[0], 'second');
    const kept = manifest.baseSummary(second);
    assert.equal(shown(kept), shown(callIndex(fresh).manifest.baseSummary(freshSecond)));
    // The send is on line 10 now (0-based offsets): one line further down than before the edit.
    assert.equal(kept.callout?.[0].span.start, erp.source.text.indexOf('new Http().send(r)') + 'new Http().'.length);
  });

  it('derives again the summaries of the callers of an edited callee, in its file and in others', () => {
    const { next, erp, checkout, fresh } = edited("r.setEndpoint('callout:Erp');", "r.setEndpoint('callout:Erp2');");
    const manifest = callIndex(next).manifest;
    assert.ok(!manifest.isSettled(ref(erp, 'second').method), 'the edited method');
    assert.ok(!manifest.isSettled(ref(erp, 'third').method), 'a caller in the edited file');
    assert.ok(!manifest.isSettled(ref(checkout, 'done').method), 'a caller in another file');
    assert.ok(manifest.isSettled(ref(erp, 'first').method), 'a method the edited one does not reach');
    assert.ok(manifest.isSettled(ref(checkout, 'audit').method), 'a method of another file that does not reach it');
    for (const [file, name] of [
      [checkout, 'done'],
      [erp, 'third'],
    ] as const) {
      const freshFile = fresh.files[file === erp ? 0 : 1];
      assert.equal(shown(manifest.baseSummary(ref(file, name))), shown(callIndex(fresh).manifest.baseSummary(ref(freshFile, name))), name);
    }
  });
});
