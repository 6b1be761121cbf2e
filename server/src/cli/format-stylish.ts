/** ESLint-style human output: findings grouped by file, then a summary line. */
import * as path from 'node:path';
import { counts, type Formatter } from './report';

const useColor = !!process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
const red = paint('31');
const yellow = paint('33');
const blue = paint('34');
const dim = paint('2');
const underline = paint('4');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const formatStylish: Formatter = (results, cwd) => {
  const lines: string[] = [];
  for (const r of results) {
    if (!r.findings.length && !r.fatal) continue;
    lines.push(underline(path.relative(cwd, r.path) || r.path));
    const rows: { cells: string[]; related: string[] }[] = [];
    if (r.fatal) rows.push({ cells: ['0:0', 'error', r.fatal, ''], related: [] });
    for (const f of r.findings) {
      rows.push({
        cells: [`${f.range.start.line}:${f.range.start.character + 1}`, f.severity, f.message, f.ruleId],
        related: f.related.map((rel) => {
          const where = rel.path === r.path ? '' : `${path.relative(cwd, rel.path) || rel.path}:`;
          return `${where}${rel.range.start.line}:${rel.range.start.character + 1} ${rel.message}`;
        }),
      });
    }
    const w0 = Math.max(...rows.map((x) => x.cells[0].length));
    const w1 = Math.max(...rows.map((x) => x.cells[1].length));
    for (const { cells, related } of rows) {
      const [pos, sev, msg, id] = cells;
      const color = sev === 'error' ? red : sev === 'warning' ? yellow : blue;
      lines.push(`  ${dim(pos.padEnd(w0))}  ${color(sev.padEnd(w1))}  ${msg}  ${dim(id)}`);
      for (const rel of related) lines.push(`  ${' '.repeat(w0)}  ${' '.repeat(w1)}  ${dim(`\u21b3 ${rel}`)}`);
    }
    lines.push('');
  }
  const c = counts(results);
  const total = c.errors + c.warnings + c.infos;
  if (total === 0) return '';
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.infos) parts.push(plural(c.infos, 'info'));
  lines.push((c.errors ? red : yellow)(`\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`));
  return lines.join('\n') + '\n';
};
