/** The deadlock and dining-philosophers labs, read back from the log. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { paragraphs } from './kit/log';
import { deadlockFound, doubleHolds, findingText, semaphoreUse } from './kit/sync';

export interface TwoLockOutcome {
  [k: string]: Json;
  deadlocked: boolean;
  /** Transfers made or meals eaten: times a process held its two locks. */
  done: number;
  expected: number;
  /** Most processes holding two locks at the same moment. */
  mostAtOnce: number;
}

export function twoLockOutcome(expected: number) {
  return (events: readonly LabEvent[]): TwoLockOutcome => {
    const holds = doubleHolds(events);
    return {
      deadlocked: deadlockFound(events) !== undefined,
      done: holds.count,
      expected,
      mostAtOnce: holds.mostAtOnce,
    };
  };
}

/** Every transfer or meal happened, and nobody deadlocked. */
export function checkAllDone(outcome: Json): Localized | undefined {
  const o = outcome as Partial<TwoLockOutcome> | null;
  if (!o || typeof o !== 'object') return undefined;
  if (o.deadlocked)
    return {
      en: 'deadlock: every process holds one lock and waits for another that is held, so none can go on',
      'zh-CN': '死锁：每个进程都拿着一把锁，又在等另一把已被拿走的锁，谁也无法继续',
    };
  if (typeof o.done === 'number' && typeof o.expected === 'number' && o.done < o.expected)
    return {
      en: `only ${o.done} of ${o.expected} got both locks`,
      'zh-CN': `${o.expected} 次中只有 ${o.done} 次拿到了两把锁`,
    };
  return undefined;
}

/** "6 of 6 transfers made, at most 1 at once" or, deadlocked, "0 of 2 transfers made" (the status says why). */
export function describeTransfers(outcome: Json): Localized {
  const o = outcome as TwoLockOutcome;
  if (o.deadlocked)
    return {
      en: `${o.done} of ${o.expected} transfers made`,
      'zh-CN': `${o.expected} 次转账只完成了 ${o.done} 次`,
    };
  return {
    en: `${o.done} of ${o.expected} transfers made, at most ${o.mostAtOnce} at once`,
    'zh-CN': `完成了 ${o.expected} 次转账中的 ${o.done} 次，同时最多 ${o.mostAtOnce} 次`,
  };
}

/** "15 of 15 meals eaten, at most 2 at once" or, deadlocked, "0 of 5 meals eaten". */
export function describeMeals(outcome: Json): Localized {
  const o = outcome as TwoLockOutcome;
  if (o.deadlocked)
    return {
      en: `${o.done} of ${o.expected} meals eaten`,
      'zh-CN': `${o.expected} 顿饭只吃了 ${o.done} 顿`,
    };
  return {
    en: `${o.done} of ${o.expected} meals eaten, at most ${o.mostAtOnce} at once`,
    'zh-CN': `吃了 ${o.expected} 顿饭中的 ${o.done} 顿，最多 ${o.mostAtOnce} 人同时在吃`,
  };
}

export function narrateDeadlock(events: readonly LabEvent[]): Localized {
  return paragraphs([
    findingText(deadlockFound(events)),
    {
      en: 'Teller 1 locks account A and then wants B; Teller 2 locks B and then wants A. After both have taken their first lock (the lab makes them meet at a barrier there, so this unlucky timing happens in every run), each waits for a lock the other will only release after getting its own: a cycle of waiting, a deadlock. The runner saw that no process in the cycle could ever move and ended the run. The fix is one order for everyone: see "Deadlock fixed: one lock order".',
      'zh-CN':
        '柜员1 先锁账户 A 再要 B；柜员2 先锁 B 再要 A。两人都拿到第一把锁之后（实验让他们在这里的屏障处会合，所以每次运行都会碰上这种倒霉的时机），各自等待的锁，对方要拿到自己那把之后才会释放：等待形成了环，这就是死锁。运行器发现环中没有任何进程还能继续，于是结束了运行。解决办法是所有人按同一顺序加锁：见「解决死锁：统一加锁顺序」。',
    },
  ]);
}

export function narrateOrdered(events: readonly LabEvent[]): Localized {
  const o = twoLockOutcome(6)(events);
  return {
    en: `Both tellers lock account A before account B, and they made ${o.done} of ${o.expected} transfers. Whoever holds A may wait for B, but the holder of B never waits for A: it already has it. Waiting can only go one way along the order, so it can never come back round in a cycle.`,
    'zh-CN': `两个柜员都先锁账户 A 再锁账户 B，共完成了 ${o.expected} 次转账中的 ${o.done} 次。拿着 A 的人可能要等 B，但拿着 B 的人绝不会等 A：它已经拿到了 A。等待只能沿着顺序单向进行，永远绕不成环。`,
  };
}

export function narrateDining(events: readonly LabEvent[]): Localized {
  return paragraphs([
    findingText(deadlockFound(events)),
    {
      en: "Every philosopher picked up the left fork, and every right fork is some neighbour's left fork, already taken. Five processes each hold one lock and wait for the next one round the table: the cycle closes and nobody eats. (The lab makes them all hold their left fork before anyone reaches right, with a barrier, so it happens in every run; without it, it happens only now and then, which is worse.) Two fixes follow: ordered forks, and four seats.",
      'zh-CN':
        '每位哲学家都拿起了左手边的叉子，而每把右叉子都是邻居的左叉子，已经被拿走了。五个进程各自拿着一把锁，等着桌子上的下一把：环闭合了，谁也吃不上。（实验用屏障让所有人在伸手拿右叉子之前都先拿好左叉子，所以每次运行都会发生；没有屏障时它只是偶尔发生，这更糟。）接下来是两种解法：按编号拿叉子，以及只设四个座位。',
    },
  ]);
}

export function narrateDiningOrdered(events: readonly LabEvent[]): Localized {
  const o = twoLockOutcome(15)(events);
  return {
    en: `The philosophers ate ${o.done} of ${o.expected} meals, up to ${o.mostAtOnce} at the same time. Everyone picks up the lower-numbered fork first, so Philosopher 5 reaches for fork 1 before fork 5. A cycle of waiting would need someone holding a higher fork to wait for a lower one, which nobody ever does.`,
    'zh-CN': `哲学家们吃了 ${o.expected} 顿中的 ${o.done} 顿，最多 ${o.mostAtOnce} 人同时在吃。每个人都先拿编号小的叉子，所以哲学家5 先拿叉子1 再拿叉子5。要形成等待环，得有人拿着编号大的叉子去等编号小的，而没有人会这样做。`,
  };
}

export function narrateSeats(events: readonly LabEvent[]): Localized {
  const o = twoLockOutcome(15)(events);
  const seats = semaphoreUse(events);
  return {
    en: `The philosophers ate ${o.done} of ${o.expected} meals. A Semaphore(${seats.units}) of seats let at most ${seats.mostInUse} sit at once (${seats.waited} times a philosopher waited for a seat). With one seat always empty, at least one seated philosopher has both neighbours' forks within reach and can finish, so the circle never locks up.`,
    'zh-CN': `哲学家们吃了 ${o.expected} 顿中的 ${o.done} 顿。Semaphore(${seats.units}) 表示的座位最多让 ${seats.mostInUse} 人同时坐下（有 ${seats.waited} 次哲学家在等座位）。总有一个座位空着，坐着的人中至少有一位能拿到两把叉子吃完，所以这个环永远锁不死。`,
  };
}
