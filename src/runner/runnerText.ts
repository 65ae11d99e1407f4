/** The runner's own words (run.end and run.limit messages), in the run's language. */
export type Lang = 'en' | 'zh-CN';

export const RUNNER_TEXT = {
  stopped: { en: 'stopped by the user', 'zh-CN': '已被用户停止' },
  parentGone: {
    en: 'stopped: the program that started the run went away',
    'zh-CN': '已停止：启动这次运行的程序已退出',
  },
  timeout: (sec: number) => ({
    en: `the run did not finish within ${sec} s`,
    'zh-CN': `运行未能在 ${sec} 秒内结束`,
  }),
  eventLimit: (n: number) => ({
    en: `The run reached its limit of ${n} events and was stopped.`,
    'zh-CN': `运行达到了 ${n} 个事件的上限，已停止。`,
  }),
  stoppedAtLimit: (n: number) => ({
    en: `stopped after ${n} events (the maxEvents limit)`,
    'zh-CN': `在 ${n} 个事件后停止（maxEvents 上限）`,
  }),
  logLimit: {
    en: 'The lab prints too fast: some lines are not recorded.',
    'zh-CN': '实验打印得太快：部分输出没有记录。',
  },
  procLimit: (n: number) => ({
    en: `this run may start at most ${n} processes`,
    'zh-CN': `本次运行最多只能启动 ${n} 个进程`,
  }),
};
