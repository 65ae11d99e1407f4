/**
 * Lab: four runners run three laps each at their own pace and meet at a Barrier(4) after every
 * lap. The last to arrive runs the barrier's action (it announces the lap) before all go on.
 */
import {
  Barrier,
  currentProcess,
  defineLab,
  l,
  print,
  Process,
  randint,
  sleep,
} from 'concurrency-labs';
import barrierInfo from '../info/barrier.json';

const RUNNERS = 4;
const LAPS = 3;

/** The barrier's action: run by the last runner to arrive, before anyone starts the next lap. */
export async function everyoneIsHere(): Promise<void> {
  await print(
    l({
      en: `${currentProcess().name} came in last: everyone finished the lap`,
      'zh-CN': `${currentProcess().name}最后一个到：所有人都跑完了这一圈`,
    }),
  );
}

export async function runLaps(lapLine: Barrier): Promise<void> {
  const me = currentProcess().name;
  for (let lap = 1; lap <= LAPS; lap++) {
    await sleep(randint(3, 15) / 10);
    const arrival = await lapLine.wait();
    if (arrival === 0)
      await print(l({ en: `${me} was first at lap ${lap}`, 'zh-CN': `${me}第 ${lap} 圈第一个到` }));
  }
}

export default defineLab(barrierInfo, async () => {
  const lapLine = new Barrier(RUNNERS, {
    action: everyoneIsHere,
    name: l({ en: 'lap line', 'zh-CN': '圈线' }),
  });
  const runners = Array.from(
    { length: RUNNERS },
    (_, i) =>
      new Process(runLaps, [lapLine], {
        name: l({ en: `Runner ${i + 1}`, 'zh-CN': `跑者${i + 1}` }),
      }),
  );
  await Promise.all(runners.map((r) => r.start()));
  for (const r of runners) await r.join();
});
