// Part 5 — Footprint: production bundles and the .vsix (built in a staging copy, as `npm run
// package` builds them), and the extension's activation time: require + activate() of the production
// dist/extension.js with a fake `vscode` module (see activate.mjs), beside compiling the same bundle.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { absolute } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { BENCH, REPO } from '../lib/paths.mjs';
import { stagePackage } from '../lib/stagePackage.mjs';
import { median, summarize } from '../lib/stats.mjs';

export async function footprintPart({ rounds }) {
  const { stage, files, vsixBytes } = await stagePackage();
  try {
    const act = [];
    for (let r = 0; r < rounds; r++)
      act.push(await runJson('node', [join(BENCH, 'parts', 'activate.mjs'), stage], { cwd: REPO }));
    const compile = summarize(act.map((a) => a.compileMs));
    const rows = [
      {
        ...absolute({
          part: 'Footprint',
          name: 'activation: require + activate()',
          unit: 'ms',
          ours: act.map((a) => a.totalMs),
          limit: 30,
          note: `outside VS Code: a fake vscode module is injected via Module._load for this timing only, Node built-ins preloaded as in the extension host; activate() alone ${median(act.map((a) => a.activateMs)).toFixed(1)} ms`,
        }),
        baselineName: 'compiling the same bundle (vm.Script)',
        baseline: compile,
        ratio: median(act.map((a) => a.totalMs)) / compile.median,
      },
    ];
    for (const f of files.filter((x) => /^dist\/[^/]+\.(js|mjs|css)$/.test(x)).sort()) {
      rows.push(
        absolute({
          part: 'Footprint',
          name: `${f} (production)`,
          unit: 'KB',
          ours: [statSync(join(stage, f)).size / 1024],
          limit: 200,
        }),
      );
    }
    rows.push(
      absolute({
        part: 'Footprint',
        name: `concurrency-labs.vsix (${files.length} files)`,
        unit: 'KB',
        ours: [vsixBytes / 1024],
        limit: 1536,
      }),
    );
    return { rows, raw: { activation: act, files } };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
