/**
 * An editor's project after edits against a fresh project of the same texts,
 * shared by the incremental-facts test and `test/out/bench/edit-compare.js`
 * on real repositories: after each edit (and its undo) the findings of the
 * edited file and of every file must be the same, fixes included.
 */
import * as assert from 'node:assert/strict';
import { LintProject } from '../../../server/out/core/project';
import { analyzeFile, type SourceFile } from '../../../server/out/core/lint';
import type { Finding } from '../../../server/out/base/contracts';
import { random } from '../fuzz/mutate';

export interface BodyEdit {
  path: string;
  what: string;
  /** The text after the edit, from the text before it. */
  apply: (text: string) => string;
}

const at =
  (i: number, insert: string, remove = 0) =>
  (t: string) =>
    t.slice(0, i) + insert + t.slice(i + remove);

/**
 * `count` edits inside method bodies of the files in `targets`: a character
 * typed or deleted anywhere in a body, a send, a DML or a call to another
 * method of the workspace added, a `new` turned into another class.
 */
export function bodyEdits(files: SourceFile[], targets: SourceFile[], count: number, seed = 7): BodyEdit[] {
  const next = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const models = files.filter((f) => /\.(cls|trigger)$/i.test(f.path)).map((f) => ({ file: f, model: analyzeFile(f).model }));
  const methods = models.flatMap(({ model }) => model.types.flatMap((t) => t.methods.filter((m) => m.kind === 'method').map((m) => ({ t, m }))));
  const classes = models.flatMap(({ model }) => model.types.filter((t) => t.kind === 'class').map((t) => t.text));
  const bodies = models
    .filter(({ file }) => targets.some((t) => t.path === file.path))
    .flatMap(({ file, model }) =>
      model.types.flatMap((t) =>
        t.methods.flatMap((m) => (m.body?.k === 'block' && m.body.span.end - m.body.span.start > 2 ? [{ file, span: m.body.span }] : [])),
      ),
    );
  const out: BodyEdit[] = [];
  while (bodies.length && methods.length && out.length < count) {
    const { file, span } = pick(bodies);
    const inside = span.start + 1 + Math.floor(next() * (span.end - span.start - 2));
    const start = span.start + 1;
    const kind = Math.floor(next() * 7);
    const callee = pick(methods);
    const call = `${callee.t.text}.${callee.m.text}(${callee.m.params.map(() => 'null').join(', ')});`;
    const body = file.text.slice(span.start, span.end);
    const news = [...body.matchAll(/\bnew\s+([A-Za-z_]\w*)\s*\(/g)];
    if (kind === 0) out.push({ path: file.path, what: `type a character at ${inside}`, apply: at(inside, 'x') });
    else if (kind === 1) out.push({ path: file.path, what: `delete a character at ${inside}`, apply: at(inside, '', 1) });
    else if (kind === 2) out.push({ path: file.path, what: `type a space at ${inside}`, apply: at(inside, ' ') });
    else if (kind === 3) out.push({ path: file.path, what: `add a send at ${start}`, apply: at(start, ' new Http().send(new HttpRequest()); ') });
    else if (kind === 4) out.push({ path: file.path, what: `add a DML at ${start}`, apply: at(start, " insert new Account(Name = 'x'); ") });
    else if (kind === 5) out.push({ path: file.path, what: `add a call to ${call} at ${start}`, apply: at(start, ` ${call} `) });
    else if (news.length && classes.length) {
      const m = pick(news);
      const from = span.start + m.index! + m[0].indexOf(m[1]);
      const to = pick(classes);
      out.push({ path: file.path, what: `new ${m[1]} to new ${to} at ${from}`, apply: at(from, to, m[1].length) });
    }
  }
  return out;
}

function lines(findings: Finding[]): string[] {
  return findings.map((f) => JSON.stringify(f));
}

export interface EditRun {
  /** Comparisons made (each edit and its undo). */
  steps: number;
  /** Steps on which the project kept facts from before the edit. */
  incremental: number;
}

/**
 * Apply each edit (then undo it) in one long-lived project, and after each
 * step compare its findings with those of a fresh project: the edited file
 * (lintFile), and every file (lintAll) on every `everyFile`th step (0: never).
 */
export function compareEdits(files: SourceFile[], edits: BodyEdit[], everyFile = 1, onDifference?: (message: string) => void): EditRun {
  const texts = new Map(files.map((f) => [f.path, f]));
  const project = new LintProject();
  for (const f of files) project.setFile(f);
  project.lintAll();
  let steps = 0;
  let incremental = 0;
  let broken = false;
  const compare = (path: string, what: string) => {
    const kept = project.stats.factsKept;
    const fresh = new LintProject();
    for (const f of texts.values()) fresh.setFile(f);
    const mine = lines(project.lintFile(path));
    if (project.stats.factsKept > kept) incremental++;
    const theirs = lines(fresh.lintFile(path));
    const check = (a: string[], b: string[], where: string) => {
      try {
        assert.deepEqual(a, b, `${where} after ${what}`);
      } catch (e) {
        if (!onDifference) throw e;
        onDifference((e as Error).message);
      }
    };
    check(mine, theirs, path);
    broken = theirs.some((f) => f.includes('"ruleId":"syntax-error"'));
    if (everyFile && steps % everyFile === 0) {
      const all = project.lintAll().map((r) => [r.path, ...lines(r.findings)]);
      check(
        all.flat(),
        fresh
          .lintAll()
          .map((r) => [r.path, ...lines(r.findings)])
          .flat(),
        'every file',
      );
    }
    steps++;
  };
  for (const edit of edits) {
    const before = texts.get(edit.path)!;
    const after = { path: edit.path, text: edit.apply(before.text) };
    texts.set(edit.path, after);
    project.setFile(after);
    compare(edit.path, edit.what);
    // Undo, or keep the edit (every third, when the file still parses) so that edits pile up.
    if (steps % 3 !== 0 || broken) {
      texts.set(edit.path, before);
      project.setFile(before);
      compare(edit.path, `undo of ${edit.what}`);
    }
  }
  return { steps, incremental };
}
