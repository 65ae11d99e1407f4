"""Producer-consumer with a JoinableQueue and daemon customers.

Each customer calls task_done() after every item. The main process joins the chefs, then waits
in q.join() until every item is done, and ends, taking the daemon customers with it. No
sentinels: any number of customers would work.
"""
from multiprocessing import JoinableQueue, Process

from kitchen import CHEFS, CUSTOMERS, cook, take
from say import say


def eat_and_mark_done(name, q):
    while True:
        item = take(q)
        print(say(f'{name} ate {item}', f'{name}吃了{item}'))
        q.task_done()


if __name__ == '__main__':
    q = JoinableQueue()
    chefs = [Process(target=cook, args=(n, food, q), name=n) for n, food in CHEFS.items()]
    for chef in chefs:
        chef.start()
    for n in CUSTOMERS:
        Process(target=eat_and_mark_done, args=(n, q), name=n, daemon=True).start()
    for chef in chefs:
        chef.join()
    q.join()
