/**
 * The dining philosophers: five philosophers, five forks (Locks) between them. Philosopher i
 * has fork i on the left and fork i+1 on the right (fork 5's right neighbour is fork 1).
 */
import {
  currentProcess,
  l,
  Lock,
  print,
  Process,
  randint,
  sleep,
  type Barrier,
  type Semaphore,
} from 'concurrency-labs';

export const PHILOSOPHERS = 5;
export const MEALS = 3;

export function forkName(i: number): string {
  return l({ en: `fork ${i}`, 'zh-CN': `叉子${i}` });
}

export function philosopherName(i: number): string {
  return l({ en: `Philosopher ${i}`, 'zh-CN': `哲学家${i}` });
}

/** How a philosopher picks up forks: which first, and whether seats or a barrier are involved. */
export interface Manners {
  /** Pick up the lower-numbered fork first (else the left one). */
  ordered: boolean;
  /** Sit down first (a Semaphore of seats). */
  seats: Semaphore | null;
  /** Wait here holding the first fork (makes everyone hold one: the deadlock, every run). */
  meet: Barrier | null;
  meals: number;
}

/** Philosopher `i` thinks and eats `manners.meals` times. */
export async function dine(i: number, forks: Lock[], manners: Manners): Promise<void> {
  const me = currentProcess().name;
  const left = i;
  const right = (i % PHILOSOPHERS) + 1;
  const [first, second] = manners.ordered && right < left ? [right, left] : [left, right];
  for (let meal = 1; meal <= manners.meals; meal++) {
    await sleep(randint(1, 4) / 10); // think
    if (manners.seats) await manners.seats.acquire();
    await forks[first - 1].acquire();
    if (manners.meet) await manners.meet.wait();
    await forks[second - 1].acquire();
    await print(
      l({
        en: `${me} eats (meal ${meal}) with ${forkName(first)} and ${forkName(second)}`,
        'zh-CN': `${me}用${forkName(first)}和${forkName(second)}吃饭（第 ${meal} 顿）`,
      }),
    );
    await sleep(randint(2, 5) / 10); // eat
    await forks[second - 1].release();
    await forks[first - 1].release();
    if (manners.seats) await manners.seats.release();
  }
}

/** Main's part in every variant: make the forks, seat the philosophers, wait for them. */
export async function serveDinner(
  target: typeof dine,
  manners: Omit<Manners, 'meals'>,
  meals = MEALS,
): Promise<void> {
  const forks = Array.from({ length: PHILOSOPHERS }, (_, k) => new Lock({ name: forkName(k + 1) }));
  const diners = Array.from(
    { length: PHILOSOPHERS },
    (_, k) =>
      new Process(target, [k + 1, forks, { ...manners, meals }], { name: philosopherName(k + 1) }),
  );
  await Promise.all(diners.map((d) => d.start()));
  for (const d of diners) await d.join();
}
