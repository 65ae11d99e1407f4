/**
 * Lab: two tellers lock two accounts in opposite orders. A barrier makes both hold their first
 * lock before either reaches for the second, so the deadlock happens in every run.
 */
import { Barrier, defineLab, l, Lock, Process } from 'concurrency-labs';
import deadlockInfo from '../info/deadlock.json';
import { accountName, tellerName, transfer } from './tellers';

export { transfer };

export default defineLab(deadlockInfo, async () => {
  const a = new Lock({ name: accountName('A') });
  const b = new Lock({ name: accountName('B') });
  const meet = new Barrier(2, { name: l({ en: 'both hold one lock', 'zh-CN': '各持一把锁' }) });
  const tellers = [
    new Process(transfer, [a, b, [accountName('A'), accountName('B')], 1, meet], {
      name: tellerName(1),
    }),
    new Process(transfer, [b, a, [accountName('B'), accountName('A')], 1, meet], {
      name: tellerName(2),
    }),
  ];
  await Promise.all(tellers.map((t) => t.start()));
  for (const t of tellers) await t.join();
});
