/**
 * Message ids: a rule reports an id of its `meta.messages` and the values of
 * the placeholders; the core renders the text. A bad id or a missing value is
 * the rule's bug, and shows as an `analysis-incomplete` finding, never as a
 * sentence with a hole in it or a crash.
 */
import * as assert from 'node:assert/strict';
import { renderMessage, type LwcRule, type Rule, type RuleMeta } from '../../../server/out/rules/rule';
import { lwcRules, rules } from '../../../server/out/rules';
import { LintProject } from '../../../server/out/core/project';
import { lint } from '../../../server/out/core/lint';
import { defaultConfig, type RuleId } from '../../../server/out/base/contracts';
import { findings, messageOf } from '../support/lint';

const META: RuleMeta = {
  id: 'hardcoded-endpoint',
  description: 'test',
  defaultSeverity: 'warning',
  fixable: false,
  testCode: 'report',
  messages: { hardcoded: "Hard-coded endpoint '{{url}}': {{ advice }}", plain: 'No placeholders {here}', twice: '{{name}} and {{name}}' },
};

describe('renderMessage', () => {
  it('fills every placeholder from the data, once, and leaves single braces and $ patterns alone', () => {
    assert.equal(
      renderMessage(META, 'hardcoded', { url: 'https://a.example.com', advice: 'use a Named Credential' }),
      "Hard-coded endpoint 'https://a.example.com': use a Named Credential",
    );
    assert.equal(renderMessage(META, 'plain'), 'No placeholders {here}');
    assert.equal(renderMessage(META, 'twice', { name: '$& {{name}} $1' }), '$& {{name}} $1 and $& {{name}} $1');
    assert.equal(renderMessage(META, 'twice', { name: 0 }), '0 and 0');
  });
  it('throws on an id the rule does not declare, and on a placeholder without a value', () => {
    assert.throws(() => renderMessage(META, 'nope'), /hardcoded-endpoint reported an undeclared message id 'nope'/);
    assert.throws(() => renderMessage(META, 'toString'), /undeclared message id 'toString'/);
    assert.throws(() => renderMessage(META, 'hardcoded', { url: 'x' }), /hardcoded-endpoint message 'hardcoded' lacks a value for \{\{advice\}\}/);
  });
});

const CLASS = `public class Erp {
    public static HttpResponse post() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders');
        req.setTimeout(5000);
        HttpResponse res = new Http().send(req);
        System.debug(res.getStatusCode());
        return res;
    }
}`;

/** Run `check` with `rule` added to the rules of the core, and take it out again. */
function withRule<T>(list: Rule[] | LwcRule[], rule: Rule | LwcRule, check: () => T): T {
  (list as (Rule | LwcRule)[]).push(rule);
  try {
    return check();
  } finally {
    list.pop();
  }
}

describe('a rule that reports a message it does not declare', () => {
  const meta = (messages: Record<string, string>): RuleMeta => ({
    id: 'broken-rule' as RuleId,
    description: 'a rule with a bug',
    defaultSeverity: 'warning',
    fixable: false,
    testCode: 'report',
    messages,
  });
  const expected = (reason: string) => [
    {
      ruleId: 'analysis-incomplete',
      at: '1:1-1:1',
      messageId: 'ruleFailed',
      data: { ruleId: 'broken-rule', reason },
      message: `Rule broken-rule failed on this file (${reason}); its findings are missing`,
      severity: 'warning',
    },
  ];

  it('is an analysis-incomplete finding for an undeclared id, and the other rules still run', () => {
    const broken: Rule = { meta: meta({ declared: 'Declared' }), check: (ctx) => ctx.report({ span: { start: 0, end: 6 }, messageId: 'undeclared' }) };
    const seen = withRule(rules, broken, () => findings(CLASS));
    assert.deepEqual(seen, expected("broken-rule reported an undeclared message id 'undeclared'"));
    // Without it the class is clean: nothing of the other rules was lost or added.
    assert.deepEqual(findings(CLASS), []);
  });

  it('is an analysis-incomplete finding for a placeholder without a value', () => {
    const broken: Rule = {
      meta: meta({ named: "Callout to '{{name}}'" }),
      check: (ctx) => ctx.report({ span: { start: 0, end: 6 }, messageId: 'named', data: { nmae: 'ERP' } }),
    };
    assert.deepEqual(
      withRule(rules, broken, () => findings(CLASS)),
      expected("broken-rule message 'named' lacks a value for {{name}}"),
    );
  });

  it('is an analysis-incomplete finding in a Lightning component script too', () => {
    const broken: LwcRule = { meta: meta({}), check: (ctx) => ctx.report({ span: { start: 0, end: 1 }, messageId: 'missing' }) };
    const [result] = withRule(lwcRules, broken, () => lint([{ path: '/p/lwc/feed/feed.js', text: 'export default class Feed {}\n' }], defaultConfig()));
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.severity, messageOf(f)]),
      [
        [
          'analysis-incomplete',
          'warning',
          {
            messageId: 'ruleFailed',
            data: { ruleId: 'broken-rule', reason: "broken-rule reported an undeclared message id 'missing'" },
            message: "Rule broken-rule failed on this file (broken-rule reported an undeclared message id 'missing'); its findings are missing",
          },
        ],
      ],
    );
  });
});

describe("the core's own messages", () => {
  it('rulesSkipped: checking past the per-file time limit skips the remaining rules', () => {
    const project = new LintProject();
    project.setFile({ path: 'Erp.cls', text: CLASS });
    const seen = project.lintFile('Erp.cls', { ...defaultConfig(), fileTimeoutMs: -1 });
    assert.deepEqual(
      seen.map((f) => [f.ruleId, f.severity, messageOf(f)]),
      [
        [
          'analysis-incomplete',
          'warning',
          { messageId: 'rulesSkipped', data: { ms: -1 }, message: 'Analysis took longer than -1 ms; remaining rules were skipped' },
        ],
      ],
    );
  });
});
