/**
 * Keystroke → diagnostics latency through the real protocol: a 3,000-line
 * class with callouts is opened in the stdio server, then single-character
 * edits are made one at a time, each timed until the diagnostics of its
 * version arrive. Run with the debounce at 0 (the server's own cost) and at
 * its default (what a user waits for).
 *   npm run bench:lsp [-- --edits 100 --org 1000]
 * Also: time to the first diagnostics of a file opened while a generated
 * N-class workspace is being indexed. With `--workspace DIR --file PATH`,
 * the keystrokes are made in a file of a real project once it is indexed
 * (the other files are the context its rules read).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, fileUri } from '../lsp/lsp-client';
import { generateOrg } from './generate';
import { DEFAULT_DEBOUNCE_MS } from '../../../server/out/lsp/server';

/** Method `i` calls out when its last digit is below `calloutsPerTen` (the others are queries). */
function method(i: number, calloutsPerTen: number): string {
  if ((i + 7) % 10 < calloutsPerTen) {
    return `    public static HttpResponse call${i}(String resource) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://erp.example.com/api/' + resource);
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new CalloutException('ERP ' + res.getStatus());
        }
        return res;
    }
`;
  }
  return `    public static List<Account> select${i}(Set<Id> ids, String region) {
        List<Account> result = new List<Account>();
        for (Account a : [SELECT Id, Name, AnnualRevenue FROM Account WHERE Id IN :ids AND BillingCountry = :region]) {
            Decimal revenue = a.AnnualRevenue == null ? 0 : a.AnnualRevenue;
            if (revenue > ${1000 * i} && String.isNotBlank(a.Name)) {
                result.add(a);
            }
        }
        return result;
    }
`;
}

/** A class of at least `lines` lines; a callout in `calloutsPerTen` methods of ten. */
export function bigClass(lines: number, calloutsPerTen = 1): string {
  const out = ['public with sharing class BigIntegration {'];
  for (let i = 0; out.join('\n').split('\n').length < lines; i++) out.push(method(i, calloutsPerTen));
  out.push('}', '');
  return out.join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Opens a comment at (line, character), then types one character at a time into it, each timed until its diagnostics arrive. */
async function typeInComment(client: LspTestClient, uri: string, line: number, character: number, opening: string, edits: number): Promise<number[]> {
  await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: opening }]);
  await client.diagnosticsFor(uri, 2);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = { line, character: character + opening.length + i };
    const started = process.hrtime.bigint();
    const version = await client.change(uri, [{ range: { start: at, end: at }, text: 'x' }]);
    await client.diagnosticsFor(uri, version);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

async function measure(text: string, edits: number, debounceMs: number | undefined): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-bench-'));
  const file = path.join(dir, 'BigIntegration.cls');
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  const client = await LspTestClient.start({ workspace: dir, initializationOptions: debounceMs === undefined ? {} : { debounceMs } });
  try {
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    // Type inside a method body near the middle of the file: a comment that grows by one character per edit.
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('List<Account> result'));
    return await typeInComment(client, uri, line, 0, '//', edits);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Keystrokes in a file of a real project, indexed first: a comment grows at the end of a statement near the middle. */
async function measureInWorkspace(dir: string, file: string, edits: number, debounceMs: number | undefined): Promise<number[]> {
  const text = fs.readFileSync(file, 'utf8');
  const uri = fileUri(file);
  const client = await LspTestClient.start({ workspace: dir, initializationOptions: debounceMs === undefined ? {} : { debounceMs } });
  try {
    await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total > 0));
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const lines = text.split('\n');
    // The most indented statement of the second half: inside a method body, whatever the indentation style.
    let line = -1;
    const indent = (l: string) => l.length - l.trimStart().length;
    lines.forEach((l, i) => {
      if (i > lines.length / 2 && /;\s*$/.test(l) && (line < 0 || indent(l) > indent(lines[line]))) line = i;
    });
    if (line < 0) throw new Error(`no statement found in the second half of ${file}`);
    const end = lines[line].replace(/\s+$/, '').length;
    return await typeInComment(client, uri, line, end, ' //', edits);
  } finally {
    await client.stop();
  }
}

function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${label}: n=${times.length} p50=${percentile(sorted, 50).toFixed(1)} ms p95=${percentile(sorted, 95).toFixed(1)} ms max=${sorted[sorted.length - 1].toFixed(1)} ms`,
  );
}

/** Time from didOpen to the first diagnostics, with the open sent right after initialize (indexing runs meanwhile). */
async function firstDiagnostics(classes: number): Promise<{ openMs: number; indexMs: number; crossFileMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-bench-org-'));
  generateOrg(dir, classes);
  const classDir = path.join(dir, 'force-app', 'main', 'default', 'classes');
  const name = fs
    .readdirSync(classDir)
    .filter((f) => f.endsWith('.cls'))
    .sort()[Math.floor(classes / 2)];
  const file = path.join(classDir, name);
  const uri = fileUri(file);
  const started = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
  const client = await LspTestClient.start({ workspace: dir });
  try {
    const opened = ms();
    await client.open(uri, fs.readFileSync(file, 'utf8'));
    await client.diagnosticsFor(uri, 1);
    const openMs = ms() - opened;
    const done = await client.waitFor('indexing done', () => client.statuses.find((s) => !s.indexing && s.total >= classes));
    const indexMs = ms();
    // The re-lint of the open file with the whole workspace as context.
    await client.waitFor('cross-file re-lint', () => client.published.slice(done.publishedBefore).find((p) => p.uri === uri));
    return { openMs, indexMs, crossFileMs: ms() };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--edits');
  const edits = i > 0 ? Number(process.argv[i + 1]) : 100;
  const w = process.argv.indexOf('--workspace');
  const f = process.argv.indexOf('--file');
  if (w > 0 && f > 0) {
    const dir = path.resolve(process.argv[w + 1]);
    const file = path.resolve(process.argv[f + 1]);
    const size = fs.statSync(file).size;
    console.log(
      `${path.relative(dir, file)} in ${path.basename(dir)}: ${(size / 1024).toFixed(0)} KB; ${edits} single-character edits once the project is indexed`,
    );
    report('  debounce 0 ms (server cost)', await measureInWorkspace(dir, file, edits, 0));
    report(`  debounce ${DEFAULT_DEBOUNCE_MS} ms (default, what a user waits)`, await measureInWorkspace(dir, file, edits, undefined));
    return;
  }
  for (const calloutsPerTen of [1, 7]) {
    const text = bigClass(3000, calloutsPerTen);
    console.log(
      `class: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KB, a callout in ${calloutsPerTen} methods of 10; ` +
        `${edits} single-character edits, each waiting for its diagnostics`,
    );
    report('  debounce 0 ms (server cost)', await measure(text, edits, 0));
    report(`  debounce ${DEFAULT_DEBOUNCE_MS} ms (default, what a user waits)`, await measure(text, edits, undefined));
  }
  const j = process.argv.indexOf('--org');
  const classes = j > 0 ? Number(process.argv[j + 1]) : 1000;
  const first = await firstDiagnostics(classes);
  console.log(
    `${classes}-class workspace: first diagnostics ${first.openMs.toFixed(0)} ms after didOpen (indexing in the background); ` +
      `index read after ${first.indexMs.toFixed(0)} ms; open file re-linted with the whole workspace after ${first.crossFileMs.toFixed(0)} ms`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
