/**
 * The end of a run: its status, the lab's outcome and narration (built-in labs), the log's
 * diagnoses as `diag` events, then `run.end`. The diagnoses were gathered as the events were
 * recorded (the recorder's `diagnosis`); only a built-in lab's analysis reads the log back.
 */
import type { EventFields, Json, Localized, RunStatus } from '../protocol/events';
import { chineseProcessName, tidyChinese } from '../model/chineseText';
import type { ProcRec } from './procRec';
import type { Run } from './run';
import { verdictOf } from './verdict';

export interface Ending {
  status: RunStatus;
  message: string;
}

const MAX_DIAGS = 100;

/**
 * A run that ended by itself. Like a Python program, its status is its main process's:
 * `error` when main failed, else `ok`. A child that failed (a torn read in the ticket race)
 * is part of what the run shows: its exit code, error event and diagnoses tell it, and the
 * end message names it, but it does not turn the run into an error.
 */
export function endStatus(procs: readonly ProcRec[], lang: 'en' | 'zh-CN'): [RunStatus, string] {
  const zh = lang === 'zh-CN';
  const main = procs.find((p) => p.index === 0);
  if (main && failed(main)) return ['error', failure(main, zh)];
  const children = procs.filter((p) => p.index !== 0 && !p.daemon && failed(p));
  if (!children.length) return ['ok', zh ? '运行完成' : 'finished'];
  const names = children
    .map((p) => (zh ? chineseProcessName(p.name) : p.name))
    .join(zh ? '、' : ', ');
  return [
    'ok',
    zh
      ? `运行完成；${children.length} 个子进程出错：${names}`
      : `finished; ${children.length} child process${children.length > 1 ? 'es' : ''} failed: ${names}`,
  ];
}

function failed(p: ProcRec): boolean {
  return (
    p.exitReason === 'error' ||
    p.exitReason === 'crashed' ||
    (p.exitReason === 'exit' && p.exitCode !== 0)
  );
}

/** Why main failed. In Chinese its name is said as the Chinese UI says it (主进程), without stray spaces. */
function failure(p: ProcRec, zh: boolean): string {
  if (p.exitReason === 'exit')
    return zh
      ? tidyChinese(`${p.name} 以退出码 ${p.exitCode} 退出`)
      : `${p.name} exited with code ${p.exitCode}`;
  if (p.exitReason === 'crashed')
    return zh
      ? tidyChinese(`${p.name} 崩溃了（退出码 ${p.exitCode}）`)
      : `${p.name} crashed (exit code ${p.exitCode})`;
  // The error's own words stay as the process wrote them.
  const why = p.firstError ?? (zh ? `退出码 ${p.exitCode}` : `exit code ${p.exitCode}`);
  return zh ? `${tidyChinese(`${p.name} 出错`)}：${why}` : `${p.name} failed: ${why}`;
}

function safely<T>(run: Run, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    run.rec.emit(-1, 'error', {
      message: `${what} failed: ${(err as Error)?.message ?? String(err)}`,
    });
    return undefined;
  }
}

/** Records the closing events of `run`. */
export function recordEnding(run: Run, ending: Ending): void {
  const { rec } = run;
  // The log as it stands now: what the lab's analysis and the diagnosis judge.
  const lastT = rec.lastEventT;
  const lab = run.lab.builtin;
  let outcome: Json | undefined;
  let narration: Localized | undefined;
  if (lab) {
    const events = rec.events;
    outcome = safely(run, 'the lab outcome', () => lab.outcome(events));
    if (outcome !== undefined)
      narration = safely(run, 'the lab narration', () => lab.narrate(outcome as Json, events));
  }
  const findings = safely(run, 'diagnosis', () => rec.diagnosis.findings(lastT)) ?? [];
  for (const f of findings.slice(0, MAX_DIAGS)) rec.emit(-1, 'diag', f);
  const names = (i: number) => run.proc(i)?.name ?? `process ${i}`;
  const malformed = run.intake.malformedTally.summary(names);
  if (malformed)
    rec.emit(-1, 'diag', {
      code: 'malformed-message',
      message: malformed,
      procs: [...run.intake.malformedTally.perProc.keys()],
      objs: [],
    });
  if (run.output.logs.dropped > 0) {
    rec.emit(-1, 'diag', {
      code: 'limit',
      procs: [],
      objs: [],
      message: {
        en: `${run.output.logs.dropped} printed lines were not recorded: the lab printed too fast.`,
        'zh-CN': `有 ${run.output.logs.dropped} 行输出没有记录：实验打印得太快了。`,
      },
    });
  }
  const end: EventFields['run.end'] = {
    status: ending.status,
    message: ending.message,
    ...verdictOf(ending.status, lab, outcome, run.judging.result),
  };
  if (narration !== undefined) end.narration = narration;
  rec.emit(-1, 'run.end', end);
  rec.close();
}
