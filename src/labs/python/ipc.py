"""Processes share no memory: they talk through queues.

A producer child hands a message to a consumer child (child to child), and the main process asks
a responder child a question on one queue and gets its answer on another (main to child).
"""
from multiprocessing import Process, Queue


def producer(q):
    q.put('Hello from the producer, via the queue!')


def consumer(q):
    print(f'consumer received: {q.get()}')


def responder(requests, replies):
    question = requests.get()
    replies.put(f"yes, I'm here (you asked: {question})")


if __name__ == '__main__':
    q = Queue()
    children = [
        Process(target=producer, args=(q,), name='Producer'),
        Process(target=consumer, args=(q,), name='Consumer'),
    ]
    requests, replies = Queue(), Queue()
    children.append(Process(target=responder, args=(requests, replies), name='Responder'))
    for child in children:
        child.start()

    requests.put('are you there?')
    print(f'main received: {replies.get()}')
    for child in children:
        child.join()
