import { LogBuilder } from './logBuilder';

/** Three processes take one lock in turn; 2 and 3 have to wait. */
export function contendedLockLog() {
  const b = new LogBuilder().start().spawn(0, 'MainProcess');
  const L = b.createLock('mutex');
  b.spawn(1, '进程1').spawn(2, '进程2').spawn(3, '进程3');
  b.at(100).request(1, L).acquire(1, L);
  b.at(110).request(2, L);
  b.at(120).request(3, L);
  b.at(1100).release(1, L).acquire(2, L);
  b.at(3100).release(2, L).acquire(3, L);
  b.at(3600).release(3, L);
  b.at(4000).exit(1).exit(2).exit(3).exit(0).end();
  return { events: b.build(), L };
}

/**
 * The seed's race in miniature: 进程1 and 进程3 both read 1 ticket, 进程1 writes 0, then 进程3 writes 0
 * over it; 进程2 reads after 进程1's write and gives up.
 */
export function lostUpdateLog() {
  const b = new LogBuilder().start('ticket-race').spawn(0, 'MainProcess');
  const F = b.createFile('data.json', { ticket_num: 1 });
  b.spawn(1, '进程1').spawn(2, '进程2').spawn(3, '进程3');
  b.at(1000).read(1, F).at(1100).read(3, F);
  b.at(2000).read(1, F).at(2100).read(3, F);
  b.at(3000).write(1, F, { ticket_num: 0 });
  const p1Write = b.lastSeq;
  b.at(3500).read(2, F);
  b.at(4000).write(3, F, { ticket_num: 0 });
  const p3Write = b.lastSeq;
  b.at(5000).exit(1).exit(2).exit(3).exit(0).end();
  return { events: b.build(), F, p1Write, p3Write };
}

/** Two producers, one consumer, a bounded queue that fills up, a None sentinel at the end. */
export function producerConsumerLog() {
  const b = new LogBuilder().start('pc').spawn(0, 'MainProcess');
  const q = b.createQueue('q', 2);
  b.spawn(1, 'P1').spawn(2, 'P2').spawn(3, 'C');
  b.at(100).getWait(3, q);
  b.at(1_000).put(1, q, 'a1').get(3, q);
  b.at(1_100).put(1, q, 'a2').at(1_200).put(2, q, 'b1');
  b.at(1_300).putWait(1, q).sleep(3, 1);
  b.at(2_300).wake(3).get(3, q).put(1, q, 'a3');
  b.at(2_400).get(3, q).at(2_500).get(3, q);
  b.at(2_600)
    .exit(1)
    .exit(2)
    .joinWait(0, 1)
    .joinDone(0, 1)
    .put(0, q, null)
    .at(2_700)
    .get(3, q)
    .exit(3)
    .exit(0)
    .end();
  return { events: b.build(), q };
}
