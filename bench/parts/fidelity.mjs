// Part — teaching fidelity: does our ticket race sell like Python's? The seed tutorial's program
// 1.1 (read from the seed file at run time, never copied) runs under plain python3, and as a
// Python lab through our runner; our JavaScript `ticket-race` runs at speed 1. Each N times, first
// on a quiet machine and then beside CPU hogs (one busy process per core). The rows compare the
// mean number of tickets sold and the share of runs in which a buyer crashed on a torn read.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { absolute } from '../lib/figure.mjs';
import { runLab } from '../lib/runner.mjs';

const { seedPrograms } = await tsImport('../../test/support/seedPrograms.ts', import.meta.url);

const SOLD = '抢票成功';

/** A folder with the program and its data.json, as the tutorial sets it up. */
function stage(program, dataJson) {
  const dir = mkdtempSync(join(tmpdir(), 'cl-fidelity-'));
  writeFileSync(join(dir, 'race.py'), program);
  writeFileSync(join(dir, 'data.json'), dataJson);
  return dir;
}

async function plainPython(python, program, dataJson) {
  const dir = stage(program, dataJson);
  try {
    // Python's exit handler joins the children, so the buyers' lines are all in by the exit.
    const { stdout, stderr } = await promisify(execFile)(python, ['race.py'], { cwd: dir });
    return { sold: stdout.split(SOLD).length - 1, crashed: /JSONDecodeError/.test(stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pythonLab(program, dataJson, seed) {
  const dir = stage(program, dataJson);
  try {
    const { events } = await runLab(join(dir, 'race.py'), { speed: 1, seed });
    return {
      sold: events.filter((e) => e.kind === 'log' && e.text.includes(SOLD)).length,
      crashed: events.some(crashedBuyer),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function jsLab(seed) {
  const { events } = await runLab('ticket-race', { speed: 1, seed });
  const end = events.find((e) => e.kind === 'run.end');
  return {
    sold: end?.outcome?.sold ?? NaN,
    crashed: events.some(crashedBuyer),
  };
}

/** A buyer that died (of a torn read: nothing else in the race can fail). */
function crashedBuyer(e) {
  return e.kind === 'proc.exit' && e.proc > 0 && e.code !== 0;
}

/** One busy process per core, until stopped. */
function cpuHogs() {
  const hogs = cpus().map(() =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return () => hogs.forEach((h) => h.kill('SIGKILL'));
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const crashRate = (rs) => (100 * rs.filter((r) => r.crashed).length) / rs.length;

export async function fidelityPart({ runs, python }) {
  const seed = seedPrograms();
  if (!python || !seed) return [];
  const program = seed.programs[0];
  const rows = [];
  for (const condition of ['quiet', 'CPU hogs']) {
    const stop = condition === 'quiet' ? () => {} : cpuHogs();
    const r = { python: [], js: [], pyLab: [] };
    try {
      for (let i = 0; i < runs; i++) {
        r.python.push(await plainPython(python, program, seed.dataJson));
        r.js.push(await jsLab(1000 + i));
        r.pyLab.push(await pythonLab(program, seed.dataJson, 1000 + i));
      }
    } finally {
      stop();
    }
    const said = (rs) =>
      `mean ${mean(rs.map((x) => x.sold)).toFixed(1)}, crashes ${crashRate(rs).toFixed(0)}%`;
    const note = `${runs} runs each; python3: ${said(r.python)}; ticket-race: ${said(r.js)}; the seed's program as a Python lab: ${said(r.pyLab)}`;
    let first = true;
    for (const [who, rs] of [
      ['ticket-race (JavaScript lab)', r.js],
      ['seed 1.1 as a Python lab', r.pyLab],
    ]) {
      rows.push(
        absolute({
          part: 'Fidelity',
          name: `${who}: |mean sold − python3's|, ${condition}`,
          unit: 'tickets',
          ours: [Math.abs(mean(rs.map((x) => x.sold)) - mean(r.python.map((x) => x.sold)))],
          limit: 1,
          note: first ? note : undefined,
        }),
        absolute({
          part: 'Fidelity',
          name: `${who}: |crash rate − python3's|, ${condition}`,
          unit: 'points',
          ours: [Math.abs(crashRate(rs) - crashRate(r.python))],
          limit: 20,
        }),
      );
      first = false;
    }
  }
  return rows;
}
