"""The breakfast shop of both producer-consumer labs: two chefs fill a steamer (the queue), two
customers eat from it."""
import random
import time

from say import say

ITEMS_PER_CHEF = 5
CHEFS = {say('Chef 1', '大厨_1'): say('baozi', '包子'), say('Chef 2', '大厨_2'): say('mantou', '馒头')}
CUSTOMERS = [say('Zhang San', '张三'), say('Li Si', '李四')]


def cook(name, food, q):
    """A chef makes five items, each taking 1 to 3 s, and puts each into the queue."""
    for i in range(1, ITEMS_PER_CHEF + 1):
        time.sleep(random.randint(1, 3))
        q.put(say(f"{name}'s {food} #{i}", f'{name}做的第{i}个{food}'))


def take(q):
    """A customer takes a while to be hungry again, then waits for the next item."""
    time.sleep(random.randint(1, 2))
    return q.get()
