"""The breakfast shop of both producer-consumer labs: two chefs fill a steamer (the queue), two
customers eat from it."""
import random
import time

ITEMS_PER_CHEF = 5
CHEFS = {'Chef 1': 'baozi', 'Chef 2': 'mantou'}
CUSTOMERS = ['Zhang San', 'Li Si']


def cook(name, food, q):
    """A chef makes five items, each taking 1 to 3 s, and puts each into the queue."""
    for i in range(1, ITEMS_PER_CHEF + 1):
        time.sleep(random.randint(1, 3))
        q.put(f"{name}'s {food} #{i}")


def take(q):
    """A customer takes a while to be hungry again, then waits for the next item."""
    time.sleep(random.randint(1, 2))
    return q.get()
