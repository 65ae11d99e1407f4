import { strict as assert } from 'node:assert';
import {
  notifySoon,
  receiveAnswer,
  request,
  resetContext,
  setContext,
} from '../../src/runtime/context';
import type { LabInit, LabMessage } from '../../src/protocol/lab';

const init = { proc: 1, lab: 'x', controlled: false } as unknown as LabInit;

/** What `send` was given, one entry per write (a batch as its ops). */
function recorder(): { writes: string[][]; send: (m: LabMessage | LabMessage[]) => void } {
  const writes: string[][] = [];
  return {
    writes,
    // The batch's array is the runtime's again once send returns: its ops are copied out.
    send: (m) => writes.push((Array.isArray(m) ? m : [m]).map((x) => x.op)),
  };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await null;
};

describe('lab runtime: a held lock release leaves soon, with the request that follows it', () => {
  afterEach(resetContext);

  it('leaves in one write with an acquire made in the next turns (await release; await acquire)', async () => {
    const r = recorder();
    setContext(init, {}, r.send);
    notifySoon({ id: 0, op: 'lock.release', ref: '1:1', site: 1 });
    await null;
    // Sited already, as a transformed lab module's calls are: no stack is read in this test.
    const acquire: LabMessage = { id: 0, op: 'lock.acquire', ref: '1:1', block: true, site: 2 };
    const answer = request(acquire);
    assert.deepEqual(r.writes, [['lock.release', 'lock.acquire']]);
    await turns(8);
    assert.equal(r.writes.length, 1, 'nothing is sent again');
    receiveAnswer(acquire.id, true);
    assert.equal(await answer, true);
  });

  it('leaves with the acquire of a loop of async helpers that release (withLock), turns later', async () => {
    const r = recorder();
    setContext(init, {}, r.send);
    const critical = async () => {
      await null;
      notifySoon({ id: 0, op: 'lock.release', ref: '1:1', site: 1 });
      await Promise.resolve();
    };
    await critical();
    request({ id: 0, op: 'lock.acquire', ref: '1:1', block: true, site: 2 }).catch(() => undefined);
    assert.deepEqual(r.writes, [['lock.release', 'lock.acquire']]);
  });

  it('leaves alone within a few microtask turns when no request follows (no event-loop turn needed)', async () => {
    const r = recorder();
    setContext(init, {}, r.send);
    notifySoon({ id: 0, op: 'lock.release', ref: '1:1', site: 1 });
    assert.deepEqual(r.writes, []);
    await turns(8);
    assert.deepEqual(r.writes, [['lock.release']]);
  });

  it('has left before a timer set after it fires', async () => {
    const r = recorder();
    setContext(init, {}, r.send);
    notifySoon({ id: 0, op: 'lock.release', ref: '1:1', site: 1 });
    await new Promise((done) => setTimeout(done, 0));
    assert.deepEqual(r.writes, [['lock.release']]);
  });
});
