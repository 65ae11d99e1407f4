/**
 * Whether a run passed its lab's check (`run.end.verdict`), and why not. A run that ends in a
 * deadlock, a hang, an error or a timeout fails whatever the lab says; a stopped one has no verdict.
 */
import type { Json, Localized, RunStatus, Verdict } from '../protocol/events';
import type { BuiltinLab } from '../labs/analysis/catalog';
import type { Judgement } from './judging';

const STATUS_FAILURES: Partial<Record<RunStatus, Localized>> = {
  deadlock: { en: 'the run ended in a deadlock', 'zh-CN': '运行以死锁告终' },
  hang: { en: 'the run hung: nothing could go on', 'zh-CN': '运行挂起：没有进程能继续' },
  error: { en: 'the run ended with an error', 'zh-CN': '运行出错结束' },
  timeout: { en: 'the run timed out', 'zh-CN': '运行超时' },
};

export interface VerdictFields {
  outcome?: Json;
  summary?: Localized;
  verdict?: Verdict;
  failure?: Localized;
}

/**
 * The outcome, verdict and failure of a run that ended with `status`: a built-in lab's from its
 * analysis, an own lab's from what its main judged (`judgement`, null when it was not asked).
 */
export function verdictOf(
  status: RunStatus,
  builtin: BuiltinLab | undefined,
  builtinOutcome: Json | undefined,
  judgement: Judgement | null,
): VerdictFields {
  const outcome = builtin ? builtinOutcome : judgement?.outcome;
  const fields: VerdictFields = outcome === undefined ? {} : { outcome };
  const summary = builtin ? builtinSummary(builtin, builtinOutcome) : judgement?.summary;
  if (summary) fields.summary = summary;
  if (status === 'stopped') return fields;
  const byStatus = STATUS_FAILURES[status];
  if (byStatus) return { ...fields, verdict: 'fail', failure: byStatus };
  if (judgement?.error !== undefined)
    return {
      ...fields,
      verdict: 'fail',
      failure: {
        en: `the lab's check could not judge the run: ${judgement.error}`,
        'zh-CN': `实验的检查无法判定这次运行：${judgement.error}`,
      },
    };
  const failure =
    builtin?.check && builtinOutcome !== undefined
      ? builtin.check(builtinOutcome)
      : judgement?.failure;
  return failure ? { ...fields, verdict: 'fail', failure } : { ...fields, verdict: 'pass' };
}

/** A built-in lab's words for its outcome; a describe that throws leaves the banner to the model. */
function builtinSummary(lab: BuiltinLab, outcome: Json | undefined): Localized | undefined {
  if (outcome === undefined) return undefined;
  try {
    return lab.describe(outcome);
  } catch {
    return undefined;
  }
}
