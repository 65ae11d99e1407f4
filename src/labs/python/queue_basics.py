"""One process and one Queue with room for five items.

Fill it and ask full() and empty(); try a sixth put that has to wait; take the five items out
again in the order they went in; then see both ways a get on an empty queue raises Empty.
"""
from multiprocessing import Queue
from queue import Empty, Full

if __name__ == '__main__':
    q = Queue(5)
    for value in (111, 222, 333):
        q.put(value)
    print(f'3 items in: full() = {q.full()}, empty() = {q.empty()}')
    for value in (444, 555):
        q.put(value)
    print(f'5 items in: full() = {q.full()}')

    # A plain put(666) would wait for a free slot forever: only this process could make one.
    try:
        q.put(666, timeout=1)
    except Full:
        print('put(666) waited 1 s for a free slot, then raised Full')

    got = [q.get() for _ in range(5)]
    print(f'got {", ".join(map(str, got))}: first in, first out')
    print(f'after 5 gets: empty() = {q.empty()}')

    try:
        q.get_nowait()
    except Empty:
        print('get_nowait() raised Empty at once')
    try:
        print(q.get(timeout=3))
    except Empty:
        print('get(timeout=3) waited 3 s and raised Empty: nothing left in the queue!')
