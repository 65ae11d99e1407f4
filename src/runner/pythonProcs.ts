/**
 * The processes of a Python script that Python's multiprocessing starts. Two messages make one of
 * them a lab process, in either order: its parent's `proc.adopt` (its pid, name, daemon flag) and
 * its own `attach` on the run's socket (pythonRun.ts). The record exists from the adopt on, so
 * join and terminate work at once; its wire is connected when the attach comes. The runner did not
 * start it, so it signals it by pid, and learns that it ended when its socket closes (or, if it
 * never attached, when its pid is gone).
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { ProcHandle } from './procRec';

/** How long an attach waits for its adopt, and an adopted process for its attach. */
const MATCH_WAIT_MS = 30_000;
const GONE_POLL_MS = 250;

/** Signals the process `pid`, which is not the runner's child. */
export function pidHandle(pid: number): ProcHandle {
  return {
    pid,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      try {
        process.kill(pid, signal);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Has `pid` ended (gone, or a zombie its parent has not reaped)? */
export function pidEnded(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

interface Waiting {
  /** The other half arrived: the socket (for an adopt) or nothing (for an attach). */
  socket?: Socket;
  onSocket?: (socket: Socket) => void;
  timer: NodeJS.Timeout;
}

/** Adopts and attaches not yet matched, by pid. */
export class Adoptions {
  readonly #byPid = new Map<number, Waiting>();

  /** An attach arrived on the run's socket. */
  attached(pid: number, socket: Socket): void {
    const w = this.#byPid.get(pid);
    if (w?.onSocket) {
      this.#byPid.delete(pid);
      clearInterval(w.timer);
      return w.onSocket(socket);
    }
    if (w) return void socket.destroy(); // a second attach for the same pid
    const timer = setTimeout(() => {
      this.#byPid.delete(pid);
      socket.destroy();
    }, MATCH_WAIT_MS);
    this.#byPid.set(pid, { socket, timer });
  }

  /**
   * An adopt arrived: `onSocket` gets its attach, now or later; `onGone` is called if the process
   * ends (or never attaches) first.
   */
  adopted(pid: number, onSocket: (socket: Socket) => void, onGone: () => void): void {
    const w = this.#byPid.get(pid);
    if (w?.socket) {
      this.#byPid.delete(pid);
      clearTimeout(w.timer);
      return onSocket(w.socket);
    }
    const since = Date.now();
    const timer = setInterval(() => {
      if (!pidEnded(pid) && Date.now() - since < MATCH_WAIT_MS) return;
      clearInterval(timer);
      this.#byPid.delete(pid);
      onGone();
    }, GONE_POLL_MS);
    timer.unref();
    this.#byPid.set(pid, { onSocket, timer });
  }

  /**
   * The run is ending: an attach still waiting for its adopt is dropped. An adopted process that
   * has not attached yet (a spawn child still starting when the run was stopped) is still watched
   * until its pid is gone: it is being killed, and the run ends once its exit is in.
   */
  close(): void {
    for (const [pid, w] of this.#byPid) {
      if (w.onSocket) continue;
      clearTimeout(w.timer);
      w.socket?.destroy();
      this.#byPid.delete(pid);
    }
  }
}
