// Lint rules that keep the architecture of ARCHITECTURE.md: the layers of
// server/src import downwards only, no file imports itself back through a
// cycle, only the adapters touch the editor or the disk, and shared/ (the
// protocol of the client and the language server) stands on its own and is
// used by lsp/ and client/ only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import noTypeCycle from './eslint-rules/no-type-cycle.mjs';

// Lowest first. A layer may import itself and the layers before it.
const LAYERS = ['base', 'parse', 'model', 'analysis', 'select', 'scaffold', 'fixes', 'rules', 'core', 'node', 'cli', 'lsp'];

// Every server layer but lsp/ (the only one that speaks to the client).
const NOT_PROTOCOL = LAYERS.filter((layer) => layer !== 'lsp');

// Imports of shared/ name its build output (shared/out/protocol), which does
// not exist before `tsc -b`, so the resolved-path zones below cannot see them:
// these patterns match the import text instead.
const sharedImport = { regex: '(^|/)shared/(src|out)(/|$)', message: 'Only server/src/lsp and client/ import shared/ (the client-server protocol).' };
const vscodeImport = { group: ['vscode-languageserver*', 'vscode'], message: 'Only server/src/lsp imports vscode-languageserver.' };

const layerZones = LAYERS.flatMap((layer, i) =>
  LAYERS.slice(i + 1).map((higher) => ({
    target: `./server/src/${layer}`,
    from: `./server/src/${higher}`,
    message: `${layer}/ is below ${higher}/: arrows point down (ARCHITECTURE.md).`,
  })),
);

export default tseslint.config(
  { ignores: ['**/out/**', 'client/dist/**', 'node_modules/**', 'examples/**', 'templates/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX, local: { rules: { 'no-type-cycle': noTypeCycle } } },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // import-x/no-cycle does not follow `import type`: this one does (eslint-rules/no-type-cycle.mjs).
      'local/no-type-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            // The two adapters share disk access through node/, never each other.
            { target: './server/src/cli', from: './server/src/lsp', message: 'The CLI and the language server are separate adapters.' },
            { target: './server/src/lsp', from: './server/src/cli', message: 'The CLI and the language server are separate adapters; share through node/.' },
            // shared/ is the bottom of the client and of lsp/: it imports neither side.
            { target: './shared/src', from: './server', message: 'shared/ imports nothing of the server: it is the protocol both sides import.' },
            { target: './shared/src', from: './client', message: 'shared/ imports nothing of the client: it is the protocol both sides import.' },
            ...NOT_PROTOCOL.map((layer) => ({
              target: `./server/src/${layer}`,
              from: './shared',
              message: `Only server/src/lsp imports shared/ (the client-server protocol), not ${layer}/.`,
            })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only server/src/lsp speaks the protocol.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [vscodeImport, sharedImport] }],
    },
  },
  {
    // shared/ imports nothing of the server or the client.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(server|client)(/|$)', message: 'shared/ imports nothing of the server or the client: it is the protocol both sides import.' },
          ],
        },
      ],
    },
  },
  {
    // Below the adapters nothing reads the disk or starts processes (node/, cli/ and lsp/ do).
    files: ['server/src/{base,parse,model,analysis,fixes,rules,select,core,scaffold}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'fs', 'node:child_process', 'child_process', 'node:worker_threads', 'worker_threads'].map((name) => ({
            name,
            message: 'Only node/, cli/ and lsp/ touch the disk or the process.',
          })),
          patterns: [vscodeImport, sharedImport],
        },
      ],
    },
  },
);
