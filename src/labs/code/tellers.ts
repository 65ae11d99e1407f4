/**
 * The two tellers of the deadlock labs: each moves money while holding both account locks,
 * taking them in the order it is given.
 */
import {
  currentProcess,
  l,
  print,
  randint,
  sleep,
  type Barrier,
  type Lock,
} from 'concurrency-labs';

/** "account A" / "账户 A": the names of the two locks. */
export function accountName(letter: 'A' | 'B'): string {
  return l({ en: `account ${letter}`, 'zh-CN': `账户 ${letter}` });
}

export function tellerName(n: number): string {
  return l({ en: `Teller ${n}`, 'zh-CN': `柜员${n}` });
}

/**
 * `times` transfers, each holding `first` and then `second`. With `meet`, both tellers wait at
 * that barrier once they hold their first lock: the unlucky timing, every run.
 */
export async function transfer(
  first: Lock,
  second: Lock,
  names: [string, string],
  times: number,
  meet: Barrier | null,
): Promise<void> {
  const me = currentProcess().name;
  for (let i = 0; i < times; i++) {
    await first.acquire();
    await print(l({ en: `${me} locked ${names[0]}`, 'zh-CN': `${me}锁住了${names[0]}` }));
    if (meet) await meet.wait();
    else await sleep(randint(1, 3) / 10);
    await second.acquire();
    await print(
      l({
        en: `${me} locked ${names[1]} and moves the money`,
        'zh-CN': `${me}锁住了${names[1]}，开始转账`,
      }),
    );
    await sleep(randint(2, 5) / 10);
    await second.release();
    await first.release();
  }
}
