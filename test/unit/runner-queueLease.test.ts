import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Json } from '../../src/protocol/events';
import type { LabMessageOf } from '../../src/protocol/lab';
import type { BrokerContext } from '../../src/runner/brokerContext';
import { ObjectTable } from '../../src/runner/objectTable';
import { newProcRec, type ProcRec } from '../../src/runner/procRec';
import { QueueBroker, type QueueState } from '../../src/runner/queues';
import { PipeBroker } from '../../src/runner/pipes';
import { RealtimeScheduler } from '../../src/runner/scheduler';
import { LeaseClaims } from '../../src/runner/leaseClaimsFile';
import { CLAIMS_FILE } from '../../src/protocol/leaseClaims';
import { ClaimsFile } from '../../src/runtime/queueLease';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A broker over a recording hub: what it emits, answers and sends to each process. */
function world(leasing: boolean) {
  const log: string[] = [];
  const sched = new RealtimeScheduler(1, () => undefined, leasing);
  const hub = {
    rec: {
      emit: (proc: number, kind: string, f: Record<string, unknown>) =>
        log.push(`${proc} ${kind} ${f.item ?? ''} ${f.size ?? ''}`.trim()),
      emitItem: (
        proc: number,
        kind: string,
        _obj: number,
        item: number,
        _value: Json,
        size: number,
      ) => log.push(`${proc} ${kind} ${item} ${size}`),
      emitObj: (proc: number, kind: string) => log.push(`${proc} ${kind}`),
      now: () => 0,
    },
    sched,
    reply: (p: ProcRec, id: number, v: Json) =>
      id !== 0 && log.push(`${p.index} reply ${id} ${JSON.stringify(v)}`),
    fail: (p: ProcRec, id: number, name: string) => log.push(`${p.index} fail ${id} ${name}`),
    blocked: () => undefined,
    proc: () => undefined,
  } as unknown as BrokerContext;
  const objects = new ObjectTable<{ obj: number; kind: string }>();
  const dir = mkdtempSync(join(tmpdir(), 'cl-lease-'));
  dirs.push(dir);
  const limits: number[] = [];
  const qb = new QueueBroker(
    hub,
    objects,
    new LeaseClaims(dir),
    { maxItems: 1000, reached: (max) => limits.push(max) },
    new PipeBroker(hub, objects),
  );
  /** The holder's side of the claims file, as a lab process uses it. */
  const holderClaims = new ClaimsFile(() => join(dir, CLAIMS_FILE));
  const proc = (index: number) =>
    newProcRec(
      index,
      `P${index}`,
      false,
      -1,
      {
        pid: 100 + index,
        connected: true,
        exitCode: null,
        signalCode: null,
        once: () => undefined,
      } as never,
      { send: (m: unknown) => log.push(`${index} <- ${JSON.stringify(m)}`) } as never,
    );
  const [a, b] = [proc(1), proc(2)];
  qb.create(a, { id: 0, op: 'queue.create', ref: 'q', maxsize: 0, joinable: false });
  const q = objects.get('q') as unknown as QueueState;
  const get = (p: ProcRec, id: number) =>
    qb.get(p, { id, op: 'queue.get', ref: 'q', block: true } as LabMessageOf<'queue.get'>, q);
  for (let i = 0; i < 5; i++)
    qb.put(a, { id: 0, op: 'queue.put', ref: 'q', value: i, block: true }, q);
  return { log, qb, q, a, b, get, holderClaims, limits };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('runner: queue leases', () => {
  it('with leasing off (a controlled policy) every get is answered by request, as before', async () => {
    const w = world(false);
    for (let id = 1; id <= 5; id++) {
      w.get(w.a, id);
      await tick();
    }
    const after = w.log.slice(6); // after queue.create and five puts
    assert.deepEqual(
      after,
      [1, 2, 3, 4, 5].flatMap((id) => [`1 queue.get ${id} ${5 - id}`, `1 reply ${id} ${id - 1}`]),
    );
    assert.ok(!w.log.some((l) => l.includes('lease')), 'nothing is leased');
  });

  it('leases the front to a sole getter, stamps its takes, and revokes at once for another getter', async () => {
    const w = world(true);
    w.get(w.a, 1);
    w.get(w.a, 2);
    await tick();
    // Two gets in a row: the remaining three items are sent ahead, still counted in the queue.
    assert.equal(w.log.at(-1), '1 <- {"lease":{"ref":"q","gen":1,"values":[2,3,4]}}');
    w.qb.query(w.b, { id: 9, op: 'queue.query', ref: 'q', what: 'qsize' }, w.q);
    assert.equal(w.log.at(-1), '2 reply 9 3');
    // The holder takes one (claimed in the file) and reports it.
    assert.equal(w.holderClaims.claim(1, 1), true);
    w.qb.took(w.a, { id: 0, op: 'queue.took', ref: 'q', gen: 1, n: 1 }, w.q);
    assert.equal(w.log.at(-1), '1 queue.get 3 2');
    // It takes another, whose report is still on its way (or not sent: the holder is busy).
    assert.equal(w.holderClaims.claim(1, 2), true);
    // A size query reads the claim: the take is stamped and counted, and the lease goes on.
    w.qb.query(w.b, { id: 10, op: 'queue.query', ref: 'q', what: 'qsize' }, w.q);
    assert.deepEqual(w.log.slice(-3), ['1 queue.get 4 1', '2 queue.query', '2 reply 10 1']);
    // Another process gets: answered at once with the next item, without a word from the holder.
    w.get(w.b, 3);
    assert.deepEqual(w.log.slice(-2), ['2 queue.get 5 0', '2 reply 3 4']);
    // The holder's late report is about an ended lease: ignored, not an error.
    w.qb.took(w.a, { id: 0, op: 'queue.took', ref: 'q', gen: 1, n: 1 }, w.q);
    assert.equal(w.log.at(-1), '2 reply 3 4');
    // Its next take is refused by the file: the item it still holds went to the other getter.
    assert.equal(w.holderClaims.claim(1, 3), false);
    // A report about a lease never made is refused.
    w.qb.took(w.a, { id: 0, op: 'queue.took', ref: 'q', gen: 7, n: 1 }, w.q);
    assert.equal(w.log.at(-1), '1 fail 0 Error');
  });

  it("a take claimed before the revoke counts as the holder's; one claimed after it is refused", () => {
    const w = world(true);
    w.get(w.a, 1);
    w.get(w.a, 2);
    return tick().then(() => {
      assert.equal(w.holderClaims.claim(1, 1), true);
      w.get(w.b, 3);
      assert.deepEqual(w.log.slice(-3), ['1 queue.get 3 2', '2 queue.get 4 1', '2 reply 3 3']);
      assert.equal(w.holderClaims.claim(1, 2), false);
    });
  });

  it("answers the holder's own request with its next leased item (and tells it to skip that one)", async () => {
    const w = world(true);
    w.get(w.a, 1);
    w.get(w.a, 2);
    await tick();
    w.get(w.a, 3);
    assert.deepEqual(w.log.slice(-3), [
      '1 <- {"lease":{"ref":"q","gen":1,"values":[],"skip":1}}',
      '1 queue.get 3 2',
      '1 reply 3 2',
    ]);
  });
});
