/**
 * Twin-probe tests: a lab (test/fixtures/labs) and its CPython twin (test/fixtures/python) print
 * the same probes as JSON, and both must give one table of outcomes. The Python side runs where
 * python3 exists, so the table is checked against the real thing, not only against our reading
 * of it; the lab runs in real time and, where `controlled` says, under a controlled schedule.
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from './events';
import { twinProbe } from './python';
import { fixture, runLab, type LabResult } from './runLab';
import { stepsOf } from './scheduleLogs';

export interface TwinProbes {
  /** The CPython script, in test/fixtures/python. */
  python: string;
  /** The lab, in test/fixtures/labs. */
  lab: string;
  /** What CPython 3.11 prints for the script. */
  table: object;
  /** Kinds the real-time run's log must have. */
  kinds?: readonly LabEvent['kind'][];
  /** Kinds whose every event must name its line of the lab file (a site). */
  sited?: readonly LabEvent['kind'][];
  /** More checks of the real-time run. */
  check?: (r: LabResult) => void;
  /** The run under a random controlled schedule (seed 3): absent, none. */
  controlled?: {
    /** Words that some step must say. */
    stepWords: readonly string[];
    /** More checks of that run. */
    check?: (r: LabResult) => void | Promise<void>;
  };
}

/** Every event of the kinds in `kinds` names a line of the lab file `lab`. */
export function assertSited(
  events: readonly LabEvent[],
  kinds: readonly LabEvent['kind'][],
  file: RegExp,
): void {
  const sites = new Map(ofKind(events, 'site').map((e) => [e.id, e]));
  for (const k of kinds)
    for (const e of events.filter((x) => x.kind === k))
      assert.match(
        sites.get('site' in e ? (e.site ?? -1) : -1)?.file ?? '',
        file,
        `${k} at seq ${e.seq}`,
      );
}

/** The log has an event of each kind in `kinds`. */
export function assertKinds(events: readonly LabEvent[], kinds: readonly LabEvent['kind'][]): void {
  const seen = new Set(events.map((e) => e.kind));
  for (const k of kinds) assert.ok(seen.has(k), `the log has ${k}`);
}

/** Declares the twin tests of `probes` (inside a describe). */
export function itMatchesCPython(probes: TwinProbes): void {
  const labFile = new RegExp(`${probes.lab.replace(/\./g, '\\.')}$`);

  it('the table is what CPython does (python3 runs the same probes)', async function () {
    const out = await twinProbe(probes.python);
    if (out === null) return this.skip();
    assert.deepEqual(JSON.parse(out), probes.table);
  });

  it('our runtime gives the same outcome for every probe, with a valid log and no stray error', async () => {
    const r = await runLab(fixture(probes.lab), { speed: 10, timeoutSec: 90 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.deepEqual(printedJson(r.events), probes.table);
    // Nothing the runtime sent was refused, and no process died of an uncaught error.
    assert.deepEqual(
      ofKind(r.events, 'error').map((e) => e.message),
      [],
    );
    assertKinds(r.events, probes.kinds ?? []);
    assertSited(r.events, probes.sited ?? [], labFile);
    probes.check?.(r);
  });

  const controlled = probes.controlled;
  if (!controlled) return;
  it('the same probes give the same outcomes under a controlled schedule, each call a step', async () => {
    const r = await runLab(fixture(probes.lab), { seed: 3, schedule: 'random' });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), probes.table);
    const steps = stepsOf(r.events);
    assert.ok(steps.length > 50, `${steps.length} steps`);
    const said = ofKind(r.events, 'sched.step').flatMap((e) => e.ops.map((o) => JSON.stringify(o)));
    for (const words of controlled.stepWords)
      assert.ok(
        said.some((s) => s.includes(words)),
        `a step says "${words}"`,
      );
    await controlled.check?.(r);
  });
}
