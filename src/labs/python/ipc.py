"""Processes share no memory: they talk through queues.

A producer child hands a message to a consumer child (child to child), and the main process asks
a responder child a question on one queue and gets its answer on another (main to child).
"""
from multiprocessing import Process, Queue

from say import say


def producer(q):
    q.put(say('Hello from the producer, via the queue!', '生产者通过队列向你问好！'))


def consumer(q):
    message = q.get()
    print(say(f'consumer received: {message}', f'消费者收到：{message}'))


def responder(requests, replies):
    question = requests.get()
    replies.put(say(f"yes, I'm here (you asked: {question})", f'在的（你问的是：{question}）'))


if __name__ == '__main__':
    q = Queue()
    children = [
        Process(target=producer, args=(q,), name=say('Producer', '生产者')),
        Process(target=consumer, args=(q,), name=say('Consumer', '消费者')),
    ]
    requests, replies = Queue(), Queue()
    children.append(Process(target=responder, args=(requests, replies), name=say('Responder', '应答者')))
    for child in children:
        child.start()

    requests.put(say('are you there?', '你在吗？'))
    answer = replies.get()
    print(say(f'main received: {answer}', f'主进程收到：{answer}'))
    for child in children:
        child.join()
