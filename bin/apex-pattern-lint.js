#!/usr/bin/env node
'use strict';
// Before anything is parsed: how the collector treats parse trees (server/src/node/heap-tuning.ts).
require('../server/out/node/heap-tuning.js').tuneHeap();
const fs = require('node:fs');
const { run } = require('../server/out/cli/main.js');

run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  writeFile: (file, text) => fs.writeFileSync(file, text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`apex-pattern-lint: internal error: ${(e && e.stack) || e}\n`);
    process.exitCode = 2;
  },
);
