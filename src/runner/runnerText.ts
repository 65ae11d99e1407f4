/** The runner's own words (run.end and run.limit messages), in the run's language. */
import { tidyChinese } from '../model/chineseText';

/** A process's name before Chinese words: 主进程 for MainProcess, a space only after a Latin name. */
const chineseName = (name: string) => tidyChinese(`${name} 的`).slice(0, -1);
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
  processMemory: (name: string, used: number, limit: number) => ({
    en: `${name} used ${Math.round(used)} MB of memory, more than the ${limit} MB a lab process may use (the maxMemoryMB setting, --max-memory), and the run is being stopped.`,
    'zh-CN': `${chineseName(name)}使用了 ${Math.round(used)} MB 内存，超过了每个实验进程 ${limit} MB 的上限（maxMemoryMB 设置，--max-memory），正在停止运行。`,
  }),
  /** A process of the run that the runner does not broker (os.fork, subprocess, forkserver). */
  unbrokeredProcess: (pid: number) => ({
    en: `Process ${pid} (started outside multiprocessing)`,
    'zh-CN': `进程 ${pid}（不是由 multiprocessing 启动的）`,
  }),
  runMemory: (used: number, limit: number) => ({
    en: `The run's processes used ${Math.round(used)} MB of memory together, more than the ${limit} MB a run may use, and the run is being stopped.`,
    'zh-CN': `本次运行的进程合计使用了 ${Math.round(used)} MB 内存，超过了一次运行 ${limit} MB 的上限，正在停止运行。`,
  }),
  heapExhausted: (name: string, limit: number) => ({
    en: `${name} ran out of memory: its JavaScript heap may hold at most ${limit} MB (the maxMemoryMB setting, --max-memory).`,
    'zh-CN': `${chineseName(name)}内存耗尽：它的 JavaScript 堆最多只能使用 ${limit} MB（maxMemoryMB 设置，--max-memory）。`,
  }),
  stoppedAtMemory: (what: string) => ({
    en: `stopped: ${what} went past the memory limit`,
    'zh-CN': `已停止：${what} 超过了内存上限`,
  }),
  malformedLimit: (name: string, n: number) => ({
    en: `${name} sent ${n} malformed messages and is being stopped.`,
    'zh-CN': `${chineseName(name)}发送了 ${n} 条格式错误的消息，正在被停止。`,
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
  queueLimit: (n: number) => ({
    en: `The lab's queues held ${n.toLocaleString('en')} items at once, the most a run may hold (its memory), and the run is being stopped.`,
    'zh-CN': `实验的队列同时存放了 ${n} 个元素，达到一次运行的上限（内存），正在停止运行。`,
  }),
  stoppedAtQueueLimit: (n: number) => ({
    en: `stopped with ${n.toLocaleString('en')} items in its queues (the memory limit)`,
    'zh-CN': `队列中有 ${n} 个元素时停止（内存上限）`,
  }),
  procLimit: (n: number) => ({
    en: `this run may start at most ${n} processes`,
    'zh-CN': `本次运行最多只能启动 ${n} 个进程`,
  }),
  labMissingBundle: (lab: string, spec: string) => ({
    en: `the built-in lab "${lab}" is missing its bundle ${spec}`,
    'zh-CN': `内置实验“${lab}”缺少它的程序包 ${spec}`,
  }),
  unknownLab: (lab: string, ids: string, endings: string) => ({
    en: `unknown lab "${lab}". Built-in labs: ${ids}; or give the absolute path of a ${endings} file`,
    'zh-CN': `没有名为“${lab}”的实验。内置实验：${ids}；也可以给出 ${endings} 文件的绝对路径`,
  }),
  scriptNotFound: (path: string) => ({
    en: `script not found: ${path}`,
    'zh-CN': `找不到脚本：${path}`,
  }),
  labFileName: (endings: string, path: string) => ({
    en: `a lab file's name ends in ${endings}: ${path}`,
    'zh-CN': `实验文件的名字应以 ${endings} 结尾：${path}`,
  }),
  labFileNotFound: (path: string) => ({
    en: `lab file not found: ${path}`,
    'zh-CN': `找不到实验文件：${path}`,
  }),
  cannotStart: (why: string) => ({
    en: `could not start the run: ${why}`,
    'zh-CN': `无法开始运行：${why}`,
  }),
  noPython: (tried: string) => ({
    en: `no Python interpreter found (tried ${tried}). ${PYTHON_HOW.en}`,
    'zh-CN': `找不到 Python 解释器（试过 ${tried}）。${PYTHON_HOW['zh-CN']}`,
  }),
  oldPython: (command: string, version: string, min: string) => ({
    en: `${command} is Python ${version}; Python scripts need Python ${min} or later. ${PYTHON_HOW.en}`,
    'zh-CN': `${command} 是 Python ${version}；Python 脚本需要 Python ${min} 或更新的版本。${PYTHON_HOW['zh-CN']}`,
  }),
  explorationFailed: (why: string) => ({
    en: `the exploration failed: ${why}`,
    'zh-CN': `探索失败：${why}`,
  }),
};

/** How to name the interpreter, after a Python that cannot run a script. */
const PYTHON_HOW = {
  en: 'Set the interpreter with the setting concurrencyLabs.pythonPath (VS Code), --python PATH or the environment variable CONCURRENCY_LABS_PYTHON (command line).',
  'zh-CN':
    '可以用设置 concurrencyLabs.pythonPath（VS Code）、--python PATH 或环境变量 CONCURRENCY_LABS_PYTHON（命令行）指定解释器。',
};
