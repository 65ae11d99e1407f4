/** "At the playhead" boxes of a Value or Array (its value, who wrote it last) and of a Pipe. */
import { formatValue } from '../src/protocol/preview';
import type { TimelineModel } from '../src/model/timeline';
import { FileOp } from '../src/model/timelineFiles';
import { countLE } from '../src/model/timelineColumns';
import { syncStateAt } from '../src/model/primitiveState';
import { procWord, tr } from './i18n';
import { names, stateBox } from './stateBox';
import { stateWord } from './stateWords';

/** A Value or Array: its value at t and the process that wrote it (none before the first write). */
export function valueBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  const f = m.files.get(obj);
  if (!f) return undefined;
  let writer = stateWord('nobody');
  for (let i = countLE(f.opT.values, f.opT.count, t) - 1; i >= 0; i--)
    if (f.op.values[i] === FileOp.Write) {
      writer = procWord(m.procName(f.opProc.values[i]));
      break;
    }
  return stateBox(f.name, f.label, [
    [tr('value'), formatValue(f.valueAt(t))],
    [stateWord('writtenBy'), writer],
  ]);
}

/** A Pipe: how many messages are in it at t, and who waits in recv(). */
export function pipeBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  const s = syncStateAt(m, obj, t);
  if (!s) return undefined;
  return stateBox(s.name, stateWord('kindPipe'), [
    [stateWord('inPipe'), String(s.level)],
    [tr('waiters'), names(s.waiterNames)],
  ]);
}
