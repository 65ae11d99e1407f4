"""Bench baseline: integers from a producer child to a consumer child through
multiprocessing.Queue: WARMUP items (then -1), and once the consumer has drained them,
ITEMS items (then None), as bench/labs/queue.lab.mjs does.
    python3 mp_queue.py ITEMS [WARMUP]  ->  {"perSec": ..., "coldPerSec": ...}
"""
import json
import multiprocessing as mp
import sys
import time


def producer(q, barrier, warmed, items, warmup, out):
    barrier.wait()
    out.put(("cold_start", time.perf_counter()))
    for i in range(warmup):
        q.put(i)
    q.put(-1)
    warmed.wait()
    out.put(("start", time.perf_counter()))
    for i in range(items):
        q.put(i)
    q.put(None)


def consumer(q, barrier, warmed, out):
    barrier.wait()
    while q.get() != -1:
        pass
    out.put(("cold_end", time.perf_counter()))
    warmed.set()
    while q.get() is not None:
        pass
    out.put(("end", time.perf_counter()))


def main():
    items = int(sys.argv[1])
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    q, out, barrier, warmed = mp.Queue(), mp.Queue(), mp.Barrier(2), mp.Event()
    ps = [mp.Process(target=producer, args=(q, barrier, warmed, items, warmup, out)),
          mp.Process(target=consumer, args=(q, barrier, warmed, out))]
    for p in ps:
        p.start()
    marks = dict(out.get() for _ in range(4))
    for p in ps:
        p.join()
    cold = marks["cold_end"] - marks["cold_start"]
    print(json.dumps({"perSec": items / (marks["end"] - marks["start"]),
                      "coldPerSec": warmup / cold if warmup else None}))


if __name__ == "__main__":
    main()
