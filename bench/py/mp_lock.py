"""Bench baseline: acquire + release of a multiprocessing lock by N child processes.

    python3 mp_lock.py manager|mp PROCS OPS [WARMUP]  ->  {"usPerOp": ..., "coldUsPerOp": ...}
Children warm up (WARMUP operations each, default 200), meet at a barrier, then loop; the time
is first start -> last end, on the system-wide monotonic clock, divided by every operation done.
The warm-up is timed the same way: the cold figure.
"""
import json
import multiprocessing as mp
import sys
import time


def worker(lock, barrier, ops, warmup, out):
    cold_start = time.perf_counter()
    for _ in range(warmup):
        lock.acquire()
        lock.release()
    cold_end = time.perf_counter()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(ops):
        lock.acquire()
        lock.release()
    out.put((start, time.perf_counter(), cold_start, cold_end))


def main():
    kind, procs, ops = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    manager = mp.Manager() if kind == "manager" else None
    lock = manager.Lock() if manager else mp.Lock()
    barrier = mp.Barrier(procs)
    out = mp.Queue()
    ps = [mp.Process(target=worker, args=(lock, barrier, ops, warmup, out)) for _ in range(procs)]
    for p in ps:
        p.start()
    spans = [out.get() for _ in ps]
    for p in ps:
        p.join()
    if manager:
        manager.shutdown()
    wall = max(s[1] for s in spans) - min(s[0] for s in spans)
    cold = max(s[3] for s in spans) - min(s[2] for s in spans)
    print(json.dumps({"usPerOp": wall * 1e6 / (procs * ops),
                      "coldUsPerOp": cold * 1e6 / (procs * warmup) if warmup else None}))


if __name__ == "__main__":
    main()
