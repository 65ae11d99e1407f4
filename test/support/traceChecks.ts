import { strict as assert } from 'node:assert';
import type { ChromeTrace, TraceEvent } from '../../src/model/chromeTrace';

/** Complete slices on one thread must nest (Perfetto and chrome://tracing rely on it). */
export function assertSlicesNest(trace: ChromeTrace): void {
  const byTid = new Map<number, TraceEvent[]>();
  for (const e of trace.traceEvents)
    if (e.ph === 'X') byTid.set(e.tid!, [...(byTid.get(e.tid!) ?? []), e]);
  for (const [tid, xs] of byTid) {
    xs.sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
    const stack: number[] = [];
    for (const x of xs) {
      while (stack.length && stack[stack.length - 1] <= x.ts!) stack.pop();
      assert.ok(
        !stack.length || x.ts! + x.dur! <= stack[stack.length - 1],
        `slice ${x.name} at ${x.ts} on thread ${tid} overlaps its parent`,
      );
      stack.push(x.ts! + x.dur!);
    }
  }
}

/** Every flow end must sit inside a complete slice of its thread, or the arrow has nothing to bind to. */
export function assertFlowsBind(trace: ChromeTrace): void {
  const xs = trace.traceEvents.filter((e) => e.ph === 'X');
  for (const f of trace.traceEvents.filter((e) => e.ph === 's' || e.ph === 'f')) {
    assert.ok(
      xs.some((x) => x.tid === f.tid && x.ts! <= f.ts! && f.ts! < x.ts! + Math.max(1, x.dur!)),
      `flow ${f.cat} ${f.id} at ${f.ts} has no slice`,
    );
  }
}
