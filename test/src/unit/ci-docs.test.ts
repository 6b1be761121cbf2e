/** docs/ci.md and .pre-commit-hooks.yaml are configuration users copy: their YAML parses and every CLI option they use exists. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../support/lint';

const HELP = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'apex-pattern-lint.js'), '--help'], { encoding: 'utf8' }).stdout;

/** The ```yaml blocks of a Markdown text. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

function parse(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    assert.deepEqual(doc.errors, [], text);
    return doc.toJS() as unknown;
  });
}

/** The arguments given to apex-pattern-lint: in shell commands (`run`, `script`) and in pre-commit hooks (`entry` + `args`). */
function invocations(node: unknown, out: string[][] = []): string[][] {
  if (typeof node === 'string') {
    const words = node.split(/\s+/);
    const at = words.findIndex((w) => /(^|\/)apex-pattern-lint(@[\w.]+)?$/.test(w));
    // A command line, not a name (`id: apex-pattern-lint`, a repository URL, `category:`).
    if (at >= 0 && words.length > 1) out.push(words.slice(at + 1));
  } else if (Array.isArray(node)) for (const item of node) invocations(item, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.id === 'apex-pattern-lint' && Array.isArray(o.args)) out.push(o.args.map(String));
    for (const v of Object.values(o)) invocations(v, out);
  }
  return out;
}

function checkOptions(args: string[][]): void {
  for (const list of args) {
    for (const [i, arg] of list.entries()) {
      if (!arg.startsWith('--')) continue;
      assert.match(HELP, new RegExp(`(^|[\\s,])${arg.replace(/[-]/g, '\\-')}\\b`, 'm'), `${arg} (in: apex-pattern-lint ${list.join(' ')}) is not in --help`);
      if (arg === '--format') assert.match(HELP, new RegExp(`\\b${list[i + 1]}\\b`), `format ${list[i + 1]}`);
    }
  }
}

describe('CI documentation', () => {
  it('docs/ci.md: every YAML block parses; the GitHub, GitLab and pre-commit blocks use options the CLI has', () => {
    const blocks = yamlBlocks(fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8'));
    assert.equal(blocks.length, 4);
    const docs = blocks.flatMap(parse);
    const github = docs[0] as { jobs: { lint: { steps: { uses?: string; with?: { sarif_file?: string } }[] } } };
    assert.deepEqual(github.jobs.lint.steps.map((s) => s.uses).filter(Boolean), [
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'github/codeql-action/upload-sarif@v3',
    ]);
    const args = invocations(docs);
    assert.equal(args.length, 4);
    assert.ok(args.some((a) => a.join(' ').includes('--format sarif --output-file apex-pattern-lint.sarif')));
    assert.equal(github.jobs.lint.steps[3].with?.sarif_file, 'apex-pattern-lint.sarif');
    assert.ok(args.some((a) => a.join(' ').includes('--format codeclimate --output-file gl-code-quality-report.json')));
    checkOptions(args);
  });

  it('.pre-commit-hooks.yaml: one hook, not given file names, with options the CLI has', () => {
    const [hooks] = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; pass_filenames: boolean }[][];
    assert.deepEqual(
      hooks.map((h) => [h.id, h.entry, h.pass_filenames]),
      [['apex-pattern-lint', 'apex-pattern-lint', false]],
    );
    const args = invocations(hooks);
    assert.deepEqual(args, [['--changed-since', 'HEAD', '.']]);
    checkOptions(args);
  });

  it('the check sees a misspelt option', () => {
    assert.throws(() => checkOptions([['--changed-sinse', 'HEAD']]), /--changed-sinse .* is not in --help/);
  });
});
