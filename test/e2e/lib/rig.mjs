/**
 * The machinery of the VS Code scenario: a run folder (workspace copy,
 * code-server's dirs, screenshots), code-server with the packaged .vsix
 * installed, and Debian's Chromium driven by playwright-core. Everything runs
 * in process groups of its own so that a run, even a failed one, leaves no
 * process behind. The tools come from test/e2e/setup.sh (E2E_TOOLS).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TOOLS = process.env.E2E_TOOLS ?? path.join(ROOT, '.e2e-tools');
const CODE_SERVER = path.join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');
const PLAYWRIGHT = path.join(TOOLS, 'playwright', 'node_modules', 'playwright-core');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Fails with what to run when a tool is missing: the scenario never skips. */
export function requireTools() {
  const missing = [
    [CODE_SERVER, 'code-server'],
    [PLAYWRIGHT, 'playwright-core'],
    [CHROMIUM, 'chromium'],
  ].filter(([p]) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`missing ${missing.map(([, n]) => n).join(', ')} (looked in ${TOOLS} and ${CHROMIUM}): run \`bash test/e2e/setup.sh\` first`);
  }
  return createRequire(import.meta.url)(PLAYWRIGHT);
}

/** A fresh folder for one run, under .e2e-runs/ of the repository (kept: it holds the screenshots). */
export function runFolder(name) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const dir = path.join(ROOT, '.e2e-runs', `${name}-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A copy of an example project to edit. */
export function copyExample(run, example) {
  const dir = path.join(run, 'workspace', example);
  fs.cpSync(path.join(ROOT, 'examples', example), dir, { recursive: true });
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** code-server's and Chromium's own state stays in the run folder. */
function toolEnv(run) {
  const env = { ...process.env };
  for (const [key, dir] of [
    ['XDG_DATA_HOME', 'xdg-data'],
    ['XDG_CONFIG_HOME', 'xdg-config'],
    ['XDG_CACHE_HOME', 'xdg-cache'],
  ]) {
    env[key] = path.join(run, 'state', dir);
    fs.mkdirSync(env[key], { recursive: true });
  }
  return env;
}

/**
 * Starts code-server on `workspace` with the given extensions installed (each
 * a .vsix or a folder), in its own process group. Resolves once it answers HTTP.
 */
export async function startCodeServer(run, workspace, extensions, settings = {}) {
  const env = toolEnv(run);
  const userData = path.join(run, 'state', 'user-data');
  const extDir = path.join(run, 'state', 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'files.autoSave': 'off',
        'editor.hover.delay': 300,
        ...settings,
      },
      null,
      2,
    ),
  );
  const dirs = ['--user-data-dir', userData, '--extensions-dir', extDir];
  for (const ext of extensions) {
    const r = spawnSync(CODE_SERVER, [...dirs, '--install-extension', ext], { env, encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${ext} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const log = fs.openSync(path.join(run, 'code-server.log'), 'a');
  const child = spawn(
    CODE_SERVER,
    [
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...dirs,
      '--bind-addr',
      `127.0.0.1:${port}`,
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${path.join(run, 'code-server.log')}`);
    try {
      const res = await fetch(`${url}healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, child, stop: () => killGroup(child) };
}

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Debian's Chromium, headless, through playwright-core; its profile in the run folder. */
export async function launchBrowser(playwright, run) {
  const env = toolEnv(run);
  const context = await playwright.chromium.launchPersistentContext(path.join(run, 'state', 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    env,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return context;
}

/** The temporary folders Chromium and playwright leave in the system temp dir. */
export function cleanTemp(before) {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (before.has(name)) continue;
    if (/^(playwright-artifacts-|org\.chromium\.Chromium\.|\.org\.chromium\.Chromium\.)/.test(name))
      fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
}
