// The run's log file is written off the runner's thread: whatever the order in which writes come
// back, the file holds exactly the bytes appended, in order, once close() returns; and the caller
// may reuse its buffer at once.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogFile } from '../../src/runner/logFile';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cl-logfile-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The file holds exactly `expected` (the first difference is named, not a 10 MB diff). */
function assertFileHolds(file: string, expected: Uint8Array[]): void {
  const got = readFileSync(file);
  const want = Buffer.concat(expected);
  let at = 0;
  while (at < got.length && at < want.length && got[at] === want[at]) at++;
  assert.ok(
    got.length === want.length && at === want.length,
    `the file has ${got.length} bytes where ${want.length} were appended; first difference at ${at}`,
  );
}

/** `n` bytes of the pattern of chunk `k` (each chunk differs, so a misplaced one shows). */
const chunkOf = (k: number, n: number) =>
  Uint8Array.from({ length: n }, (_, i) => (k * 31 + i) % 251);

describe('runner LogFile', () => {
  it('holds every byte appended, in order, when close() returns, though writes were still out', () => {
    const file = join(dir, 'a.jsonl');
    const log = new LogFile(file);
    const expected: Uint8Array[] = [];
    // One buffer reused for every append, as the recorder's JSONL printer reuses its own.
    const reused = new Uint8Array(70_000);
    for (let k = 0; k < 300; k++) {
      const n = 1 + ((k * 7919) % reused.length);
      reused.set(chunkOf(k, n));
      log.append(reused.subarray(0, n));
      expected.push(chunkOf(k, n));
    }
    log.close();
    assertFileHolds(file, expected);
  });

  it('writes while the runner goes on, and past its bound (the disk far behind) still in order', async () => {
    const file = join(dir, 'b.jsonl');
    const log = new LogFile(file);
    const expected: Uint8Array[] = [];
    // More than the bound (8 MB) in one turn: the appends past it are written synchronously.
    for (let k = 0; k < 160; k++) {
      const bytes = chunkOf(k, 64 * 1024 + k);
      log.append(bytes);
      expected.push(bytes);
    }
    // Then a few turns, each giving the thread pool its chance.
    for (let k = 160; k < 200; k++) {
      const bytes = chunkOf(k, 5000 + k);
      log.append(bytes);
      expected.push(bytes);
      await new Promise((r) => setImmediate(r));
    }
    log.close();
    assertFileHolds(file, expected);
    assert.throws(() => log.append(new Uint8Array(1)), /closed/);
  });
});
