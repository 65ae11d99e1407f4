/** The built-in lab "ticket-lock": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const ticketLockInfo: BuiltinLabInfo = {
  id: 'ticket-lock',
  processes: 10,
  title: { en: 'Ticket race with a lock', 'zh-CN': '抢票（互斥锁）' },
  description: {
    en: 'The ticket race again, with one Lock around buying: exactly one ticket is sold, and the others wait in line.',
    'zh-CN': '还是抢票，但买票时持有同一把互斥锁：只卖出一张票，其余进程排队等锁。',
  },
};
