/** Routes the requests of a Pool's owner and workers to the PoolBroker (dispatch.ts does the rest). */
import type { LabMessage } from '../protocol/lab';
import type { PoolBroker } from './pools';
import type { PoolState } from './poolState';
import type { ProcRec } from './procRec';

/** Handles `m` when it is a request on a Pool; false when it is not one. */
export function dispatchPool(
  pools: PoolBroker,
  p: ProcRec,
  m: LabMessage,
  find: (ref: string) => PoolState | null,
  refuse: (message: string) => void,
): boolean {
  if (!m.op.startsWith('pool.') || m.op === 'pool.create') return false;
  const pool = find((m as { ref: string }).ref);
  if (!pool) return true;
  // The workers' requests come from the workers; the rest only from the pool's owner.
  const fromWorker = m.op === 'pool.next' || m.op === 'pool.done';
  if (!fromWorker && p !== pool.owner) {
    refuse(`${pool.name} belongs to ${pool.owner.name}: only it may use the pool`);
    return true;
  }
  switch (m.op) {
    case 'pool.submit':
      pools.submit(p, m, pool);
      break;
    case 'pool.next':
      pools.next(p, m, pool);
      break;
    case 'pool.done':
      pools.done(p, m, pool);
      break;
    case 'pool.result':
      pools.results.result(p, m, pool);
      break;
    case 'pool.close':
      pools.close(p, m, pool);
      break;
    case 'pool.terminate':
      pools.terminate(p, m, pool);
      break;
    case 'pool.join':
      pools.join(p, m, pool);
      break;
  }
  return true;
}
