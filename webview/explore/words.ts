/** The Explore panel's words in both languages. Lab-provided text never goes through here. */
import { getLang, pickWord, setLang } from '../uiLanguage';

const EN = {
  title: 'Explore: {lab}',
  predictFirst: 'Predict first',
  predictHint: 'Choose before anything runs: seeing the result is worth more when you guessed.',
  skip: 'Skip',
  yourPrediction: 'Your prediction: {choice}',
  skipped: 'You skipped the prediction.',
  explore: 'Schedules explored',
  realtime: 'Real-time runs',
  exploreHow:
    '{strategy} schedules, up to {total} runs (virtual time: the same seed explores the same schedules)',
  realtimeHow:
    'the ordinary runner, {total} runs with different seeds: the operating system decides',
  progress: '{runs} of {total} runs',
  shrinking: 'found a failing schedule; shrinking it to the fewest preemptions…',
  done: '{runs} runs',
  stopped: 'stopped after {runs} runs',
  exhausted: 'every schedule with ≤ {bound} preemptions explored',
  waiting: 'Not run yet.',
  exploreAgain: 'Explore again',
  runNTimes: 'Run {n} Times (Real Time)',
  runAgain: 'Run {n} times again',
  stop: 'Stop',
  openExample: 'Open a run that ended like this in the timeline',
  failing: 'fails the check',
  passing: 'passes',
  predicted: 'your prediction',
  runsCount: '{n} runs',
  oneRun: '1 run',
  failure: 'Failure found: {message}',
  shrunk: 'Shrunk to {n} preemption(s) in {steps} steps:',
  shrunkNone:
    'It fails in {steps} steps even without a preemption (each process runs until it blocks).',
  openFailure: 'Open the failing run',
  noFailure: 'No run failed the check.',
  cameTrue: 'You predicted {choice}: it happened in {runs} of {total} runs ({percent}).',
  didNotCome: 'You predicted {choice}: no run ended that way.',
  mostOften: 'Most often: {label} ({runs} of {total} runs).',
  mostOftenTie: '{n} outcomes tie for most often, each in {runs} of {total} runs.',
  holdsButFailed:
    'You predicted that the check always holds, but {runs} of {total} runs failed it.',
  holdsAndHeld: 'You predicted that the check always holds, and in these {total} runs it did.',
  failsButHeld: 'You predicted that some runs fail, but none of these {total} did.',
  failsAndFailed: 'You predicted that some runs fail: {runs} of {total} did.',
  realtimeMissed:
    'No real-time run failed, yet exploring found failing schedules: a run that looks fine proves little.',
  error: 'Could not run: {message}',
  colon: ': ',
};
type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  title: '探索：{lab}',
  predictFirst: '先预测',
  predictHint: '在运行之前先选一个答案：先猜过，再看结果，印象更深。',
  skip: '跳过',
  yourPrediction: '你的预测：{choice}',
  skipped: '你跳过了预测。',
  explore: '探索的调度',
  realtime: '实时运行',
  exploreHow: '{strategy} 调度，最多运行 {total} 次（虚拟时间：同一个种子探索同样的调度）',
  realtimeHow: '普通运行器，用不同的种子运行 {total} 次：由操作系统调度',
  progress: '已运行 {runs} / {total} 次',
  shrinking: '找到了失败的调度，正在缩小到最少的抢占……',
  done: '运行了 {runs} 次',
  stopped: '运行 {runs} 次后被停止',
  exhausted: '抢占不超过 {bound} 次的调度已全部探索',
  waiting: '还没有运行。',
  exploreAgain: '再探索一次',
  runNTimes: '实时运行 {n} 次',
  runAgain: '再实时运行 {n} 次',
  stop: '停止',
  openExample: '在时间线中打开一次这样结束的运行',
  failing: '未通过检查',
  passing: '通过',
  predicted: '你的预测',
  runsCount: '{n} 次',
  oneRun: '1 次',
  failure: '找到失败：{message}',
  shrunk: '缩小到 {n} 次抢占、{steps} 步：',
  shrunkNone: '即使没有抢占（每个进程一直运行到阻塞），它也会在 {steps} 步内失败。',
  openFailure: '打开失败的运行',
  noFailure: '没有运行未通过检查。',
  cameTrue: '你预测的是 {choice}：{total} 次运行中有 {runs} 次如此（{percent}）。',
  didNotCome: '你预测的是 {choice}：没有一次运行是这样结束的。',
  mostOften: '最常见的结果：{label}（{total} 次中有 {runs} 次）。',
  mostOftenTie: '{n} 种结果并列最常见，各占 {total} 次中的 {runs} 次。',
  holdsButFailed: '你预测检查总是成立，但 {total} 次运行中有 {runs} 次未通过。',
  holdsAndHeld: '你预测检查总是成立；在这 {total} 次运行中确实如此。',
  failsButHeld: '你预测有的运行会失败，但这 {total} 次运行都通过了。',
  failsAndFailed: '你预测有的运行会失败：{total} 次中有 {runs} 次失败。',
  realtimeMissed:
    '实时运行没有一次失败，探索却找到了失败的调度：一次看起来没问题的运行说明不了什么。',
  error: '无法运行：{message}',
  colon: '：',
};

export { setLang, getLang };

/** The word for `key` with `{name}` filled in from `values`. */
export function word(key: Key, values: Record<string, string | number> = {}): string {
  return pickWord(EN[key], ZH[key], values);
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '0%';
}
