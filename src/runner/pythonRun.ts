/**
 * Python scripts as labs: the interpreter, the environment every Python process of the run
 * inherits (the runtime in dist/python loads through its sitecustomize.py), and the run's socket,
 * where the processes that Python's multiprocessing starts (fork, spawn, forkserver) attach.
 * See docs/protocol.md, "Python processes".
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import type { RunConfig } from '../protocol/host';
import { readLabControl } from '../protocol/labControl';
import { decodeFrame, HEADER } from '../wire/frames';
import { PY_CACHE_ENV, pythonCacheDir } from './pythonCache';
import { RUNNER_TEXT, type Lang } from './runnerText';

/** The oldest Python the runtime supports. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];
/** A connection must attach within this long, with a first frame of at most this size. */
const ATTACH_WAIT_MS = 10_000;
const MAX_ATTACH_FRAME = 1024;
/** Most connections waiting to attach at once. */
const MAX_UNATTACHED = 64;

const VERSION_ARGS = ['-S', '-E', '-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'];

/** The interpreters to try: `preferred`, else python3, then python. */
function candidates(preferred?: string): string[] {
  return preferred ? [preferred] : ['python3', 'python'];
}

/** Whether `command` names an executable file (a path, or a name on PATH): no process started. */
function runnable(command: string): boolean {
  const dirs = command.includes('/') ? [''] : (process.env.PATH ?? '').split(delimiter);
  return dirs.some((dir) => {
    try {
      accessSync(dir ? join(dir, command) : command, constants.X_OK);
      return statSync(dir ? join(dir, command) : command).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * The interpreter a run starts at once: the first candidate that is an executable file. Its
 * version is checked only when the script's main process does not say `ready` (runner main.ts):
 * the runtime itself stops at once in a Python too old for it (sitecustomize.py).
 */
export function pythonCommand(
  preferred: string | undefined,
  lang: Lang,
): { command: string } | { error: string } {
  const tried = candidates(preferred);
  const command = tried.find(runnable);
  return command ? { command } : { error: RUNNER_TEXT.noPython(tried.join(', '))[lang] };
}

/**
 * Why `command` cannot run Python scripts (it does not start, or it is too old), in `lang`, or
 * null. `env`: the check's environment (by default the runner's).
 */
export function checkPython(
  command: string,
  lang: Lang,
  env?: NodeJS.ProcessEnv,
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, VERSION_ARGS, { encoding: 'utf8', timeout: 15_000, env }, (err, out) => {
      if (err) return resolve(RUNNER_TEXT.noPython(command)[lang]);
      const version = out.trim();
      const [major, minor] = version.split('.').map(Number);
      if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]))
        return resolve(null);
      resolve(RUNNER_TEXT.oldPython(command, version, MIN_PYTHON.join('.'))[lang]);
    });
  });
}

/** A Python script's interpreter and where it runs: what a run needs to start its main process. */
export interface PythonLaunch {
  command: string;
  script: string;
  /** The script's own folder (absent: a built-in Python lab, which runs in the run's folder). */
  cwd?: string;
}

/** How the main process of a run in `runDir` starts (`lang`, `hashSeed`: see pythonEnv). */
export function pythonStart(
  bundleDir: string,
  launch: PythonLaunch,
  runDir: string,
  lang: RunConfig['lang'],
  hashSeed?: number,
): { command: string; script: string; cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = launch.cwd ?? runDir;
  const env = pythonEnv(bundleDir, pythonSocket(runDir), cwd, lang, hashSeed);
  return { command: launch.command, script: launch.script, cwd, env };
}

/** Where a run's Python processes attach: in the run's own folder. */
export function pythonSocket(runDir: string): string {
  return join(runDir, 'python.sock');
}

/**
 * What the main Python process's environment adds (its wire is descriptor 3). `lang`: the run's
 * language, for a lab's own lines (the built-in labs print theirs in it: src/labs/python/say.py);
 * the processes multiprocessing starts inherit it, as they inherit the rest. `hashSeed`: a
 * controlled run fixes the interpreters' string hashing (one of the seeds CPython could pick), so
 * that a script iterating a set does so in the same order on every run of one seed.
 */
export function pythonEnv(
  bundleDir: string,
  socketPath: string,
  filesDir: string,
  lang: RunConfig['lang'],
  hashSeed?: number,
): NodeJS.ProcessEnv {
  const runtime = join(bundleDir, 'python');
  const inherited = process.env.PYTHONPATH;
  const cache = pythonCacheDir();
  return {
    ...(hashSeed === undefined ? {} : { PYTHONHASHSEED: String(hashSeed % 4294967296) }),
    PYTHONPATH: inherited ? `${runtime}${delimiter}${inherited}` : runtime,
    PYTHONIOENCODING: 'utf-8',
    CONCURRENCY_LABS_PY_WIRE: '3',
    CONCURRENCY_LABS_PY_SOCKET: socketPath,
    CONCURRENCY_LABS_PY_FILES: filesDir,
    CONCURRENCY_LABS_LANG: lang,
    // No process of the run writes bytecode into the extension's folders: the runtime imports its
    // modules lazily, and the built-in labs import helper modules of their own. (A script's own
    // modules are not cached either; that costs only their compilation at each run.) The
    // runtime's own are kept compiled in a private folder instead (pythonCache.ts).
    PYTHONDONTWRITEBYTECODE: '1',
    // Empty when there is no private folder: one the runner was given must not reach Python unchecked.
    [PY_CACHE_ENV]: cache ?? '',
  };
}

/**
 * The run's socket. A connection's first frame must be the `attach` control message; then the
 * socket is handed on, with nothing read past that frame (a Python process sends nothing more
 * until the runner's `init`).
 */
export class AttachServer {
  readonly #server: Server;
  #unattached = 0;

  constructor(
    readonly path: string,
    onAttach: (pid: number, socket: Socket) => void,
  ) {
    this.#server = createServer((socket) => {
      if (this.#unattached >= MAX_UNATTACHED) return void socket.destroy();
      this.#unattached++;
      let buf = Buffer.alloc(0);
      let done = false;
      const finish = () => {
        if (done) return false;
        done = true;
        this.#unattached--;
        clearTimeout(timer);
        socket.removeListener('data', onData);
        return true;
      };
      const timer = setTimeout(() => finish() && socket.destroy(), ATTACH_WAIT_MS);
      const onData = (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length < HEADER) return;
        const n = buf.readUInt32LE(0);
        if (n > MAX_ATTACH_FRAME || buf.length > HEADER + n)
          return void (finish() && socket.destroy());
        if (buf.length < HEADER + n) return;
        let control = null;
        try {
          control = readLabControl(decodeFrame(buf, HEADER, HEADER + n));
        } catch {
          /* not JSON: refused below */
        }
        if (!finish()) return;
        if (!control || !('attach' in control)) return void socket.destroy();
        socket.pause();
        onAttach(control.attach.pid, socket);
      };
      socket.on('data', onData);
      socket.on('error', () => finish());
    });
    this.#server.on('error', () => {
      /* a failed listen leaves the socket absent: the Python processes then cannot attach */
    });
    this.#server.listen(path);
  }

  close(): void {
    this.#server.close();
  }
}
