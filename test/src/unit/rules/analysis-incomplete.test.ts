/** analysis-incomplete: a file whose analysis ran out of time is reported as ours, not as the syntax error of the user. */
import * as assert from 'node:assert/strict';
import { lint } from '../../../../server/out/core/lint';
import { defaultConfig } from '../../../../server/out/base/contracts';
import { findings, fixture } from '../../support/lint';

describe('analysis-incomplete', () => {
  it('reports a file whose parse ran past its time limit, not as a syntax error', () => {
    const text = fixture('rules/analysis-incomplete.cls');
    const [result] = lint([{ path: 'GeneratedMapping.cls', text }], { ...defaultConfig(), fileTimeoutMs: -1 }, { allFiles: true });
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character, f.message]),
      [['analysis-incomplete', 'warning', 1, 0, 'Parsing took longer than -1 ms; the file is not analysed']],
    );
    assert.deepEqual(
      result.findings.map((f) => [f.messageId, f.data]),
      [['timeout', { message: 'Parsing took longer than -1 ms; the file is not analysed' }]],
    );
  });
  it('is not produced for an ordinary file within its time limit', () => {
    assert.deepEqual(findings(fixture('rules/analysis-incomplete.cls'), 'analysis-incomplete'), []);
  });
});
