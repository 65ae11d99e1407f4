import type { LabEvent } from '../protocol/events';

/** A stretch of time a process spent not running its own code (locks are in `lockIntervals`). */
export type BlockKind = 'sleep' | 'put-blocked' | 'get-blocked' | 'join' | 'queue-join';

export interface BlockSpan {
  proc: number;
  kind: BlockKind;
  /** The queue for put/get/queue-join; the joined process for join. */
  obj?: number;
  target?: number;
  startSeq: number;
  startT: number;
  /** Seq of the event that ended it; absent when the process exited or the log ended first. */
  endSeq?: number;
  endT: number;
  /** How it ended: normally, gave up (Full/Empty/join timeout), the process exited, or the log ended. */
  end: 'done' | 'gave-up' | 'exited' | 'log-end';
}

/** Every sleep and blocked put/get/join in log order of their start. */
export function blockSpans(events: readonly LabEvent[]): BlockSpan[] {
  const out: BlockSpan[] = [];
  // Open spans keyed by proc, then by "kind:obj"; lab code may await several at once, so each key is a FIFO.
  const open = new Map<number, Map<string, BlockSpan[]>>();
  const begin = (e: LabEvent, kind: BlockKind, key: string, extra: Partial<BlockSpan>) => {
    const s: BlockSpan = {
      proc: e.proc,
      kind,
      startSeq: e.seq,
      startT: e.t,
      endT: e.t,
      end: 'log-end',
      ...extra,
    };
    out.push(s);
    let m = open.get(e.proc);
    if (!m) open.set(e.proc, (m = new Map()));
    const list = m.get(key);
    if (list) list.push(s);
    else m.set(key, [s]);
  };
  const finish = (e: LabEvent, key: string, end: BlockSpan['end']) => {
    const s = open.get(e.proc)?.get(key)?.shift();
    if (s) {
      s.endSeq = e.seq;
      s.endT = e.t;
      s.end = end;
    }
  };
  for (const e of events) {
    switch (e.kind) {
      case 'sleep.begin':
        begin(e, 'sleep', 's', {});
        break;
      case 'sleep.end':
        finish(e, 's', 'done');
        break;
      case 'queue.put.wait':
        begin(e, 'put-blocked', `p${e.obj}`, { obj: e.obj });
        break;
      case 'queue.put':
        finish(e, `p${e.obj}`, 'done');
        break;
      case 'queue.full':
        finish(e, `p${e.obj}`, 'gave-up');
        break;
      case 'queue.get.wait':
        begin(e, 'get-blocked', `g${e.obj}`, { obj: e.obj });
        break;
      case 'queue.get':
        finish(e, `g${e.obj}`, 'done');
        break;
      case 'queue.empty':
        finish(e, `g${e.obj}`, 'gave-up');
        break;
      case 'queue.join.wait':
        begin(e, 'queue-join', `q${e.obj}`, { obj: e.obj });
        break;
      case 'queue.join.done':
        finish(e, `q${e.obj}`, 'done');
        break;
      case 'proc.join.wait':
        begin(e, 'join', `j${e.target}`, { target: e.target });
        break;
      case 'proc.join.done':
        finish(e, `j${e.target}`, e.timedOut ? 'gave-up' : 'done');
        break;
      case 'proc.exit': {
        const m = open.get(e.proc);
        if (!m) break;
        for (const list of m.values())
          for (const s of list) {
            s.endT = e.t;
            s.end = 'exited';
          }
        open.delete(e.proc);
        break;
      }
    }
  }
  const lastT = events.length ? events[events.length - 1].t : 0;
  for (const m of open.values())
    for (const list of m.values()) for (const s of list) s.endT = lastT;
  return out;
}
