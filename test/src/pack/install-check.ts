/**
 * `npm run test:pack`: the npm package as a user gets it. Packs the working
 * tree (`npm pack`, whose prepack builds), checks what the tarball holds,
 * installs it globally into an empty temporary prefix (its dependencies come
 * from the registry or npm's cache, as on a user's machine) and runs both
 * commands from that prefix: `apex-pattern-lint --version`, the CLI on the
 * example (exit 1, the same report as the working tree's build), and
 * `apex-pattern-lint-server --stdio` answering `initialize` over a JSON-RPC
 * exchange written by hand. Nothing in the repository is on the installed
 * commands' module path, so a file the package forgot fails here.
 * Exits 1 with the reason on the first failure.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'order-integration');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** What the two commands need at run time: a tarball without one of these is broken. */
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'bin/apex-pattern-lint.js',
  'bin/apex-pattern-lint-server.js',
  'server/out/node/heap-tuning.js',
  'server/out/node/parse-worker.js',
  'server/out/cli/main.js',
  'server/out/lsp/main.js',
  'shared/out/protocol.js',
  'templates/request-reply/Service.cls',
  'docs/rules/callout-timeout-missing.md',
];

/** What a user never needs: sources, maps, tests, the VS Code client and its bundle. */
const FORBIDDEN = [/\.ts$/, /\.map$/, /\.tsbuildinfo$/, /^test\//, /^client\//, /^dist\//, /^examples\//, /^server\/src\//, /^shared\/src\//, /^\.ci\//];

class CheckFailed extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

function step(name: string): void {
  process.stdout.write(`install-check: ${name}\n`);
}

/** `npm pack` into `dir`; returns the tarball's path and the files it holds. */
function pack(dir: string): { tarball: string; files: string[] } {
  const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // prepack's own output (tsc -b) goes to stdout before npm's JSON.
  const json = JSON.parse(out.slice(out.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
  return { tarball: path.join(dir, json[0].filename), files: json[0].files.map((f) => f.path) };
}

function checkContents(files: string[]): void {
  const missing = REQUIRED.filter((f) => !files.includes(f));
  if (missing.length) fail(`the tarball lacks ${missing.join(', ')}`);
  const extra = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
  if (extra.length) fail(`the tarball holds files a user does not need: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? ', …' : ''}`);
}

function run(bin: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  if (r.error) fail(`${path.basename(bin)} ${args.join(' ')}: ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One LSP message with its Content-Length header. */
function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

interface RpcResponse {
  id?: number;
  result?: { capabilities?: Record<string, unknown>; serverInfo?: { name?: string; version?: string } };
  error?: { message: string };
}

/** Starts the server on stdio, sends `initialize`, and resolves with its answer (or rejects after `ms`). */
function initialize(bin: string, cwd: string, ms: number): Promise<RpcResponse> {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => {
      server.kill();
      reject(new CheckFailed(`the server did not answer initialize within ${ms} ms; stderr: ${stderr}`));
    }, ms);
    server.on('error', (e) => {
      clearTimeout(timer);
      reject(new CheckFailed(`cannot start the server: ${e.message}`));
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new CheckFailed(`the server exited (${code}) before answering initialize; stderr: ${stderr}`));
    });
    server.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    server.stdout.on('data', (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = /Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
        if (!length) return;
        const end = headerEnd + 4 + Number(length[1]);
        if (buffer.length < end) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, end).toString('utf8')) as RpcResponse;
        buffer = buffer.subarray(end);
        if (message.id !== 1) continue; // a log or a request of the server's own
        clearTimeout(timer);
        server.removeAllListeners('exit');
        server.stdin.write(frame({ id: 2, method: 'shutdown' }));
        server.stdin.write(frame({ method: 'exit' }));
        server.stdin.end();
        resolve(message);
      }
    });
    server.stdin.write(
      frame({
        id: 1,
        method: 'initialize',
        params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null },
      }),
    );
  });
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-pack-'));
  try {
    step('npm pack');
    const { tarball, files } = pack(tmp);
    checkContents(files);
    step(`${path.basename(tarball)}: ${files.length} files`);

    const prefix = path.join(tmp, 'prefix');
    step('npm install -g into an empty prefix');
    execFileSync(NPM, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball], {
      cwd: tmp,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const binDir = process.platform === 'win32' ? prefix : path.join(prefix, 'bin');
    const cli = path.join(binDir, 'apex-pattern-lint');
    const server = path.join(binDir, 'apex-pattern-lint-server');

    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const v = run(cli, ['--version'], tmp);
    if (v.code !== 0 || v.stdout !== `${version}\n`) fail(`apex-pattern-lint --version: exit ${v.code}, "${v.stdout.trim()}" (want ${version}); ${v.stderr}`);
    step(`apex-pattern-lint --version: ${version}`);

    // The same report as the working tree's build: the package lost nothing the rules use.
    const installed = run(cli, [EXAMPLE], tmp);
    const local = run(process.execPath, [path.join(ROOT, 'bin', 'apex-pattern-lint.js'), EXAMPLE], tmp);
    const summary = /\u2716 (\d+) problems? \(/.exec(installed.stdout);
    if (installed.code !== 1 || !summary) fail(`apex-pattern-lint on the example: exit ${installed.code} (want 1)\n${installed.stdout}${installed.stderr}`);
    if (installed.stdout !== local.stdout) fail(`the installed CLI reports differently from the working tree:\n${installed.stdout}\n---\n${local.stdout}`);
    step(`apex-pattern-lint examples/order-integration: exit 1, ${summary[1]} problems`);

    const answer = await initialize(server, tmp, 30_000);
    if (answer.error || !answer.result?.capabilities?.textDocumentSync)
      fail(`apex-pattern-lint-server --stdio answered initialize without capabilities: ${JSON.stringify(answer)}`);
    step(`apex-pattern-lint-server --stdio: initialize answered (${answer.result.serverInfo?.name ?? 'no serverInfo'})`);
    step('ok');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`install-check: FAILED: ${e instanceof CheckFailed ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
