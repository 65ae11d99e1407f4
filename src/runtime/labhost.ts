/**
 * The bootstrap of every lab process (dist/labhost.js), forked by the runner. It waits for its
 * `init`, loads the lab module, runs main (or, in a child, the exported target with its args),
 * reports errors, and asks the runner's leave to exit (children first, daemons terminated).
 */
import type { LabInit, LabMessage } from '../protocol/lab';
import { isToLab } from '../protocol/lab';
import { isJudgeToLab, isProbeToLab, type LabControl } from '../protocol/labControl';
import { isAbsolute } from 'node:path';
import {
  flushNotices,
  hasQueuedMessages,
  notify,
  receive,
  receiveAnswer,
  request,
  resetContext,
  setContext,
  setImporting,
} from './context';
import { decodeValue } from './encode';
import { errorReport, loadErrorReport } from './errorReport';
import * as runtime from './index';
import { judge, judges } from './judge';
import { bothLanguages } from './lab';
import { loadLab, type LoadedLab } from './loadLab';
import { hasOwnWork, markRuntimeBaseline } from './loopActivity';
import { installResolveHooks } from './resolveHooks';
import { receiveLease, resetLeases } from './queueLease';
import { resetRandom } from './random';
import { forgetSites } from './siteSlot';
import { awaitShortReply, openWire, wireFd, wireSend, wireSendThen } from './wire';
import { installShortReplyWait } from './shortReplyWait';
import { runPoolWorker } from './poolWorker';

let labFile: string | undefined;
let loading: Promise<LoadedLab | { error: unknown }> | null = null;
let initialized = false;
let dying = false;
/** The loaded lab (main answers `judge` from its meta). */
let loadedLab: LoadedLab | null = null;
/** Runs this process has finished and been reused after (explore: init.recycle). */
let reused = 0;
let hooksInstalled = false;

/**
 * Reports `err` and exits 1 once the report has left this process: never before (a report still
 * queued would be lost), however long the runner takes to read it. Were the runner gone, the
 * wire's close ends this process.
 */
function die(err: unknown): void {
  if (dying) return;
  dying = true;
  flushNotices();
  const msg: LabMessage = { id: 0, op: 'error', ...errorReport(err, labFile) };
  wireSendThen(msg, () => process.exit(1));
}

/** Loads the lab module ahead of `init` (a spare process is ready before it has a role). */
function prepare(lab: string): Promise<LoadedLab | { error: unknown }> {
  if (!loading) {
    labFile = isAbsolute(lab) ? lab : undefined;
    if (labFile && !hooksInstalled) installResolveHooks(runtime, __dirname);
    hooksInstalled = true;
    setImporting(true);
    loading = loadLab(lab, reused).catch((error: unknown) => ({ error }));
    void loading.then((loaded) => {
      setImporting(false);
      // Tell the runner this spare is ready for a role (main waits for its spares to be).
      if (!initialized) wireSend(readyMessage(loaded));
    });
  }
  return loading;
}

function readyMessage(loaded: LoadedLab | { error: unknown }): LabControl {
  const processes = processesHint(loaded);
  return processes === undefined ? { ready: true } : { ready: true, processes };
}

/** LabMeta.processes, when the lab declares how many processes it starts. */
function processesHint(loaded: LoadedLab | { error: unknown }): number | undefined {
  const n = 'error' in loaded ? undefined : loaded.definition.meta.processes;
  return Number.isSafeInteger(n) && (n as number) >= 0 ? n : undefined;
}

async function run(init: LabInit): Promise<void> {
  const loaded = await prepare(init.lab);
  if ('error' in loaded) {
    // A lab that does not load is reported with where it broke; then this process is done.
    const msg: LabMessage = { id: 0, op: 'error', ...loadErrorReport(loaded.error, labFile) };
    wireSendThen(msg, () => process.exit(1));
    return;
  }
  const ctx = setContext(init, loaded.module, wireSend);
  markRuntimeBaseline();
  let code = 0;
  try {
    if (init.proc === 0) {
      const meta = loaded.definition.meta;
      // A learner may write a plain string title, or one language; the timeline wants both.
      const title = bothLanguages(meta.title, String(meta.id));
      const hello: LabMessage = { id: 0, op: 'hello', lab: String(meta.id), title };
      const processes = processesHint(loaded);
      if (processes !== undefined) hello.processes = processes;
      if (judges(meta)) hello.judges = true;
      loadedLab = loaded;
      notify(hello);
      await loaded.definition.main();
    } else if (init.pool !== undefined) {
      await runPoolWorker(init, ctx.module);
    } else {
      const fn = ctx.module[init.target ?? ''];
      if (typeof fn !== 'function')
        throw new TypeError(`the lab module has no exported function "${init.target}" to run`);
      await fn(...(decodeValue(init.args ?? []) as unknown[]));
    }
  } catch (err) {
    notify({ id: 0, op: 'error', ...errorReport(err, labFile) });
    code = 1;
  }
  await request({ id: 0, op: 'proc.finish', code });
  await drained();
  // Reused for the next run unless lab code left work of its own that could still act.
  if (init.recycle && !hasOwnWork()) return recycle(init.lab);
  process.exit(code);
}

/**
 * Instead of exiting: forget the run, load the lab afresh and say `ready` again, as a new spare
 * would (the runner records this process's exit when that comes).
 */
function recycle(lab: string): void {
  wireSend({ recycled: true } satisfies LabControl);
  resetContext();
  resetRandom();
  resetLeases();
  forgetSites();
  loadedLab = null;
  loading = null;
  initialized = false;
  reused++;
  void prepare(lab);
}

/** What lab code wrote with console.log may still sit in the stdout pipe: let it out first (briefly). */
function drained(): Promise<void> {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let left = pending.length;
    for (const s of pending)
      s.once('drain', () => {
        if (--left === 0) resolve();
      });
    setTimeout(resolve, 500).unref();
  });
}

function main(): void {
  process.on('uncaughtException', die);
  // Lab code calling process.exit() must not lose what it printed just before.
  process.on('exit', flushNotices);
  process.on('unhandledRejection', die);
  // Everything, setup included, comes over the lab wire; its close means the runner went away
  // (stopped, crashed), and that must take this process with it: no orphans.
  if (!openWire(wireFd(process.argv), fromRunner, receiveAnswer, () => process.exit(1))) {
    process.stderr.write('labhost: this file is started by the concurrency-labs runner\n');
    process.exit(2);
  }
  installShortReplyWait(awaitShortReply);
}

function fromRunner(msg: unknown): void {
  if (isProbeToLab(msg)) {
    // Requests waiting for the end of this turn to leave (a timer's put under a controlled
    // schedule) are work too: the answer must not overtake them and call the run stuck.
    const busy = hasOwnWork() || hasQueuedMessages();
    wireSend({ loop: { probe: msg.probe, busy } } satisfies LabControl);
    return;
  }
  if (isJudgeToLab(msg)) {
    if (loadedLab) wireSend(judge(loadedLab.definition.meta, msg.judge.events));
    return;
  }
  if (!isToLab(msg)) {
    receiveLease(msg);
    return;
  }
  if ('prepare' in msg) {
    void prepare(msg.prepare.lab);
    return;
  }
  if ('init' in msg) {
    if (initialized) return;
    initialized = true;
    run(msg.init).catch(die);
    return;
  }
  receive(msg);
}

main();
