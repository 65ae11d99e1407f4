// Start a lab, Stop it from the palette while its processes run, and find no lab process left.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  labProcesses,
  painted,
  until,
  runLabAtSpeedOne,
  runFromPalette,
  screenshot,
  timelineProbe,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Stop a running lab: no lab process left';

export async function scenario({ page, outDir, profile, workspace }) {
  // Real time for this run (a workspace setting over the user's speed 20): ticket-lock takes 16–20 s.
  const settings = join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'concurrencyLabs.speed': 1 }));
  try {
    await stopScenario(page, outDir, profile);
  } finally {
    writeFileSync(settings, '{}\n');
  }
}

async function stopScenario(page, outDir, profile) {
  await runLabAtSpeedOne(page, profile, 'ticket-lock');
  // The runner plus main and buyer processes: real OS processes, started under our code-server.
  const procs = await until(
    async () => {
      const p = await labProcesses(profile.xdg);
      return p.length >= 5 && p;
    },
    'lab processes to start',
    30_000,
  );
  await runFromPalette(page, 'Concurrency Labs: Stop Lab');
  await until(
    async () => (await labProcesses(profile.xdg)).length === 0,
    `no lab process left (had ${procs.length})`,
    10_000,
  );
  const stopped = await waitForFrame(
    page,
    timelineProbe,
    (s) => s.mode === 'panel' && s.ended && /stopped|Stopped/.test(s.banner),
    { timeout: 10_000, what: 'the timeline saying the run was stopped' },
  );
  await painted(stopped.frame);
  await screenshot(page, outDir, 'stopped');
}
