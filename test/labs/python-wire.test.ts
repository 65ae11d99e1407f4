/**
 * The Python runtime's wire (python/concurrency_labs/wire.py), probed over a socketpair by a
 * script that plays the runner (test/fixtures/python/wire_probe.py): held-back notices (an
 * unbounded queue's puts) leave together, in order, before any other message, after HELD_MAX of
 * them or by themselves soon after; answers come back through the per-request waiters, or are
 * read by the asking thread itself while the reader thread steps aside; frames that arrive
 * together or in pieces are all read.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../support/build';
import { pyFixture, PYTHON } from '../support/python';

function probe(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON ?? 'python3',
      [pyFixture('wire_probe.py')],
      { env: { ...process.env, PYTHONPATH: join(REPO, 'python') }, timeout: 120_000 },
      (err, out, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        const line = out.split('\n').find((l) => l.startsWith('RESULT '));
        if (!line) return reject(new Error(`no RESULT line: ${out}\n${stderr}`));
        resolve(JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>);
      },
    );
  });
}

describe('Python runtime: the wire', function () {
  this.timeout(150_000);
  before(function () {
    if (!PYTHON) this.skip();
  });

  it('holds notices back, then sends them with the next message, at HELD_MAX, or soon by themselves', async () => {
    const r = await probe();
    assert.equal(r.heldWaited, true, 'a held notice was written at once');
    assert.deepEqual(r.oneWrite, [0, 1, 2, 3, 4, 'after'], 'not one write, in order');
    assert.equal(r.heldAsOneFrame, true, 'the held notices were not one array frame');
    assert.deepEqual(r.atMax, [10, 11, 12]);
    assert.deepEqual(r.beforeRequest, [20, ['L', 1]]);
    assert.equal(r.answer, true);
    assert.equal(r.bigMessage, 100_000);
    assert.equal(r.flushed, 30);
  });

  it('lets an asking thread read its own answer when the reader has stepped aside, and never leaves a waiting thread unread', async () => {
    const r = await probe();
    assert.equal(r.firstAnswer, true);
    assert.equal(r.letGo, true, 'the reader thread kept the wire after handing over an answer');
    assert.equal(r.secondAnswer, true);
    assert.equal(r.readBy, 'asker-2', 'the answer and its message were not read by the asker');
    assert.deepEqual(r.bothAnswered, [true, true], 'a thread waiting for its answer was left');
    assert.equal(r.mainAnswer, true);
    assert.equal(r.mainWithHandlerReadBy, 'cl-wire', 'main read while the script has a handler');
  });
});
