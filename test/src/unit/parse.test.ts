import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceText } from '../../../server/out/base/source';
import { parseApex, shortMessage } from '../../../server/out/parse/parse';
import { apex } from '../../../server/out/parse/antlr';
import { ROOT } from '../support/lint';

function apexFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(cls|trigger)$/.test(f))
    .map((f) => path.join(dir, f));
}

describe('parser', () => {
  const files = [...apexFiles(path.join(ROOT, 'test', 'fixtures')), ...apexFiles(path.join(ROOT, 'examples'))];

  it('the fast prediction mode builds the same trees as full LL', () => {
    assert.ok(files.length >= 20);
    for (const file of files) {
      const source = new SourceText(fs.readFileSync(file, 'utf8'));
      const kind = file.endsWith('.trigger') ? 'trigger' : 'class';
      const fast = parseApex(source, kind, { strategy: 'fast' });
      const ll = parseApex(source, kind, { strategy: 'll' });
      const names = apex.ApexParser.ruleNames;
      assert.equal(fast.tree!.toStringTree(names, null as never), ll.tree!.toStringTree(names, null as never), file);
      assert.deepEqual(fast.problems, ll.problems, file);
    }
  });

  it('counts columns in UTF-16 units after astral characters', () => {
    const text = "public class E {\n    String s = '\u{1F680}'; Integer x = ;\n}";
    const result = parseApex(new SourceText(text), 'class');
    const semi = text.indexOf('= ;') + 2;
    assert.deepEqual(
      result.problems.map((p) => [p.start, p.end]),
      [[semi, semi + 1]],
    );
  });

  it('shortens ANTLR messages', () => {
    assert.equal(shortMessage("mismatched input 'x' expecting {'a', 'b', 'c', 'd', 'e'}", undefined), 'Unexpected input');
    assert.equal(shortMessage("mismatched input 'x' expecting ';'", undefined), "Unexpected input, expected ';'");
  });
});
