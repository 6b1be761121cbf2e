// A cycle of relative imports, type-only imports included. import-x/no-cycle
// skips `import type` (and imports whose every name is a type), so two
// modules that name each other's types form a cycle it cannot see; such a
// pair is still two modules that cannot be read, moved or tested apart.
// The graph is read from the files' text (import/export … from '…',
// import('…')) once per lint run, relative specifiers only.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g;
const edges = new Map();

function resolveModule(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file) {
  let out = edges.get(file);
  if (out) return out;
  out = [];
  edges.set(file, out);
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolveModule(file, m[1]);
    if (target && !out.includes(target)) out.push(target);
  }
  return out;
}

/** A path from `start` back to `file`, if any (breadth first: the shortest). */
function cycleThrough(file, start) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length) {
    const route = queue.shift();
    for (const next of importsOf(route[route.length - 1])) {
      if (next === file) return route;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...route, next]);
    }
  }
  return undefined;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle, type-only imports included' },
    messages: { cycle: 'Import cycle (type-only imports count): {{route}}' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    if (!file.endsWith('.ts')) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolveModule(file, spec);
      if (!target || target === file) return;
      const route = cycleThrough(file, target);
      if (!route) return;
      const cwd = context.cwd ?? process.cwd();
      const names = [file, ...route, file].map((f) => path.relative(cwd, f));
      context.report({ node, messageId: 'cycle', data: { route: names.join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
