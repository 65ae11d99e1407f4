"""One process and one Queue with room for five items.

Fill it and ask full() and empty(); try a sixth put that has to wait; take the five items out
again in the order they went in; then see both ways a get on an empty queue raises Empty.
"""
from multiprocessing import Queue
from queue import Empty, Full

from say import say

if __name__ == '__main__':
    q = Queue(5)
    for value in (111, 222, 333):
        q.put(value)
    full, empty = q.full(), q.empty()
    print(say(f'3 items in: full() = {full}, empty() = {empty}', f'放入 3 个：full() = {full}，empty() = {empty}'))
    for value in (444, 555):
        q.put(value)
    full = q.full()
    print(say(f'5 items in: full() = {full}', f'放入 5 个：full() = {full}'))

    # A plain put(666) would wait for a free slot forever: only this process could make one.
    try:
        q.put(666, timeout=1)
    except Full:
        print(say('put(666) waited 1 s for a free slot, then raised Full',
                  'put(666) 等了 1 秒也没有空位，抛出 Full'))

    got = [q.get() for _ in range(5)]
    print(say(f'got {", ".join(map(str, got))}: first in, first out',
              f'依次取出 {"、".join(map(str, got))}：先进先出'))
    empty = q.empty()
    print(say(f'after 5 gets: empty() = {empty}', f'取出 5 个之后：empty() = {empty}'))

    try:
        q.get_nowait()
    except Empty:
        print(say('get_nowait() raised Empty at once', 'get_nowait() 立刻抛出 Empty'))
    try:
        print(q.get(timeout=3))
    except Empty:
        print(say('get(timeout=3) waited 3 s and raised Empty: nothing left in the queue!',
                  'get(timeout=3) 等了 3 秒后抛出 Empty：队列里一个也不剩了！'))
