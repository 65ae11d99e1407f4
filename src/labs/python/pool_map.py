"""Pool.map squares eight numbers, each square half a second of work: first on a Pool of one
worker, then on a Pool of four.

Each task runs in a worker process that multiprocessing started; map hands back the squares in
the order of the numbers either way, and four workers finish about four times sooner.
"""
import multiprocessing as mp
import time

from say import say

NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8]
WORK_SEC = 0.5


def slow_square(n):
    me = mp.current_process().name
    print(say(f'{me} squares {n}', f'{me} 计算 {n} 的平方'))
    time.sleep(WORK_SEC)
    return n * n


def square_with(workers):
    with mp.Pool(workers) as pool:
        squares = pool.map(slow_square, NUMBERS)
    print(say(f'{workers} worker(s): map returned {squares}, in the order of the numbers',
              f'{workers} 个工作进程：map 按原顺序返回了 {squares}'))


if __name__ == '__main__':
    square_with(1)
    square_with(4)
