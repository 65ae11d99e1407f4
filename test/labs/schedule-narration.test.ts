/**
 * Under a controlled schedule the ticket race's narration names the decisions that oversold the
 * ticket, and each decision it names is in the log: the step let that buyer go on to its read,
 * before the step that let the first seller write.
 */
import { strict as assert } from 'node:assert';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';

const narrationOf = (events: readonly LabEvent[]) => {
  const end = events.find((e) => e.kind === 'run.end');
  return end?.kind === 'run.end' ? end.narration : undefined;
};
const nameToProc = (events: readonly LabEvent[], name: string) =>
  events.find((e) => e.kind === 'proc.spawn' && e.name === name)?.proc;

/** The first event of `proc` after decision `step`: what the decision let it do. */
function nextOf(events: readonly LabEvent[], step: number, proc: number): LabEvent | undefined {
  const at = events.findIndex((e) => e.kind === 'sched.step' && e.step === step);
  return events.slice(at + 1).find((e) => e.proc === proc && e.kind !== 'sched.step');
}

describe('narration under a controlled schedule', function () {
  this.timeout(180_000);

  it('ticket-race under fifo names the steps that let buyers read before the first write', async () => {
    const { events } = await runLab('ticket-race', { seed: 1, schedule: 'fifo' });
    const text = narrationOf(events);
    assert.ok(text, 'the run has a narration');
    const claims = [
      ...text.en.matchAll(
        /At step (\d+) the schedule let (Process \d+) read data\.json before (Process \d+) wrote it \(step (\d+)\)/g,
      ),
    ];
    assert.ok(claims.length >= 2, text.en);
    assert.match(
      text['zh-CN'],
      /第 \d+ 步，调度让 Process \d+ 在 Process \d+ 写入（第 \d+ 步）之前读取了 data\.json/,
    );
    const steps = events.filter((e) => e.kind === 'sched.step') as EventOf<'sched.step'>[];
    for (const [, readStep, reader, writer, writeStep] of claims) {
      const r = steps[Number(readStep) - 1];
      const w = steps[Number(writeStep) - 1];
      assert.equal(r.chosen, nameToProc(events, reader), `step ${readStep} chose ${reader}`);
      assert.equal(w.chosen, nameToProc(events, writer), `step ${writeStep} chose ${writer}`);
      assert.equal(nextOf(events, r.step, r.chosen)?.kind, 'file.read', `${reader} then read`);
      assert.ok(r.step < w.step);
    }
  });

  it('a realtime run makes no claim about choices', async () => {
    const { events } = await runLab('ticket-race', { seed: 1, speed: 20 });
    assert.doesNotMatch(narrationOf(events)?.en ?? '', /step \d+|choices/);
  });
});
