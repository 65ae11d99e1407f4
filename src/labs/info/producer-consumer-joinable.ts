/** The built-in lab "producer-consumer-joinable": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const joinableInfo: BuiltinLabInfo = {
  id: 'producer-consumer-joinable',
  processes: 4,
  title: { en: 'Producer-consumer with JoinableQueue', 'zh-CN': '生产者消费者（JoinableQueue）' },
  description: {
    en: 'The same kitchen with a JoinableQueue: daemon eaters call taskDone() after each item, and main waits in q.join() until all are done.',
    'zh-CN':
      '同样的厨房换成 JoinableQueue：守护进程每吃完一份就调用 taskDone()，主进程在 q.join() 中等到全部完成。',
  },
};
