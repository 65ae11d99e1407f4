"""The machine yardstick, Python's half: a fixed, deterministic CPU workload whose time says how
fast the machine is at the moment (see bench/raw/yardstick.mjs, the same idea in Node): json
dumps/loads of the same event-shaped records, then FNV-1a in plain Python over the same bytes.
    python3 yardstick.py [REPS] [WARMUP]  ->  {"samples": [ms, ...], "check": ...}
`check` is the work's result, the same on every machine.
"""
import json
import sys
import time

RECORDS = 2000
JSON_ROUNDS = 6
HASH_BYTES = 1 << 16
HASH_ROUNDS = 3
KINDS = ['lock.acquire', 'lock.release', 'queue.put', 'queue.get']


def numbers(seed):
    """A linear congruential generator: the same numbers on every machine."""
    x = seed
    while True:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        yield x


def records():
    nxt = numbers(1).__next__
    out = []
    for seq in range(RECORDS):
        out.append({
            'v': 1,
            'seq': seq,
            't': nxt() % 1000000,
            'proc': nxt() % 16,
            'kind': KINDS[nxt() % len(KINDS)],
            'text': 'x' * (nxt() % 40),
            'waitedUs': (nxt() % 100000) / 7,
        })
    return out


def data():
    nxt = numbers(2).__next__
    return bytes(nxt() >> 24 for _ in range(HASH_BYTES))


def fnv1a(buf):
    h = 0x811C9DC5
    for b in buf:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def work(recs, buf):
    check = 0
    for _ in range(JSON_ROUNDS):
        text = json.dumps(recs)
        check = (check + len(text) + len(json.loads(text))) & 0xFFFFFFFF
    for _ in range(HASH_ROUNDS):
        check ^= fnv1a(buf)
    return check


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    recs, buf = records(), data()
    check = 0
    for _ in range(warmup):
        check = work(recs, buf)
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        check = work(recs, buf)
        samples.append((time.perf_counter() - start) * 1000)
    print(json.dumps({'samples': samples, 'check': check}))


main()
