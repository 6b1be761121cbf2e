/**
 * Where the parse pool parses (issue 12): a file that cannot stall is parsed
 * in this thread (no worker started, so ANTLR's prediction tables are learnt
 * once); one that nests deeply goes to a worker and is stopped at its budget;
 * a path stopped once goes to a worker from then on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { canStall, ParsePool, stoppedMessage } from '../../../../server/out/node/parse-pool';
import { defaultConfig } from '../../../../server/out/base/contracts';
import { deepGenericClass, EXAMPLE_CLASS } from './support';

describe('parse pool: this thread or a worker (issue 12)', function () {
  this.timeout(30000);
  const example = { path: '/p/ErpOrderSync.cls', text: fs.readFileSync(EXAMPLE_CLASS, 'utf8') };

  it('sends deep nesting and texts past the size of a deployable class to a worker, nothing else', () => {
    assert.equal(canStall(example.text), false);
    assert.equal(canStall(deepGenericClass(41)), true);
    assert.equal(canStall(deepGenericClass(40)), false);
    assert.equal(canStall(`public class Big {\n${'    // padding\n'.repeat(70_000)}}\n`), true);
  });

  it('parses a shallow file in this thread without starting a worker', async () => {
    const pool = new ParsePool();
    try {
      const model = await pool.parse(example, defaultConfig());
      assert.deepEqual(
        model.types.map((t) => t.name),
        ['erpordersync', 'erpsyncexception'],
      );
      assert.deepEqual(pool.stats, { parsed: 0, inThread: 1, stopped: 0, crashed: 0 });
    } finally {
      await pool.close();
    }
  });

  it('stops a stalling file in a worker at its budget, and sends that path to a worker from then on', async () => {
    const pool = new ParsePool();
    const config = { ...defaultConfig(), fileTimeoutMs: 1500 };
    const deep = { path: '/p/DeepGeneric.cls', text: deepGenericClass(2400) };
    try {
      const model = await pool.parse(deep, config);
      assert.deepEqual(
        model.problems.map((p) => [p.kind, p.message]),
        [['timeout', stoppedMessage(1500)]],
      );
      assert.equal(pool.stats.stopped, 1);
      assert.equal(pool.isolates({ path: deep.path, text: example.text }), true);
      assert.equal(pool.isolates({ path: '/p/Other.cls', text: example.text }), false);
    } finally {
      await pool.close();
    }
  });
});
