"""Bench baseline: ITEMS integers from a producer child to a consumer child through
multiprocessing.Queue.   python3 mp_queue.py ITEMS  ->  {"perSec": ...}
"""
import json
import multiprocessing as mp
import sys
import time


def producer(q, barrier, items, out):
    barrier.wait()
    out.put(("start", time.perf_counter()))
    for i in range(items):
        q.put(i)
    q.put(None)


def consumer(q, barrier, out):
    barrier.wait()
    while q.get() is not None:
        pass
    out.put(("end", time.perf_counter()))


def main():
    items = int(sys.argv[1])
    q, out, barrier = mp.Queue(), mp.Queue(), mp.Barrier(2)
    ps = [mp.Process(target=producer, args=(q, barrier, items, out)),
          mp.Process(target=consumer, args=(q, barrier, out))]
    for p in ps:
        p.start()
    marks = dict(out.get() for _ in ps)
    for p in ps:
        p.join()
    print(json.dumps({"perSec": items / (marks["end"] - marks["start"])}))


if __name__ == "__main__":
    main()
