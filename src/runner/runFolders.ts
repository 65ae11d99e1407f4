/**
 * The folders an exploration's runs work in. Each run needs a folder of its own, empty at its
 * start (the files a lab makes, a Python run's socket). Making a fresh temp folder for every run
 * and removing it after costs directory operations that are slow on file systems that discard
 * freed blocks at once, in the runner's thread, between runs that take a few milliseconds each.
 * So one temp folder holds the runs' subfolders: a run's subfolder is emptied off the runner's
 * thread once the run has ended, and a later run takes it when it is empty again. The watchdog
 * removes the whole folder if the runner dies, and the exploration does at its end.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class RunFolders {
  #base: string | null = null;
  readonly #free: string[] = [];
  #made = 0;
  #closed = false;

  /** `own`: told the base folder once it is made (the watchdog, to remove it if the runner dies). */
  constructor(private readonly own: (dir: string) => void) {}

  /** An empty folder for one run; give it back with `giveBack` when the run has ended. */
  take(): string {
    const free = this.#free.pop();
    if (free !== undefined) return free;
    if (this.#base === null) {
      this.#base = mkdtempSync(join(tmpdir(), 'concurrency-labs-'));
      this.own(this.#base);
    }
    const dir = join(this.#base, String(this.#made++));
    mkdirSync(dir);
    return dir;
  }

  /** `dir`'s run has ended: it is emptied in the background, then kept for a later run. */
  giveBack(dir: string): void {
    void this.#empty(dir);
  }

  async #empty(dir: string): Promise<void> {
    try {
      const names = await readdir(dir);
      await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
      if (!this.#closed) this.#free.push(dir);
    } catch {
      // Gone (the exploration ended meanwhile) or not emptied: not used again.
    }
  }

  /** Removes every folder (the exploration is over). */
  close(): void {
    this.#closed = true;
    this.#free.length = 0;
    if (this.#base !== null) rmSync(this.#base, { recursive: true, force: true });
    this.#base = null;
  }
}
