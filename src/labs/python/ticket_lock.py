"""The same ticket race, but each buyer holds one shared Lock while it buys.

The lock is made in the main process and handed to every buyer, so read, decrement and write
happen as one step: only one buyer at a time is between reading the count and writing it.
"""
from multiprocessing import Lock, Process

from ticket_shop import buy, no_tickets, open_shop, search


def grab_ticket(lock):
    # The search stays outside the lock; only buying needs it.
    if search() > 0:
        with lock:
            buy()
    else:
        no_tickets()


if __name__ == '__main__':
    open_shop(tickets=1)
    lock = Lock()
    buyers = [Process(target=grab_ticket, args=(lock,)) for _ in range(10)]
    for buyer in buyers:
        buyer.start()
    for buyer in buyers:
        buyer.join()
