/** Routes the requests of Value, Array and Pipe to their brokers (dispatch.ts does the rest). */
import type { LabMessage } from '../protocol/lab';
import type { PipeBroker } from './pipes';
import type { ProcRec } from './procRec';
import type { ValueBroker } from './sharedValues';
import type { FindObj } from './syncDispatch';

export interface SharedBrokers {
  values: ValueBroker;
  pipes: PipeBroker;
}

/** Handles `m` when it is a request on a Value, an Array or a Pipe; false when it is not one. */
export function dispatchShared(
  b: SharedBrokers,
  p: ProcRec,
  m: LabMessage,
  find: FindObj,
): boolean {
  switch (m.op) {
    case 'value.get':
    case 'value.set': {
      const v = find(m.ref, 'value');
      if (!v) return true;
      if (m.op === 'value.get') b.values.get(p, m, v);
      else b.values.set(p, m, v);
      return true;
    }
    case 'pipe.send':
    case 'pipe.recv':
    case 'pipe.poll':
    case 'pipe.close': {
      const pipe = find(m.ref, 'pipe');
      if (!pipe) return true;
      if (m.op === 'pipe.send') b.pipes.send(p, m, pipe);
      else if (m.op === 'pipe.recv') b.pipes.recv(p, m, pipe);
      else if (m.op === 'pipe.poll') b.pipes.poll(p, m, pipe);
      else b.pipes.close(p, m, pipe);
      return true;
    }
    default:
      return false;
  }
}
