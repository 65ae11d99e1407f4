"""Ten buyers race for the only ticket in data.json, with no lock.

Each buyer searches and, if it saw a ticket, buys it. Nothing stops a second buyer from reading
ticket_num = 1 while the first is still buying, so the one ticket can be sold several times.
"""
from multiprocessing import Process

from ticket_shop import buy, no_tickets, open_shop, search


def grab_ticket():
    if search() > 0:
        buy()
    else:
        no_tickets()


if __name__ == '__main__':
    open_shop(tickets=1)
    buyers = [Process(target=grab_ticket) for _ in range(10)]
    for buyer in buyers:
        buyer.start()
    for buyer in buyers:
        buyer.join()
