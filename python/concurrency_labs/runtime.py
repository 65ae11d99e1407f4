"""This process's place in the run: its wire, its index and its init (docs/protocol.md, "The life
of a lab process"). The main process was started by the runner with the wire on a descriptor;
every other process of the script (started by multiprocessing: fork, spawn or forkserver)
connects to the runner's socket and attaches by its pid."""
import errno
import os
import random
import socket
import sys
import threading
import time

from .wire import Wire, WireClosed, RunnerError, _encode

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
    #: The runner answered this process's proc.finish: its children are over or being ended.
    finished = False


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
    # is_set first: Event.wait takes a Condition's lock even when the event is set.
    if state.wire is not None and not state.ready.is_set():
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
    state.finished = False
    state.ready = threading.Event()
    global _sites_lock
    _sites.clear()  # a new process: its sites are announced anew
    _by_instruction.clear()
    _sites_lock = threading.Lock()


def new_ref():
    """A ref unique in the run: this process's index and a counter."""
    wait_ready()
    state.counter += 1
    return f'{state.index}:{state.counter}'


# Call sites (docs/protocol.md, `site`): the line of the script that made a call. Frames of this
# runtime and of the standard library (multiprocessing, json, …) are passed over.
_WITHOUT_SITE = frozenset(('site', 'hello', 'error', 'proc.finish'))
# The standard library's folder is os's (sysconfig says the same, and costs a millisecond to load).
_SKIPPED = (os.path.dirname(os.path.abspath(__file__)), os.path.dirname(os.__file__), '<')
_SITES_ON = os.environ.get('CONCURRENCY_LABS_SITES') != '0'
_sites = {}
_by_instruction = {}
_sites_lock = threading.Lock()


def call_site():
    """This process's number for the script line calling the runtime now, or None."""
    if not _SITES_ON or state.wire is None:
        return None
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_SKIPPED):
        frame = frame.f_back
    if frame is None:
        return None
    # A loop calls from the same instruction again and again: found without looking it up anew.
    known = _by_instruction.get((frame.f_code, frame.f_lasti))
    if known is not None:
        return known
    site = _new_site(frame)
    _by_instruction[(frame.f_code, frame.f_lasti)] = site
    return site


def _new_site(frame):
    path = os.path.abspath(frame.f_code.co_filename)
    line, col = frame.f_lineno or 1, 1
    try:
        position = list(frame.f_code.co_positions())[frame.f_lasti // 2]
        if position[2] is not None:
            col = position[2] + 1
    except (AttributeError, IndexError):
        pass  # before Python 3.11: the line only
    key = (path, line, col)
    with _sites_lock:
        site = _sites.get(key)
        if site is not None:
            return site
        site = len(_sites) + 1
        _sites[key] = site
    fields = {'site': site, 'file': path, 'line': line, 'col': col}
    name = frame.f_code.co_name
    if name and not name.startswith('<'):
        fields['fn'] = name
    wait_ready()
    state.wire.notice('site', **fields)
    return site


def _with_site(op, fields):
    if op not in _WITHOUT_SITE and 'site' not in fields:
        site = call_site()
        if site is not None:
            fields['site'] = site
    elif fields.get('site', 0) is None:
        del fields['site']
    return fields


#: Called before each message this runtime sends, so that what a module holds back (the reports
#: of leased takes) goes out first and every message keeps its place.
before_send = []


def request(op, **fields):
    wait_ready()
    fields = _with_site(op, fields)
    for hook in before_send:
        hook()
    return state.wire.request(op, **fields)


def lock_request(op, ref):
    """A blocking lock.acquire or a lock.release as a binary record (docs/protocol.md)."""
    wait_ready()
    site = call_site()
    for hook in before_send:
        hook()
    return state.wire.lock_request(op, ref, site)


def lock_notice(op, ref):
    wait_ready()
    site = call_site()
    for hook in before_send:
        hook()
    state.wire.lock_notice(op, ref, site)


def notice(op, **fields):
    wait_ready()
    fields = _with_site(op, fields)
    for hook in before_send:
        hook()
    state.wire.notice(op, **fields)


def notice_held(op, **fields):
    """A notice nobody waits for, which may leave with the next message (wire.py)."""
    wait_ready()
    fields = _with_site(op, fields)
    for hook in before_send:
        hook()
    state.wire.notice_held(op, **fields)


#: (op, ref, site) -> the JSON of a held notice up to its value (see notice_held_value).
_held_heads = {}


def notice_held_value(op, ref, value):
    """notice_held(op, ref=ref, value=value, block=True), its JSON but the value made once per
    object and call site."""
    wait_ready()
    site = call_site()
    head = _held_heads.get((op, ref, site))
    if head is None:
        fields = {'id': 0, 'op': op, 'ref': ref, 'block': True}
        if site is not None:
            fields['site'] = site
        head = _encode(fields)[:-1].encode('utf-8') + b',"value":'
        if len(_held_heads) < 4096:
            _held_heads[(op, ref, site)] = head
    for hook in before_send:
        hook()
    state.wire.notice_held_value(head, value)


def speed():
    return state.init['speed'] if state.init else 1


def stepped_after_finish():
    """After proc.finish under a controlled schedule: what multiprocessing's own exit handler then
    does to the children (join, terminate) is not asked of the runner, which has ended them
    already; asking would add steps that depend on when the OS reaped them."""
    return state.finished and controlled()


def controlled():
    """Whether a controlled schedule runs this process (`init.controlled`): then every
    synchronizing operation is a request that waits for the runner's decision, and nothing that
    could be one goes as a notice."""
    init = state.init
    if init is None:
        wait_ready()
        init = state.init
    return bool(init and init.get('controlled'))


def raise_as_python(err):
    """Raises the Python exception a runner reject names."""
    import queue
    import threading

    kinds = {
        'BrokenBarrierError': threading.BrokenBarrierError,
        'Empty': queue.Empty,
        'Full': queue.Full,
        'ValueError': ValueError,
        'AssertionError': AssertionError,
        'TypeError': TypeError,
        'IndexError': IndexError,
        'EOFError': EOFError,
        'OSError': OSError,
    }
    if err.name == 'BrokenPipeError':
        # With its errno, as the operating system's broken pipe is raised.
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)) from None
    raise kinds.get(err.name, RuntimeError)(str(err)) from None


__all__ = ['state', 'WireClosed', 'RunnerError', '_real_sleep']
