"""Queue leases, the holder's side (docs/protocol.md, "Queue leases"): when this process is the
only one getting from a queue, the runner sends the queue's front items ahead of its calls, and
a get takes the next one here instead of making a round trip. Each take is claimed first in the
run's claims file, and the runner may revoke a lease at any moment without waiting for us: the
claim and its decision settle which items were taken, so a lease never changes what the script
observes. The runner hears of the takes from `queue.took` notices: takes in a row from one line
are told in one notice, sent before this process's next message, after REPORT_EVERY takes, or
within about a millisecond (a flusher thread), so the stamps stay close."""
import collections
import os
import struct
import threading

from . import runtime

CLAIMS_FILE = '.queue-lease-claims'
SLOT_BYTES = 8
CLAIMED_AT = 0
DECISION_AT = 4
REVOKING = 0xFFFFFFFF
_U32 = struct.Struct('<I')
REPORT_EVERY = 256
FLUSH_AFTER_SEC = 0.001


class _Local:
    __slots__ = ('gen', 'values', 'claimed', 'outstanding')

    def __init__(self):
        self.gen = 0
        self.values = collections.deque()
        #: Items of lease `gen` taken so far: by this process's gets, or given to its requests.
        self.claimed = 0
        #: get requests on this queue still waiting for the runner's answer.
        self.outstanding = 0


_locals = {}
_lock = threading.Lock()
_claims_fd = [None]
#: Takes not told yet: [ref, gen, site, n], or None.
_untold = [None]
#: Gets this process took from a lease (read by a test).
taken = 0
_flusher = [None]
_wake = threading.Event()


def _local(ref):
    local = _locals.get(ref)
    if local is None:
        local = _locals[ref] = _Local()
    return local


def _on_message(message):
    lease = message.get('lease') if isinstance(message, dict) else None
    if not isinstance(lease, dict):
        return
    init = runtime.state.init
    if init and init.get('controlled'):
        return  # a controlled runner never leases; a get must stay a scheduling point
    ref, gen, values = lease.get('ref'), lease.get('gen'), lease.get('values')
    if not isinstance(ref, str) or not isinstance(gen, int) or not isinstance(values, list):
        return
    with _lock:
        local = _local(ref)
        if local.gen != gen:
            # A new lease: the runner counts every earlier one as ended.
            local.gen, local.values, local.claimed = gen, collections.deque(values), 0
        else:
            local.values.extend(values)
        # Our pending get was answered with the next leased item: it is not taken here again.
        for _ in range(min(int(lease.get('skip') or 0), len(local.values))):
            local.values.popleft()
            local.claimed += 1


def _claims():
    if _claims_fd[0] is None:
        path = os.path.join(runtime.state.init['dir'], CLAIMS_FILE)
        _claims_fd[0] = os.open(path, os.O_RDWR)
    return _claims_fd[0]


def _read(at):
    data = os.pread(_claims(), 4, at)
    return _U32.unpack(data)[0] if len(data) == 4 else 0


def _claim(gen, count):
    """Claims item `count` of lease `gen`: True when it is this process's to take."""
    at = gen * SLOT_BYTES
    os.pwrite(_claims(), _U32.pack(count), at + CLAIMED_AT)
    decision = _read(at + DECISION_AT)
    if decision == 0:
        return True
    # Revoked, or being revoked: the runner's decision says whether our claim came in time.
    while decision == REVOKING:
        runtime._real_sleep(0.00005)
        decision = _read(at + DECISION_AT)
    return count <= decision - 1


def take(ref):
    """The next leased item of queue `ref`, claimed and reported, as a 1-tuple; None when
    there is none (the caller asks the runner)."""
    with _lock:
        local = _locals.get(ref)
        if local is None or local.outstanding > 0 or not local.values:
            return None
        if not _claim(local.gen, local.claimed + 1):
            local.values.clear()  # revoked: what is left here is the queue's again
            return None
        local.claimed += 1
        value = local.values.popleft()
        global taken
        taken += 1
        _told_later(ref, local.gen, runtime.call_site())
    return (value,)


def _told_later(ref, gen, site):
    """Counts a take in the notice being gathered (called holding _lock)."""
    untold = _untold[0]
    if untold is not None and untold[2] == site and untold[0] == ref and untold[1] == gen:
        untold[3] += 1
        if untold[3] >= REPORT_EVERY:
            _tell()
        return
    _tell()
    _untold[0] = [ref, gen, site, 1]
    if _flusher[0] is None:
        _flusher[0] = threading.Thread(target=_flush_soon, name='cl-lease', daemon=True)
        _flusher[0].start()
    _wake.set()


def _tell():
    """Sends the gathered takes (called holding _lock, so nothing overtakes them)."""
    untold, _untold[0] = _untold[0], None
    if untold is None:
        return
    ref, gen, site, n = untold
    fields = {'ref': ref, 'gen': gen, 'n': n}
    if site is not None:
        fields['site'] = site
    runtime.state.wire.notice('queue.took', **fields)


def flush():
    """Before any other message of this process: the takes it made come first."""
    if _untold[0] is not None:
        with _lock:
            _tell()


def _flush_soon():
    while True:
        _wake.wait()
        _wake.clear()
        runtime._real_sleep(FLUSH_AFTER_SEC)
        flush()


class asking:
    """Around a get request on `ref`: no lease item is taken while it is unanswered, so this
    process's gets finish in the order they began."""

    def __init__(self, ref):
        self._ref = ref

    def __enter__(self):
        with _lock:
            _local(self._ref).outstanding += 1

    def __exit__(self, *exc):
        with _lock:
            _local(self._ref).outstanding -= 1


def after_fork_in_child():
    """A forked child holds no lease (the parent's are the parent's)."""
    global _lock, _wake, taken
    taken = 0
    _locals.clear()
    _lock = threading.Lock()
    _claims_fd[0] = None
    _untold[0] = None
    _flusher[0] = None  # threads do not survive a fork
    _wake = threading.Event()


runtime.state.listeners.append(_on_message)
runtime.before_send.append(flush)
