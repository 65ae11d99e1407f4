"""Bench floor: a round trip of one small frame between two Python processes over a Unix
socketpair, the least a brokered lock's acquire costs (its release is one frame more, one way).
Measured twice: read in the calling thread ("direct"), and read by a reader thread that wakes
the caller, as the runtime's wire reads its answers ("thread").
    python3 socket_rtt.py ROUNDS [WARMUP]  ->  {"directUs": ..., "threadUs": ...}
"""
import _thread
import json
import os
import socket
import sys
import threading
import time

FRAME = b'\x09\x00\x00\x00\x4c\x01\x07\x00\x00\x00\x02\x4c\x31'


def echo(sock):
    while True:
        data = sock.recv(64)
        if not data:
            return
        sock.sendall(data)


def direct(sock, rounds):
    start = time.perf_counter()
    for _ in range(rounds):
        sock.sendall(FRAME)
        sock.recv(64)
    return (time.perf_counter() - start) * 1e6 / rounds


def threaded(sock, rounds):
    waiting = []

    def reader():
        while sock.recv(64):
            waiting.pop().release()

    threading.Thread(target=reader, daemon=True).start()
    start = time.perf_counter()
    for _ in range(rounds):
        waiter = _thread.allocate_lock()
        waiter.acquire()
        waiting.append(waiter)
        sock.sendall(FRAME)
        waiter.acquire()
    return (time.perf_counter() - start) * 1e6 / rounds


def main():
    rounds = int(sys.argv[1])
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    ours, theirs = socket.socketpair()
    if os.fork() == 0:
        ours.close()
        echo(theirs)
        os._exit(0)
    theirs.close()
    direct(ours, warmup)
    result = {'directUs': direct(ours, rounds)}
    result['threadUs'] = threaded(ours, rounds)
    ours.shutdown(socket.SHUT_RDWR)  # ends the echo (a close would not wake the reader's recv)
    os.wait()
    print(json.dumps(result))


if __name__ == '__main__':
    main()
