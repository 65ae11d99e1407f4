/** The "At the playhead" box of a Pool: what each worker runs, the tasks queued and done. */
import type { TimelineModel } from '../src/model/timeline';
import { LaneState } from '../src/model/timelineLanes';
import { taskLabel } from './drawPoolTasks';
import { procWord, tr } from './i18n';
import { names, stateBox } from './stateBox';
import { stateWord } from './stateWords';

export function poolBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  const p = m.pools.get(obj);
  if (!p) return undefined;
  const running = p
    .runningAt(t)
    .map((i) => `${procWord(m.procName(p.taskWorker.values[i]))}${tr('colon')}${taskLabel(p, i)}`);
  const c = p.countsAt(t);
  const state =
    p.terminatedT <= t
      ? stateWord('poolTerminated')
      : p.closedT <= t
        ? stateWord('poolClosed')
        : stateWord('poolOpen');
  return stateBox(p.name, stateWord('kindPool'), [
    [stateWord('poolState'), state],
    [stateWord('poolRunning'), running.length ? running.join(', ') : tr('none')],
    [stateWord('poolQueued'), String(c.queued)],
    [
      stateWord('poolDone'),
      c.failed ? stateWord('poolDoneOf', { n: c.done, failed: c.failed }) : String(c.done),
    ],
    [tr('waiters'), names(waitersAt(m, p.owner, obj, t))],
  ]);
}

/** The owner, when it waits on the pool at t (in get() or join()). */
function waitersAt(m: TimelineModel, owner: number, obj: number, t: number): string[] {
  const lane = m.lane(owner);
  const i = lane ? lane.spanAt(t) : -1;
  return lane && i >= 0 && lane.obj.values[i] === obj && lane.state.values[i] === LaneState.SyncWait
    ? [lane.info.name]
    : [];
}
