import { strict as assert } from 'node:assert';
import { lockHandoffs, lockIntervals, matchPutsToGets } from '../../src/model/analysis';
import { LogBuilder, renumber } from '../support/logBuilder';
import { contendedLockLog } from '../support/modelLogs';

describe('model/analysis', () => {
  describe('matchPutsToGets', () => {
    it('matches every get to its put by item id, across processes', () => {
      const b = new LogBuilder()
        .start()
        .spawn(0, 'MainProcess')
        .spawn(1, 'producer')
        .spawn(2, 'consumer');
      const q = b.createQueue('q');
      b.at(10)
        .put(1, q, 'a')
        .at(20)
        .put(1, q, 'b')
        .at(30)
        .get(2, q)
        .at(40)
        .put(1, q, null)
        .at(50)
        .get(2, q);
      const m = matchPutsToGets(b.build());
      assert.equal(m.items.length, 3);
      assert.deepEqual(m.items[0], {
        item: 1,
        obj: q,
        value: 'a',
        putSeq: 5,
        putT: 10,
        putProc: 1,
        getSeq: 7,
        getT: 30,
        getProc: 2,
      });
      assert.equal(m.items[1].value, 'b');
      assert.equal(m.items[1].getT, 50);
      assert.deepEqual(
        m.unmatchedPuts.map((x) => x.value),
        [null],
      );
      assert.deepEqual(m.unmatchedGets, []);
    });

    it('reports a get whose put is missing from a partial log', () => {
      const b = new LogBuilder().start().spawn(0, 'MainProcess');
      const q = b.createQueue('q');
      b.put(0, q, 1).get(0, q);
      const events = renumber(b.build().filter((e) => e.kind !== 'queue.put'));
      const m = matchPutsToGets(events);
      assert.equal(m.items.length, 0);
      assert.deepEqual(
        m.unmatchedGets.map((g) => [g.item, g.getProc]),
        [[1, 0]],
      );
    });
  });

  describe('lockHandoffs', () => {
    it('says who released the lock to whom, and whether the acquirer was waiting', () => {
      const { events, L } = contendedLockLog();
      const h = lockHandoffs(events);
      assert.deepEqual(
        h.map((x) => [x.obj, x.fromProc, x.toProc, x.letThrough]),
        [
          [L, undefined, 1, false],
          [L, 1, 2, true],
          [L, 2, 3, true],
        ],
      );
      assert.equal(h[1].waitedUs, 990);
      assert.equal(h[2].waitedUs, 2980);
      assert.equal(events[h[1].releaseSeq!].kind, 'lock.release');
      assert.equal(events[h[1].acquireSeq].kind, 'lock.acquire');
    });

    it('does not call an uncontended re-acquire a handoff that let someone through', () => {
      const b = new LogBuilder().start().spawn(0, 'MainProcess');
      const L = b.createLock();
      b.request(0, L).acquire(0, L).after(5).release(0, L).after(5).request(0, L).acquire(0, L);
      const h = lockHandoffs(b.build());
      assert.deepEqual(
        h.map((x) => [x.fromProc, x.toProc, x.letThrough]),
        [
          [undefined, 0, false],
          [0, 0, false],
        ],
      );
    });
  });

  describe('lockIntervals', () => {
    it('gives each request its wait and hold', () => {
      const { events } = contendedLockLog();
      const iv = lockIntervals(events);
      assert.deepEqual(
        iv.map((x) => [x.proc, x.contended, x.waitEnd, x.waitUs, x.holdUs, x.releasedBy]),
        [
          [1, false, 'acquired', 0, 1000, 1],
          [2, true, 'acquired', 990, 2000, 2],
          [3, true, 'acquired', 2980, 500, 3],
        ],
      );
    });

    it('closes intervals still open at the end of the log and flags them', () => {
      const b = new LogBuilder()
        .start()
        .spawn(0, 'MainProcess')
        .spawn(1, 'A')
        .spawn(2, 'B')
        .spawn(3, 'C');
      const L = b.createLock();
      b.at(100)
        .request(1, L)
        .acquire(1, L)
        .at(200)
        .request(2, L)
        .at(300)
        .request(3, L, false)
        .lockTimeout(3, L);
      b.at(400).exit(3).at(900).log(0, 'still going');
      const iv = lockIntervals(b.build());
      assert.deepEqual(
        iv.map((x) => [x.proc, x.waitEnd, x.waitEndT, x.waitUs, x.holdUs, x.holdOpen]),
        [
          [1, 'acquired', 100, 0, 800, true],
          [2, 'log-end', 900, 700, undefined, undefined],
          [3, 'timeout', 300, 0, undefined, undefined],
        ],
      );
    });

    it('ends the wait of a process that exits while waiting', () => {
      const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
      const L = b.createLock();
      b.request(1, L)
        .acquire(1, L)
        .at(50)
        .request(2, L)
        .at(80)
        .exit(2, null, 'terminated')
        .at(100)
        .release(1, L);
      const iv = lockIntervals(b.build());
      assert.deepEqual([iv[1].waitEnd, iv[1].waitUs, iv[1].acquireT], ['exited', 30, undefined]);
      assert.equal(iv[0].holdOpen, undefined);
    });
  });
});
