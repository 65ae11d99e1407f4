/**
 * An exploration's runs work in subfolders of one temp folder of its own (src/runner/runFolders.ts):
 * the watchdog removes it when the runner dies, and the exploration does when it ends.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { ExploreResult } from '../../src/protocol/explore';
import { RunnerClient } from '../../src/runnerClient/runnerClient';
import { DIST, ensureBuilt } from '../support/build';
import { fixture } from '../support/runLab';

/** The files named `name` in the runs' folders under the temp folder (one or two levels down). */
function runFiles(name: string): string[] {
  const found: string[] = [];
  for (const d of readdirSync(tmpdir()).filter((x) => x.startsWith('concurrency-labs-'))) {
    const base = join(tmpdir(), d);
    if (existsSync(join(base, name))) found.push(join(base, name));
    let subs: string[];
    try {
      subs = readdirSync(base).filter((s) => statSync(join(base, s)).isDirectory());
    } catch {
      continue; // removed meanwhile
    }
    for (const s of subs) if (existsSync(join(base, s, name))) found.push(join(base, s, name));
  }
  return found;
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!test() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return test();
}

const RANDOM_ALL = { strategy: 'random', depth: 2, bound: 1, all: true, reuse: true } as const;
const RANDOM_ALL_ONE_AT_A_TIME = { ...RANDOM_ALL, shrinkRuns: 0, jobs: 1 };

function exploring(lab: string, runs: number) {
  let result: ExploreResult | null = null;
  const client = new RunnerClient(
    {
      runnerPath: join(DIST, 'runner.js'),
      config: { lab, seed: 1, speed: 1, timeoutSec: 120, maxEvents: 1_000_000, lang: 'en' },
      // Random schedules, every run to its end, the lab processes reused, no shrinking.
      explore: { ...RANDOM_ALL_ONE_AT_A_TIME, runs },
    },
    { onEvents: () => {}, onExplored: (r) => (result = r), onOutput: () => {} },
  );
  client.start();
  return { client, result: () => result };
}

describe('explore: the runs’ folders', function () {
  this.timeout(90_000);
  before(ensureBuilt);

  it('a runner killed outright (SIGKILL) mid-exploration: the watchdog removes the runs’ folder', async () => {
    const { client } = exploring(fixture('spin-forever.lab.mjs'), 5);
    const pid = client.pid as number;
    const name = `spin-${pid}.json`;
    // The lab writes its file in the folder its run works in, then spins without end.
    assert.ok(await until(() => runFiles(name).length === 1, 60_000), 'the run made its file');
    const [file] = runFiles(name);
    // The exploration's own folder, right under the temp folder.
    const base = join(tmpdir(), relative(tmpdir(), file).split(sep)[0]);
    process.kill(pid, 'SIGKILL');
    await client.done;
    // The watchdog notices on its own poll; a loaded machine may delay it.
    assert.ok(await until(() => !existsSync(base), 30_000), `${base} is gone`);
  });

  it('an exploration that ends leaves no folder behind, and each run starts in an empty one', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((x) => x.startsWith('concurrency-labs-')));
    const { client, result } = exploring('ticket-race', 12);
    const pid = client.pid as number;
    let base: string | null = null;
    // ticket-race's shared file, in this exploration's folder (the first new one with runs in it).
    const find = () => {
      for (const d of readdirSync(tmpdir()).filter((x) => x.startsWith('concurrency-labs-'))) {
        if (before.has(d)) continue;
        try {
          if (readdirSync(join(tmpdir(), d)).some((s) => /^\d+$/.test(s))) base = join(tmpdir(), d);
        } catch {
          /* removed meanwhile */
        }
      }
      return base !== null;
    };
    await until(find, 30_000);
    const end = await client.done;
    assert.equal(end.status, 'ok', `pid ${pid}: ${end.message ?? ''}`);
    const r = result();
    assert.ok(r, 'the exploration reported');
    assert.equal(r.runs, 12);
    // A file left from an earlier run would start the next with no ticket left, so that only the
    // first run could oversell: most runs of a race with one ticket and ten buyers do.
    const failed = r.outcomes.filter((o) => o.failed).reduce((n, o) => n + o.count, 0);
    assert.ok(failed >= 6, `${failed} of 12 runs oversold: each began with a fresh file`);
    assert.ok(base, 'the exploration had a folder of its own');
    assert.equal(existsSync(base), false, 'removed at the end');
  });
});
