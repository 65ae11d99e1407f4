// `npm run bench`: every figure beside a baseline measured in the same run, the ratio, the goal and
// whether it is met. Prints one table, writes bench/results/latest.json and latest.md.
//   node bench/run.mjs [--only lock,handoff,queue,pipeline,timeline,footprint,schedule,python,fidelity,explore] [--fidelity-runs N] [--rounds N] [--readme | --readme-add]
// --readme also puts the table into README.md's Performance section (between the bench markers);
// --readme-add puts it there beside the tables already in it (the newest first, at most three), so
// the section shows how the figures move from run to run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH, REPO } from './lib/paths.mjs';
import { machine, machineLine } from './lib/machine.mjs';
import { median } from './lib/stats.mjs';
import { fmt, markdownTable, notes, textTable } from './lib/table.mjs';
import { yardstick, yardstickRows } from './lib/yardstick.mjs';
import { lockPart } from './parts/lock.mjs';
import { queuePart } from './parts/queue.mjs';
import { pipelinePart } from './parts/pipeline.mjs';
import { timelinePart } from './parts/timeline.mjs';
import { footprintPart } from './parts/footprint.mjs';
import { schedulePart } from './parts/schedule.mjs';
import { pythonPart } from './parts/python.mjs';
import { fidelityPart } from './parts/fidelity.mjs';
import { explorePart } from './parts/explore.mjs';
import { handoffPart } from './parts/handoff.mjs';

/** Between two runs' tables in the README's bench section. */
const RUN_SEPARATOR = '\n<!-- bench:run -->\n\n';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    'fidelity-runs': { type: 'string', default: '10' },
    readme: { type: 'boolean', default: false },
    'readme-add': { type: 'boolean', default: false },
  },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const rounds = Number(values.rounds);
const m = machine();
const python = m.python ? 'python3' : null;
console.log(machineLine(m));
if (!python) console.log('python3 not found: the Python baselines are skipped.');

const parts = [
  ['lock', () => lockPart({ rounds, python })],
  ['handoff', () => handoffPart()],
  ['queue', () => queuePart({ rounds, python })],
  ['pipeline', async () => pipelinePart({ rounds: Math.min(rounds, 3) })],
  ['timeline', async () => timelinePart()],
  ['footprint', async () => footprintPart({ rounds })],
  ['schedule', async () => schedulePart({ rounds: Math.min(rounds, 3) })],
  ['python', async () => pythonPart({ rounds: Math.min(rounds, 3), python })],
  ['fidelity', async () => fidelityPart({ runs: Number(values['fidelity-runs']), python })],
  ['explore', async () => explorePart({ rounds: Math.min(rounds, 3) })],
];
const rows = [];
const raw = {};
const failures = [];
const started = performance.now();

/**
 * The machine yardstick (bench/lib/yardstick.mjs) at the start and at the end of the run: its
 * rows say how fast the machine was while the others were measured. Its failure is reported as a
 * part's would be, and hides no figure.
 */
const yardsticks = { node: {}, python: {} };
async function timeYardsticks(when) {
  const said = [];
  for (const lang of python ? ['node', 'python'] : ['node']) {
    try {
      yardsticks[lang][when] = await yardstick(lang, { python });
      said.push(`${lang} ${fmt(median(yardsticks[lang][when]))} ms`);
    } catch (err) {
      failures.push({ part: `yardstick (${lang}, ${when})`, error: String(err?.message ?? err) });
      said.push(`${lang} FAILED: ${err?.message ?? err}`);
    }
  }
  console.log(`machine yardstick at the ${when}: ${said.join(', ')}`);
}
await timeYardsticks('start');
for (const [name, run] of parts) {
  if (only && !only.has(name)) continue;
  const t = performance.now();
  process.stdout.write(`… ${name}`);
  try {
    const out = await run();
    rows.push(...(Array.isArray(out) ? out : out.rows));
    if (!Array.isArray(out)) raw[name] = out.raw;
    console.log(` (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  } catch (err) {
    // One broken part must not hide the others' figures; it is reported as a failure below.
    failures.push({ part: name, error: String(err?.message ?? err) });
    console.log(` FAILED: ${err?.message ?? err}`);
  }
}

await timeYardsticks('end');
rows.unshift(...yardstickRows(yardsticks));
raw.yardstick = yardsticks;

console.log(`\n${textTable(rows)}\n`);
console.log(notes(rows));
const missed = rows.filter((r) => r.verdict === 'MISS');
console.log(
  `\n${rows.filter((r) => r.verdict === 'PASS').length} goals met, ${missed.length} missed${missed.length ? `: ${missed.map((r) => `${r.part} / ${r.name} (${r.baselineName ?? r.goal})`).join('; ')}` : ''}.`,
);
if (failures.length) console.log(`Failed parts: ${failures.map((f) => f.part).join(', ')}`);
console.log(`Whole bench: ${((performance.now() - started) / 1000).toFixed(0)} s.`);

const dir = join(BENCH, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'latest.json'),
  `${JSON.stringify({ machine: m, rows, failures, raw }, null, 1)}\n`,
);
writeFileSync(
  join(dir, 'latest.md'),
  `${machineLine(m)}\n\n${markdownTable(rows)}\n\n${notes(rows)}\n`,
);
if (values.readme || values['readme-add']) {
  const readme = join(REPO, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const section = /<!-- bench:start -->\n([\s\S]*)<!-- bench:end -->/.exec(text);
  const thisRun = `${machineLine(m)}\n\n${markdownTable(rows)}\n\n${notes(rows)}\n`;
  const earlier =
    values['readme-add'] && section ? section[1].split(RUN_SEPARATOR).filter((r) => r.trim()) : [];
  const runs = [thisRun, ...earlier].slice(0, 3);
  writeFileSync(
    readme,
    text.replace(
      /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
      () => `<!-- bench:start -->\n${runs.join(RUN_SEPARATOR)}<!-- bench:end -->`,
    ),
  );
}
process.exitCode = failures.length ? 1 : 0;
