/**
 * `explore`: the runner runs the lab under many controlled schedules and reports; this prints
 * the progress (on a terminal), the histogram of outcomes, and a found failure with its
 * preemptions in words, or the one JSON object of `--json`. Ctrl-C stops the exploration and
 * reports what it found so far.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_CONFIG, type RunConfig } from '../protocol/host';
import type { ExploreResult, ExploreSpec } from '../protocol/explore';
import { RunnerClient } from '../runnerClient/runnerClient';
import type { ExploreOptions } from './exploreArgs';
import { exploreJson, exploreReport } from './exploreReport';
import { runnerPath } from './runLab';
import { colorWanted, makeStyle } from './style';
import { errorLine, l10n } from './cliText';

/** Exit codes: a failure found, none found, the exploration could not run. */
const FOUND = 1;
const NONE = 0;
const UNUSABLE = 2;

export async function explore(opts: ExploreOptions): Promise<number> {
  const { lang } = opts;
  const zh = lang === 'zh-CN';
  const err = (text: string) => process.stderr.write(`${errorLine(lang, text)}\n`);
  if (opts.outFile && !existsSync(dirname(opts.outFile))) {
    const folder = dirname(opts.outFile);
    err(l10n(lang, 'cannot write {0}: the folder {1} does not exist', opts.outFile, folder));
    return UNUSABLE;
  }
  const config: RunConfig = { ...DEFAULT_CONFIG, lab: opts.lab, seed: opts.seed, lang: opts.lang };
  if (opts.python) config.python = opts.python;
  const spec: ExploreSpec = {
    strategy: opts.strategy,
    depth: opts.depth,
    runs: opts.runs,
    bound: opts.bound,
    all: opts.all,
    reuse: opts.reuse,
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
  };
  if (opts.outFile) spec.outFile = opts.outFile;
  const live = !opts.json && process.stdout.isTTY === true;
  let result: ExploreResult | null = null;
  const client = new RunnerClient(
    { runnerPath: runnerPath(), config, explore: spec },
    {
      onEvents: () => {},
      onProblem: (text) => err(l10n(lang, 'ignored a message from the runner: {0}', text)),
      onExplored: (r) => {
        result = r;
        if (live && !r.final) process.stdout.write(`\r${progressLine(r, zh)}`);
      },
    },
  );
  const stop = () => void client.stop();
  process.on('SIGINT', stop);
  client.start();
  const end = await client.done;
  process.removeListener('SIGINT', stop);
  if (live) process.stdout.write('\r\x1b[K');
  const final = result as ExploreResult | null;
  if (!final?.final) {
    err(end.message ?? l10n(lang, 'the exploration did not finish'));
    return UNUSABLE;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(exploreJson(final, opts.lang))}\n`);
  else {
    const style = makeStyle(colorWanted(process.stdout, process.env));
    for (const line of exploreReport(final, opts, style)) process.stdout.write(`${line}\n`);
  }
  return final.failure ? FOUND : NONE;
}

function progressLine(r: ExploreResult, zh: boolean): string {
  const rate = r.runsPerSec.toFixed(1);
  if (r.phase === 'shrinking')
    return zh ? `找到失败的调度，正在缩小…` : 'found a failing schedule, shrinking…';
  return zh ? `已运行 ${r.runs} 次 · 每秒 ${rate} 次` : `${r.runs} runs · ${rate} runs/s`;
}
