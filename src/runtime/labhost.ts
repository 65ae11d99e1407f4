/**
 * The bootstrap of every lab process (dist/labhost.js), forked by the runner. It waits for its
 * `init`, loads the lab module, runs main (or, in a child, the exported target with its args),
 * reports errors, and asks the runner's leave to exit (children first, daemons terminated).
 */
import type { LabInit, LabMessage } from '../protocol/lab';
import { isToLab } from '../protocol/lab';
import { isRecord } from '../protocol/schema';
import { receive, request, setContext } from './context';
import { decodeValue } from './encode';
import { errorReport, loadErrorReport } from './errorReport';
import * as runtime from './index';
import { loadLab, type LoadedLab } from './loadLab';
import { installResolveHooks } from './resolveHooks';

let labFile: string | undefined;
let initialized = false;

function send(msg: LabMessage): void {
  if (process.connected) process.send!(msg);
}

/** Reports `err` and exits 1 once the report is on its way. */
function die(err: unknown): void {
  const msg: LabMessage = { id: 0, op: 'error', ...errorReport(err, labFile) };
  if (!process.connected) process.exit(1);
  process.send!(msg, () => process.exit(1));
  setTimeout(() => process.exit(1), 1000).unref();
}

async function run(init: LabInit): Promise<void> {
  labFile = init.lab.includes('/') || init.lab.includes('\\') ? init.lab : undefined;
  let loaded: LoadedLab;
  try {
    loaded = await loadLab(init.lab);
  } catch (err) {
    // A lab that does not load is reported with where it broke; then this process is done.
    const msg: LabMessage = { id: 0, op: 'error', ...loadErrorReport(err, labFile) };
    process.send!(msg, () => process.exit(1));
    return;
  }
  const ctx = setContext(init, loaded.module, send);
  let code = 0;
  try {
    if (init.proc === 0) {
      const meta = loaded.definition.meta;
      send({ id: 0, op: 'hello', lab: String(meta.id), title: meta.title });
      await loaded.definition.main();
    } else {
      const fn = ctx.module[init.target ?? ''];
      if (typeof fn !== 'function') throw new TypeError(`the lab module has no exported function "${init.target}" to run`);
      const args = (decodeValue(init.args ?? []) as unknown[]);
      await fn(...args);
    }
  } catch (err) {
    send({ id: 0, op: 'error', ...errorReport(err, labFile) });
    code = 1;
  }
  await request({ id: 0, op: 'proc.finish', code });
  process.exit(code);
}

function main(): void {
  installResolveHooks(runtime, __dirname);
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  // The runner going away (stopped, crashed) must take this process with it: no orphans.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (msg: unknown) => {
    if (!isToLab(msg)) return;
    if ('init' in msg) {
      if (initialized) return;
      initialized = true;
      run(msg.init).catch(die);
      return;
    }
    receive(msg);
  });
  if (!isRecord(process.env) || !process.send) {
    process.stderr.write('labhost: this file is started by the concurrency-labs runner\n');
    process.exit(2);
  }
}

main();
