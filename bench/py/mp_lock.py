"""Bench baseline: acquire + release of a multiprocessing lock by N child processes.

    python3 mp_lock.py manager|mp PROCS OPS  ->  {"usPerOp": ...}
Children warm up, meet at a barrier, then loop; the time is first start -> last end,
on the system-wide monotonic clock, divided by every operation done.
"""
import json
import multiprocessing as mp
import sys
import time


def worker(lock, barrier, ops, out):
    for _ in range(200):
        lock.acquire()
        lock.release()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(ops):
        lock.acquire()
        lock.release()
    out.put((start, time.perf_counter()))


def main():
    kind, procs, ops = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    manager = mp.Manager() if kind == "manager" else None
    lock = manager.Lock() if manager else mp.Lock()
    barrier = mp.Barrier(procs)
    out = mp.Queue()
    ps = [mp.Process(target=worker, args=(lock, barrier, ops, out)) for _ in range(procs)]
    for p in ps:
        p.start()
    spans = [out.get() for _ in ps]
    for p in ps:
        p.join()
    if manager:
        manager.shutdown()
    wall = max(e for _, e in spans) - min(s for s, _ in spans)
    print(json.dumps({"usPerOp": wall * 1e6 / (procs * ops)}))


if __name__ == "__main__":
    main()
