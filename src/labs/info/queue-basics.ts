/** The built-in lab "queue-basics": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const queueBasicsInfo: BuiltinLabInfo = {
  id: 'queue-basics',
  processes: 0,
  title: { en: 'Queue basics', 'zh-CN': '队列基础' },
  description: {
    en: 'A Queue(5) in one process: FIFO order, full() and empty(), a put that blocks when full, Empty on getNowait and on a get with a timeout.',
    'zh-CN':
      '单个进程里的 Queue(5)：先进先出、full() 与 empty()、队列满时阻塞的 put、getNowait 和带超时的 get 抛出 Empty。',
  },
};
