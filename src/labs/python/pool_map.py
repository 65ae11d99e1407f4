"""Pool.map squares eight numbers, each square half a second of work: first on a Pool of one
worker, then on a Pool of four.

Each task runs in a worker process that multiprocessing started; map hands back the squares in
the order of the numbers either way, and four workers finish about four times sooner.
"""
import multiprocessing as mp
import time

NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8]
WORK_SEC = 0.5


def slow_square(n):
    print(f'{mp.current_process().name} squares {n}')
    time.sleep(WORK_SEC)
    return n * n


def square_with(workers):
    with mp.Pool(workers) as pool:
        squares = pool.map(slow_square, NUMBERS)
    print(f'{workers} worker(s): map returned {squares}, in the order of the numbers')


if __name__ == '__main__':
    square_with(1)
    square_with(4)
