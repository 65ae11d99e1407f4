/** The built-in lab "producer-consumer-sentinel": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const sentinelInfo: BuiltinLabInfo = {
  id: 'producer-consumer-sentinel',
  processes: 4,
  title: {
    en: 'Producer-consumer with None sentinels',
    'zh-CN': '生产者消费者（None 结束标记）',
  },
  description: {
    en: 'Two chefs put 5 items each into a Queue; two eaters take them. Main joins the chefs, then puts one None per eater so they stop.',
    'zh-CN':
      '两位大厨各往队列里放 5 份食物，两个人从队列里取着吃。主进程等大厨做完，再为每个吃的人放一个 None，让他们停下。',
  },
};
