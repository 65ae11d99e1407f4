/**
 * The end of a run: its status, the lab's outcome and narration (built-in labs), the log's
 * diagnoses as `diag` events, then `run.end`.
 */
import type { Json, Localized, RunStatus } from '../protocol/events';
import { diagnose } from '../model/diagnose';
import type { ProcRec } from './procRec';
import type { Run } from './run';

export interface Ending {
  status: RunStatus;
  message: string;
}

const MAX_DIAGS = 100;

/** A run that ended by itself: `error` when main or a non-daemon child failed, else `ok`. */
export function endStatus(procs: readonly ProcRec[], lang: 'en' | 'zh-CN'): [RunStatus, string] {
  const failed = procs.find((p) => (p.index === 0 || !p.daemon)
    && (p.exitReason === 'error' || p.exitReason === 'crashed' || (p.exitReason === 'exit' && p.exitCode !== 0)));
  if (!failed) return ['ok', lang === 'zh-CN' ? '运行完成' : 'finished'];
  if (failed.exitReason === 'exit') {
    return ['error', lang === 'zh-CN' ? `${failed.name} 以退出码 ${failed.exitCode} 退出` : `${failed.name} exited with code ${failed.exitCode}`];
  }
  if (failed.exitReason === 'crashed') {
    return ['error', lang === 'zh-CN' ? `${failed.name} 崩溃了（退出码 ${failed.exitCode}）` : `${failed.name} crashed (exit code ${failed.exitCode})`];
  }
  const why = failed.firstError ?? `exit code ${failed.exitCode}`;
  return ['error', lang === 'zh-CN' ? `${failed.name} 出错：${why}` : `${failed.name} failed: ${why}`];
}

function safely<T>(run: Run, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    run.rec.emit(-1, 'error', { message: `${what} failed: ${(err as Error)?.message ?? String(err)}` });
    return undefined;
  }
}

/** Records the closing events of `run`. */
export function recordEnding(run: Run, ending: Ending): void {
  const { rec } = run;
  const events = rec.events;
  const meta = run.lab.builtin?.default.meta;
  let outcome: Json | undefined;
  let narration: Localized | undefined;
  if (meta?.outcome) outcome = safely(run, 'the lab outcome', () => meta.outcome!(events));
  if (meta?.narrate && outcome !== undefined) narration = safely(run, 'the lab narration', () => meta.narrate!(outcome as Json, events));
  const findings = safely(run, 'diagnosis', () => diagnose(events)) ?? [];
  for (const f of findings.slice(0, MAX_DIAGS)) rec.emit(-1, 'diag', f);
  const names = (i: number) => run.proc(i)?.name ?? `process ${i}`;
  const malformed = run.malformedTally.summary(names);
  if (malformed) rec.emit(-1, 'diag', { code: 'malformed-message', message: malformed, procs: [...run.malformedTally.perProc.keys()], objs: [] });
  if (run.output.logs.dropped > 0) {
    rec.emit(-1, 'diag', {
      code: 'limit', procs: [], objs: [],
      message: { en: `${run.output.logs.dropped} printed lines were not recorded: the lab printed too fast.`, 'zh-CN': `有 ${run.output.logs.dropped} 行输出没有记录：实验打印得太快了。` },
    });
  }
  const end: { status: RunStatus; outcome?: Json; message?: string; narration?: Localized } = { status: ending.status, message: ending.message };
  if (outcome !== undefined) end.outcome = outcome;
  if (narration !== undefined) end.narration = narration;
  rec.emit(-1, 'run.end', end);
  rec.close();
}
