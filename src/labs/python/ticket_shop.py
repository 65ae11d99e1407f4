"""The ticket shop both ticket labs run: data.json holds how many tickets are left.

A search is a slow look at the count. Buying looks again, takes one ticket and, after another
slow step, writes the new count back. The slow steps stand for slow I/O: they leave room for
another process to read a count that is about to change.
"""
import json
import random
import time
from multiprocessing import current_process

from say import say

DATA = 'data.json'


def open_shop(tickets=1):
    with open(DATA, 'w') as f:
        json.dump({'ticket_num': tickets}, f)


def search():
    time.sleep(random.randint(1, 2))
    with open(DATA) as f:
        return json.load(f)['ticket_num']


def buy():
    me = current_process().name
    left = search()
    if left == 0:
        print(say(f'{me} missed out: 0 tickets left when buying', f'{me}抢票失败：购买时余票为 0'))
        return
    time.sleep(random.randint(1, 2))
    with open(DATA, 'w') as f:
        json.dump({'ticket_num': left - 1}, f)
    print(say(f'{me} got a ticket', f'{me}抢票成功'))


def no_tickets():
    me = current_process().name
    print(say(f'{me} found no tickets left', f'{me}查询发现没有余票'))
