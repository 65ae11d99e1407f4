// Part 5 — Footprint: the production bundles and .vsix that `npm run package` makes, and the
// extension's activation time (require + activate() with a fake `vscode` module; see activate.mjs).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { absolute } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { BENCH, REPO } from '../lib/paths.mjs';

export async function footprintPart({ rounds }) {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const rows = [];
  const act = [];
  for (let r = 0; r < rounds; r++) act.push(await runJson('node', [join(BENCH, 'parts', 'activate.mjs')], { cwd: REPO }));
  rows.push(absolute({ part: 'Footprint', name: 'activation: require + activate()', unit: 'ms', ours: act.map((a) => a.totalMs), limit: 30,
    note: `outside VS Code: a fake vscode module is injected via Module._load for this timing only; activate() alone ${median(act.map((a) => a.activateMs)).toFixed(1)} ms` }));
  for (const f of readdirSync(join(REPO, 'dist')).filter((f) => /\.(js|mjs)$/.test(f)).sort()) {
    rows.push(absolute({ part: 'Footprint', name: `dist/${f} (production)`, unit: 'KB', ours: [statSync(join(REPO, 'dist', f)).size / 1024], limit: 200 }));
  }
  rows.push(absolute({ part: 'Footprint', name: 'concurrency-labs.vsix', unit: 'KB', ours: [statSync(join(REPO, 'concurrency-labs.vsix')).size / 1024], limit: 1536 }));
  return { rows, raw: { activation: act } };
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
