/**
 * Lab: processes talk through queues. A producer child hands a message to a consumer child
 * (child ↔ child), and main sends a request to a responder child that answers (main ↔ child).
 */
import { defineLab, l, print, Process, Queue } from 'concurrency-labs';
import ipcInfo from '../info/ipc.json';

export async function producer(q: Queue): Promise<void> {
  await q.put(
    l({ en: 'Hello from the producer, via the queue!', 'zh-CN': '生产者通过队列向你问好！' }),
  );
}

export async function consumer(q: Queue): Promise<void> {
  const msg = await q.get();
  await print(l({ en: `consumer received: ${msg}`, 'zh-CN': `消费者收到：${msg}` }));
}

/** Answers one request from main on a second queue. */
export async function responder(requests: Queue, replies: Queue): Promise<void> {
  const question = await requests.get();
  await replies.put(
    l({ en: `yes, I'm here (you asked: ${question})`, 'zh-CN': `在的（你问的是：${question}）` }),
  );
}

async function main(): Promise<void> {
  const q = new Queue(0, { name: 'q' });
  const p = new Process(producer, [q], { name: l({ en: 'Producer', 'zh-CN': '生产者' }) });
  const c = new Process(consumer, [q], { name: l({ en: 'Consumer', 'zh-CN': '消费者' }) });
  await p.start();
  await c.start();

  const requests = new Queue(0, { name: 'requests' });
  const replies = new Queue(0, { name: 'replies' });
  const r = new Process(responder, [requests, replies], {
    name: l({ en: 'Responder', 'zh-CN': '应答者' }),
  });
  await r.start();
  await requests.put(l({ en: 'are you there?', 'zh-CN': '你在吗？' }));
  const answer = await replies.get();
  await print(l({ en: `main received: ${answer}`, 'zh-CN': `主进程收到：${answer}` }));
}

export default defineLab(ipcInfo, main);
