/** The first difference of two runs in words: "in run B Process 3 read data.json before Process 1 wrote it". */
import type { Localized } from '../protocol/events';
import type { RunStep } from './runDiff';
import { objectNameIn } from './objectNames';

/** What a step did, with the object where the words need it ({o}). */
const VERBS: Record<string, Localized> = {
  'proc.spawn': { en: 'started', 'zh-CN': '启动了' },
  'proc.exit': { en: 'exited', 'zh-CN': '退出了' },
  'proc.join.wait': { en: 'began to wait for {o} to exit', 'zh-CN': '开始等待 {o} 结束' },
  'proc.join.done': { en: 'saw {o} exit', 'zh-CN': '等到了 {o} 结束' },
  'sleep.begin': { en: 'began to sleep', 'zh-CN': '开始睡眠' },
  'sleep.end': { en: 'woke from a sleep', 'zh-CN': '睡醒了' },
  'file.read': { en: 'read {o}', 'zh-CN': '读了 {o}' },
  'file.write': { en: 'wrote {o}', 'zh-CN': '写了 {o}' },
  'lock.request': { en: 'asked for {o}', 'zh-CN': '请求 {o}' },
  'lock.acquire': { en: 'acquired {o}', 'zh-CN': '拿到了 {o}' },
  'lock.release': { en: 'released {o}', 'zh-CN': '释放了 {o}' },
  'lock.timeout': { en: 'gave up waiting for {o}', 'zh-CN': '放弃等待 {o}' },
  'queue.put': { en: 'put an item into {o}', 'zh-CN': '向 {o} 放入一项' },
  'queue.get': { en: 'got an item from {o}', 'zh-CN': '从 {o} 取出一项' },
  'queue.put.wait': { en: 'waited to put into {o}', 'zh-CN': '等待向 {o} 放入' },
  'queue.get.wait': { en: 'waited to get from {o}', 'zh-CN': '等待从 {o} 取出' },
  'sem.request': { en: 'asked for {o}', 'zh-CN': '请求 {o}' },
  'sem.acquire': { en: 'acquired {o}', 'zh-CN': '拿到了 {o}' },
  'sem.release': { en: 'released {o}', 'zh-CN': '释放了 {o}' },
  'event.set': { en: 'set {o}', 'zh-CN': '设置了 {o}' },
  'event.wait': { en: 'began to wait for {o}', 'zh-CN': '开始等待 {o}' },
  'cond.wait': { en: 'began to wait on {o}', 'zh-CN': '开始在 {o} 上等待' },
  'cond.notify': { en: 'notified {o}', 'zh-CN': '通知了 {o}' },
  'barrier.arrive': { en: 'arrived at {o}', 'zh-CN': '到达了 {o}' },
  log: { en: 'printed', 'zh-CN': '打印了输出' },
  error: { en: 'failed', 'zh-CN': '出错了' },
};

const CREATED: Localized = { en: 'created {o}', 'zh-CN': '创建了 {o}' };

function did(s: RunStep, sameObject = false): Localized {
  const verb = VERBS[s.kind] ??
    (s.kind.endsWith('.create') ? CREATED : undefined) ?? {
      en: `${s.kind}${s.object ? ' {o}' : ''}`,
      'zh-CN': `${s.kind}${s.object ? ' {o}' : ''}`,
    };
  // A process's name is tidied with the whole text (runDiff.ts); an object's is said here.
  const name = s.object ?? '';
  const o = {
    en: sameObject ? 'it' : name,
    'zh-CN': sameObject ? '它' : s.kind.startsWith('proc.') ? name : objectNameIn(name, 'zh-CN'),
  };
  // "读了它", not "读了 它": a Chinese pronoun takes no space.
  const zh = sameObject
    ? verb['zh-CN'].replace(/ ?\{o\}/, o['zh-CN'])
    : verb['zh-CN'].replace('{o}', o['zh-CN']);
  return {
    en: `${s.process} ${verb.en.replace('{o}', o.en)}`,
    'zh-CN': `${s.process} ${zh}`,
  };
}

/**
 * The sentence after "First difference at …: ". When run B does later what run A did at this
 * point, B overtook it: "in run B Process 3 read data.json before Process 1 wrote it".
 */
export function differenceWords(
  a: RunStep | undefined,
  b: RunStep | undefined,
  laterInB: boolean,
): Localized {
  if (a && b && laterInB) {
    const first = did(b);
    const then = did(a, a.object !== null && a.object === b.object);
    return {
      en: `in run B ${first.en} before ${then.en}`,
      'zh-CN': `在运行 B 中，${first['zh-CN']}，早于 ${then['zh-CN']}`,
    };
  }
  if (a && b) {
    const x = did(a),
      y = did(b);
    return {
      en: `in run A ${x.en}, where in run B ${y.en}`,
      'zh-CN': `运行 A 中 ${x['zh-CN']}，而运行 B 中 ${y['zh-CN']}`,
    };
  }
  const [ended, other, step] = a ? (['B', 'A', a] as const) : (['A', 'B', b!] as const);
  const y = did(step);
  return {
    en: `run ${ended} has ended, while in run ${other} ${y.en}`,
    'zh-CN': `运行 ${ended} 已经结束，而运行 ${other} 中 ${y['zh-CN']}`,
  };
}
