/**
 * Two switches of lab processes, in real runs: `CONCURRENCY_LABS_SITES=0` records no call sites
 * (the bench's baseline for what sites cost), and lab processes have V8 give each function its
 * feedback at its first call (`CONCURRENCY_LABS_EAGER_FEEDBACK=0` turns that off): V8 itself says
 * which is in force, and a lab's log under a controlled schedule is the same either way.
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { printed } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { comparable } from '../support/scheduleLogs';

/** Runs `fn` with `vars` in this process's environment, which the runner and its labs inherit. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** What `%DebugPrint` said of a function called once: the line about its feedback vector. */
async function feedbackLine(eager: boolean): Promise<string> {
  const r = await withEnv({ CONCURRENCY_LABS_EAGER_FEEDBACK: eager ? '1' : '0' }, () =>
    runLab(fixture('feedback-probe.lab.mjs')),
  );
  assert.equal(r.status, 'ok');
  // print() and the process's own stdout both become log lines.
  const said = printed(r.events);
  assert.ok(said.includes('probed'), 'the probe ran to its end');
  const lines = said.filter((text) => text.includes('feedback vector'));
  assert.equal(lines.length, 1, `V8 described the function once: ${said.join(' | ')}`);
  return lines[0];
}

describe('lab process switches', function () {
  this.timeout(180_000);

  it('CONCURRENCY_LABS_SITES=0 records no site, and the same run with sites records them', async () => {
    const lab = fixture('sites/sites.lab.mjs');
    const off = await withEnv({ CONCURRENCY_LABS_SITES: '0' }, () => runLab(lab));
    const on = await withEnv({ CONCURRENCY_LABS_SITES: '1' }, () => runLab(lab));
    for (const r of [off, on]) {
      assert.equal(r.status, 'ok');
      assert.deepEqual(checkLog(r.events), { ok: true });
    }
    const sited = (events: LabEvent[]) =>
      events.filter((e) => e.kind === 'site' || (e as { site?: number }).site !== undefined);
    assert.deepEqual(sited(off.events), []);
    assert.ok(sited(on.events).length > 20, 'with sites, the calls name their lines');
  });

  it('a function has its feedback from its first call in a lab process, and not with the switch off', async () => {
    assert.doesNotMatch(await feedbackLine(true), /no feedback vector/i);
    assert.match(await feedbackLine(false), /no feedback vector/i);
  });

  it('a lab run under a controlled schedule logs the same with and without eager feedback', async () => {
    const run = (eager: string) =>
      withEnv({ CONCURRENCY_LABS_EAGER_FEEDBACK: eager }, () =>
        runLab('ticket-race', { seed: 3, schedule: 'random' }),
      );
    const eager = await run('1');
    const lazy = await run('0');
    assert.equal(eager.status, 'ok');
    assert.ok(eager.events.length > 100, 'the run did something');
    assert.deepEqual(comparable(lazy.events), comparable(eager.events));
  });
});
