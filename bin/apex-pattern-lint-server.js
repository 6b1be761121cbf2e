#!/usr/bin/env node
'use strict';
// The language server: `apex-pattern-lint-server --stdio` (or --node-ipc, --socket=<port>).
require('../server/out/node/heap-tuning.js').tuneHeap();
require('../server/out/lsp/main.js').main(process.argv.slice(2));
