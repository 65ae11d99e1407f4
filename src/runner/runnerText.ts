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
  timeLimit: (sec: number) => ({
    en: `The run reached its time limit of ${sec} s and is being stopped.`,
    'zh-CN': `运行达到了 ${sec} 秒的时间上限，正在停止。`,
  }),
  queueCap: (queue: string, n: number) => ({
    en: `${queue} holds ${n} items, the most a queue may hold: further puts that cannot wait are refused with Full.`,
    'zh-CN': `${queue} 已有 ${n} 个元素，达到队列上限：之后无法等待的 put 会以 Full 被拒绝。`,
  }),
  malformedLimit: (name: string, n: number) => ({
    en: `${name} sent ${n} malformed messages and is being stopped.`,
    'zh-CN': `${name} 发送了 ${n} 条格式错误的消息，正在被停止。`,
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
