// Builds what the .vsix ships: dist/extension.js (the client), dist/server.js
// (the language server with the core, all dependencies bundled) and the Apex
// TextMate grammar from @salesforce/apex-tmlanguage, under our own scope name,
// into syntaxes/ (client/grammars.mjs).
//   node client/build.mjs [--production]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGrammars } from './grammars.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

const parserDir = path.join(root, 'node_modules', '@apexdevtools', 'apex-parser');

/**
 * server/src/parse/antlr.ts loads the ANTLR runtime from inside the parser
 * package at run time (createRequire + require.resolve), which a bundle
 * cannot do. Rewrite those two expressions into a static require resolved
 * from the parser's folder, so that the parser and our code share one bundled
 * copy of antlr4; fail the build if antlr.ts no longer has them.
 */
const parserRuntime = {
  name: 'apex-parser-runtime',
  setup(build) {
    build.onResolve({ filter: /^@apexdevtools\/apex-parser$/ }, () => ({ path: path.join(parserDir, 'dist', 'cjs', 'index.cjs') }));
    build.onLoad({ filter: /[\\/]parse[\\/]antlr\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const loader = "createRequire(require.resolve('@apexdevtools/apex-parser'))";
      const call = "requireFromParser('antlr4')";
      if (!source.includes(loader) || !source.includes(call)) {
        throw new Error('server/src/parse/antlr.ts changed how it loads antlr4: update parserRuntime in client/build.mjs');
      }
      const contents = source.replace(loader, '(null as unknown as NodeRequire)').replace(call, "require('antlr4')");
      return { contents, loader: 'ts', resolveDir: parserDir };
    });
  },
};

/**
 * server/src/scaffold/templates.ts finds `templates/` three folders above its
 * own (server/out/scaffold); in dist/server.js it is one folder above. The
 * .vsix ships templates/ next to dist/ (see .vscodeignore).
 */
const templatesDir = {
  name: 'scaffold-templates-dir',
  setup(build) {
    build.onLoad({ filter: /[\\/]scaffold[\\/]templates\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const fromOut = "path.resolve(__dirname, '..', '..', '..', 'templates')";
      if (!source.includes(fromOut))
        throw new Error('server/src/scaffold/templates.ts changed how it finds templates/: update templatesDir in client/build.mjs');
      return { contents: source.replace(fromOut, "path.resolve(__dirname, '..', 'templates')"), loader: 'ts' };
    });
  },
};

/**
 * Client and server import the protocol module they share through its
 * compiled path (shared/out/protocol, what tsc -b's project references
 * resolve); the bundle takes the source, so it never depends on a stale build.
 */
const sharedSources = {
  name: 'shared-sources',
  setup(build) {
    build.onResolve({ filter: /[\\/]shared[\\/]out[\\/]/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path).replace(/([\\/]shared[\\/])out([\\/])/, '$1src$2') + '.ts',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [sharedSources] }),
  esbuild.build({
    ...common,
    stdin: {
      contents: "require('./server/src/node/heap-tuning').tuneHeap(); require('./server/src/lsp/main').main(process.argv.slice(2));",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'server-entry.ts',
    },
    outfile: 'dist/server.js',
    plugins: [parserRuntime, templatesDir, sharedSources],
  }),
  // The parse workers (server/src/node/parse-pool.ts looks for parse-worker.js next to itself).
  esbuild.build({ ...common, entryPoints: ['server/src/node/parse-worker.ts'], outfile: 'dist/parse-worker.js', plugins: [parserRuntime] }),
]);

// Our own scope name, so that Salesforce's Apex extension and ours coexist (see grammars.mjs).
writeGrammars();
fs.rmSync(path.join(root, 'syntaxes', 'soql.tmLanguage'), { force: true });
console.log(`built dist/extension.js, dist/server.js, dist/parse-worker.js and syntaxes/ (${production ? 'production' : 'development'})`);
