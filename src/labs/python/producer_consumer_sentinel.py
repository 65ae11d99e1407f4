"""Producer-consumer with a plain Queue, stopped by sentinels.

The main process waits for both chefs, then puts one None per customer behind the food; a
customer who gets None leaves. It works only because main knows how many customers there are.
"""
from multiprocessing import Process, Queue

from kitchen import CHEFS, CUSTOMERS, cook, take
from say import say


def eat_until_none(name, q):
    while True:
        item = take(q)
        if item is None:
            break
        print(say(f'{name} ate {item}', f'{name}吃了{item}'))


if __name__ == '__main__':
    q = Queue()
    chefs = [Process(target=cook, args=(n, food, q), name=n) for n, food in CHEFS.items()]
    eaters = [Process(target=eat_until_none, args=(n, q), name=n) for n in CUSTOMERS]
    for p in chefs + eaters:
        p.start()
    for chef in chefs:
        chef.join()
    # One sentinel per customer: each None stops exactly one of them.
    for _ in eaters:
        q.put(None)
    for eater in eaters:
        eater.join()
