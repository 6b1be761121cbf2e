import * as assert from 'node:assert/strict';
import { DECISION_QUESTIONS, PATTERN_IDS, recommendPattern, type DecisionAnswers } from '../../../../server/out/scaffold';

const base: DecisionAnswers = { needsAnswer: 'no', volume: 'single', latency: 'seconds', liveUi: 'no', whenDown: 'retry-later' };

describe('scaffold: choosing a pattern', () => {
  it('asks the five decision-matrix questions, each with at least two choices', () => {
    assert.deepEqual(
      DECISION_QUESTIONS.map((q) => q.id),
      ['needsAnswer', 'volume', 'latency', 'liveUi', 'whenDown'],
    );
    for (const q of DECISION_QUESTIONS) {
      assert.ok(q.question.endsWith('?'), q.id);
      assert.ok(q.choices.length >= 2, q.id);
      assert.equal(new Set(q.choices.map((c) => c.value)).size, q.choices.length, q.id);
    }
  });

  it('the caller needs the answer → Request-Reply', () => {
    const r = recommendPattern({ ...base, needsAnswer: 'yes' });
    assert.equal(r.pattern, 'request-reply');
    assert.match(r.why, /cannot continue without the answer/);
    assert.equal(recommendPattern({ ...base, needsAnswer: 'yes', volume: 'bulk', latency: 'hours', liveUi: 'yes' }).pattern, 'request-reply');
  });

  it('many records and hours are fine, or catch up on the next run → Batch Data Sync', () => {
    assert.equal(recommendPattern({ ...base, volume: 'bulk', latency: 'hours' }).pattern, 'batch-sync');
    assert.equal(recommendPattern({ ...base, whenDown: 'next-run' }).pattern, 'batch-sync');
    assert.equal(recommendPattern({ ...base, volume: 'bulk', latency: 'hours', liveUi: 'yes' }).pattern, 'batch-sync');
  });

  it('no waiting but the screen must update live → UI Update', () => {
    const r = recommendPattern({ ...base, liveUi: 'yes' });
    assert.equal(r.pattern, 'ui-update');
    assert.match(r.why, /stream them to a Lightning Web Component/);
    assert.equal(recommendPattern({ ...base, volume: 'bulk', latency: 'seconds', liveUi: 'yes' }).pattern, 'ui-update');
  });

  it('otherwise → Fire-and-Forget', () => {
    assert.equal(recommendPattern(base).pattern, 'fire-and-forget');
    assert.equal(recommendPattern({ ...base, volume: 'bulk', latency: 'minutes' }).pattern, 'fire-and-forget');
    assert.match(recommendPattern({ ...base, whenDown: 'fail-visibly' }).why, /fails that job visibly/);
  });

  it('every combination of answers gets a scaffoldable pattern and exactly one sentence', () => {
    let combinations: DecisionAnswers[] = [{} as DecisionAnswers];
    for (const q of DECISION_QUESTIONS) combinations = combinations.flatMap((a) => q.choices.map((c) => ({ ...a, [q.id]: c.value })));
    assert.equal(combinations.length, 2 * 2 * 3 * 2 * 3);
    for (const answers of combinations) {
      const r = recommendPattern(answers);
      assert.ok(PATTERN_IDS.includes(r.pattern) && r.pattern !== 'named-credential', JSON.stringify(answers));
      assert.match(r.why, /^[A-Z][^.]*(\.[^ .][^.]*)*\.$/, r.why);
    }
  });
});
