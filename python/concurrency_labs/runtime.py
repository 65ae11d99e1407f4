"""This process's place in the run: its wire, its index and its init (docs/protocol.md, "The life
of a lab process"). The main process was started by the runner with the wire on a descriptor;
every other process of the script (started by multiprocessing: fork, spawn or forkserver)
connects to the runner's socket and attaches by its pid."""
import os
import random
import socket
import sys
import threading
import time

from .wire import Wire, WireClosed, RunnerError

ENV_WIRE = 'CONCURRENCY_LABS_PY_WIRE'
ENV_SOCKET = 'CONCURRENCY_LABS_PY_SOCKET'
ENV_FILES = 'CONCURRENCY_LABS_PY_FILES'

_real_sleep = time.sleep


class _State:
    wire = None
    init = None
    index = None
    counter = 0
    #: Set by the first init: later ones (a lab process gets one) are ignored.
    ready = None
    listeners = []


state = _State()
state.ready = threading.Event()


def _on_message(message):
    if isinstance(message, dict) and 'init' in message and not state.ready.is_set():
        init = message['init']
        state.init = init
        state.index = init['proc']
        # Each process its own stream from the run's seed (a script that seeds random itself wins).
        random.seed(f"{init['seed']}:{init['proc']}")
        state.ready.set()
        return
    for listener in state.listeners:
        listener(message)


def connected():
    return state.wire is not None


def start_main(fd):
    """The main process: the runner sends prepare, then init after our ready."""
    state.wire = Wire(fd, _on_message)
    state.wire.send({'ready': True})
    state.ready.wait()


def attach_child():
    """A process started by multiprocessing: connect to the runner and wait for its init."""
    if state.wire is not None:
        return
    path = os.environ.get(ENV_SOCKET)
    if not path:
        return
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    state.wire = Wire(sock.detach(), _on_message)
    state.wire.send({'attach': {'pid': os.getpid()}})


def wait_ready():
    if state.wire is not None:
        state.ready.wait()


def after_fork_in_child():
    """A forked child holds a copy of its parent's wire: close it (the parent's stays open)."""
    wire = state.wire
    if wire is not None:
        try:
            os.close(wire.fd)
        except OSError:
            pass
    state.wire = None
    state.init = None
    state.index = None
    state.counter = 0
    state.ready = threading.Event()


def new_ref():
    """A ref unique in the run: this process's index and a counter."""
    wait_ready()
    state.counter += 1
    return f'{state.index}:{state.counter}'


def request(op, **fields):
    wait_ready()
    return state.wire.request(op, **fields)


def notice(op, **fields):
    wait_ready()
    state.wire.notice(op, **fields)


def speed():
    return state.init['speed'] if state.init else 1


def raise_as_python(err):
    """Raises the Python exception a runner reject names."""
    import queue

    kinds = {
        'Empty': queue.Empty,
        'Full': queue.Full,
        'ValueError': ValueError,
        'AssertionError': AssertionError,
        'TypeError': TypeError,
    }
    raise kinds.get(err.name, RuntimeError)(str(err)) from None


__all__ = ['state', 'WireClosed', 'RunnerError', '_real_sleep']
