import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { DEFAULT_CONFIG } from '../../src/protocol/host';
import { clampRunConfig, RUN_BOUNDS } from '../../src/protocol/runBounds';
import { REPO } from '../support/build';
import { printed } from '../support/events';
import { fixture, runLab } from '../support/runLab';

describe('engine: numeric settings are bounded in one place', function () {
  this.timeout(60_000);

  it('a timeout past what a timer can hold is clamped, not a timeout at once', async () => {
    const r = await runLab(fixture('hello.lab.mjs'), { speed: 10, timeoutSec: 2_147_484 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.ok(printed(r.events).length > 0);
  });

  it('the runner clamps every number it is sent; the CLI refuses one out of bounds and says the range', () => {
    const c = clampRunConfig({
      ...DEFAULT_CONFIG,
      speed: 1e9,
      timeoutSec: 2_147_484,
      maxEvents: -5,
      maxProcs: 1e6,
      maxMemoryMB: 1,
    });
    assert.deepEqual(
      [c.speed, c.timeoutSec, c.maxEvents, c.maxProcs, c.maxMemoryMB, c.maxRunMemoryMB],
      [1000, 86_400, 100, 256, 64, 256],
    );
    const clamped = clampRunConfig({ ...DEFAULT_CONFIG, timeoutSec: NaN });
    assert.equal(clamped.timeoutSec, RUN_BOUNDS.timeoutSec.fallback);
    const cli = parseArgs(['run', 'ticket-race', '--timeout', '2147484']);
    assert.deepEqual(cli, {
      ok: false,
      error: {
        en: '--timeout must be from 1 to 86400, not "2147484"',
        'zh-CN': '--timeout 必须在 1 到 86400 之间，而不是“2147484”',
      },
    });
    const mem = parseArgs(['run', 'ticket-race', '--max-memory', '256']);
    assert.ok(mem.ok && mem.command.cmd === 'run' && mem.command.opts.maxMemoryMB === 256);
  });

  it('an untrusted workspace cannot lift the bounds: those settings are restricted', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const s of ['timeoutSec', 'maxEvents', 'maxMemoryMB'])
      assert.ok(restricted.includes(`concurrencyLabs.${s}`), s);
    const props =
      pkg.contributes.configuration.properties ?? pkg.contributes.configuration[0]?.properties;
    for (const [s, key] of [
      ['timeoutSec', 'timeoutSec'],
      ['maxEvents', 'maxEvents'],
      ['maxMemoryMB', 'maxMemoryMB'],
    ] as const) {
      const p = props[`concurrencyLabs.${s}`];
      assert.equal(p.minimum, RUN_BOUNDS[key].min, s);
      assert.equal(p.maximum, RUN_BOUNDS[key].max, s);
    }
  });
});
