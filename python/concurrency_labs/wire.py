"""The lab wire from Python: frames (a u32 little-endian length, a kind byte, a body), requests
with ids answered by the runner, notices, and a reader thread that hands each answer to the
thread waiting for it and answers the runner's probes at once.

A thread that asks while nobody is reading reads the wire itself until its answer is in (and
hands on whatever else comes meanwhile): an answer through the reader thread costs two thread
hand-offs (the reader wakes, then wakes the asker), most of a lock's round trip. After handing
an answer to a waiting thread, which will likely ask again soon, the reader steps aside for
PARK_SEC, or until a thread waits that nobody reads for.

Every write wakes the runner, and waking it is most of what a message costs: notices that nobody
waits for (an unbounded queue's puts) may be held back and leave together with the next message,
after HELD_MAX of them, or within about a millisecond (a flusher thread), in the order sent, as
one frame holding their array."""
import _thread
import json
import os
import struct
import threading
import time

FRAME_JSON = 0x4A
FRAME_LOCKS = 0x4C
#: The ops of an `L` record (docs/protocol.md, "Frames"), and its bit for a site.
LOCK_ACQUIRE = 1
LOCK_RELEASE = 2
_WITH_SITE = 0x80
SHORT_REPLIES = {0x54: True, 0x4E: None, 0x46: False}
_LEN = struct.Struct('<I')
_HEAD = struct.Struct('<IB')
#: Largest frame the runner accepts from a lab process.
MAX_FRAME = 64 * 1024 * 1024
#: Held-back notices leave after this many, or after HELD_FOR_SEC.
HELD_MAX = 128
HELD_FOR_SEC = 0.001
_READ_SIZE = 64 * 1024
#: How long the reader thread steps aside after handing an answer to a waiting thread; after
#: DOZE_AFTER such waits that found an asker reading, it waits up to DOZE_SEC, until woken.
PARK_SEC = 0.002
DOZE_AFTER = 3
DOZE_SEC = 1.0
_real_sleep = time.sleep  # the runtime brokers time.sleep later
#: Whether the main thread may read the wire itself. A signal handler of the script runs in the
#: main thread and may raise between a read and what it read being kept, so once the script
#: installs one (watch_signal_handlers), the main thread's answers come through the reader.
_main_reads = [True]


#: (op, ref, site) -> the bytes of an `L` frame before its id and after it: a loop's lock calls
#: send the same record again and again.
_lock_parts = {}


def _lock_frame(op, rid, ref, site):
    parts = _lock_parts.get((op, ref, site))
    if parts is None:
        data = ref.encode('ascii')
        tail = bytes([len(data)]) + data + (_LEN.pack(site) if site is not None else b'')
        head = _HEAD.pack(6 + len(tail), FRAME_LOCKS)
        head += bytes([op | (_WITH_SITE if site is not None else 0)])
        if len(_lock_parts) < 4096:
            _lock_parts[(op, ref, site)] = parts = (head, tail)
        else:
            parts = (head, tail)
    return parts[0] + _LEN.pack(rid) + parts[1]


def watch_signal_handlers():
    """While the script has a signal handler of its own installed, the main thread leaves reading
    to the reader thread (see _main_reads)."""
    import signal

    real = signal.signal
    custom = set()

    def installing(signum, handler):
        previous = real(signum, handler)
        if callable(handler) and handler is not signal.default_int_handler:
            custom.add(signum)
        else:
            custom.discard(signum)
        _main_reads[0] = not custom
        return previous

    installing.__doc__ = real.__doc__
    signal.signal = installing


class WireClosed(Exception):
    """The runner is gone (stopped or crashed)."""


class RunnerError(Exception):
    """A reject from the runner: `name` is the Python exception it stands for."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


class Wire:
    """One process's wire to the runner over the file descriptor `fd`."""

    def __init__(self, fd, on_message):
        self.fd = fd
        self._on_message = on_message
        self._send_lock = threading.Lock()
        self._state = threading.Lock()
        #: Request id -> the lock its thread waits on (released when the answer is in _answers).
        self._waiters = {}
        self._answers = {}
        self._next_id = 0
        self._closed = False
        #: The JSON of held-back notices, not written yet (under _send_lock).
        self._held = []
        self._flusher = None
        self._wake = threading.Event()
        #: How many threads are waiting in a request (a probe answers "busy" when none is).
        self.waiting = 0
        #: Held by the one thread that may read the wire now: the reader, or an asker.
        self._role = _thread.allocate_lock()
        #: Requests whose threads wait for the reader to hand them their answer (under _state).
        self._handed = set()
        #: Wakes the reader thread where it stepped aside; _dozing: it waits until woken.
        self._resume = threading.Event()
        self._dozing = False
        #: Bytes read and not handed on yet: the start of a frame (under _role).
        self._rest = b''
        self._main = threading.main_thread().ident
        self._reader = threading.Thread(target=self._read_loop, name='cl-wire', daemon=True)
        self._reader.start()

    # --- sending ---
    def send(self, message):
        self._send_frame(FRAME_JSON, _json_bytes(message))

    def _send_frame(self, kind, data):
        self._send_bytes(_HEAD.pack(len(data) + 1, kind) + data)

    def _send_bytes(self, frame):
        with self._send_lock:
            if self._held:
                frame = self._held_frame() + frame
            self._write(frame)

    def _write(self, frame):
        """Writes all of `frame` (called holding _send_lock)."""
        try:
            n = os.write(self.fd, frame)
            if n < len(frame):
                view = memoryview(frame)[n:]
                while view:
                    view = view[os.write(self.fd, view):]
        except OSError as err:
            raise WireClosed(str(err)) from None

    def notice(self, op, **fields):
        self.send(dict(id=0, op=op, **fields))

    def notice_held(self, op, **fields):
        """A notice that may leave with the next message (see the module's doc)."""
        self._hold(_json_bytes(dict(id=0, op=op, **fields)))

    def notice_held_value(self, head, value):
        """notice_held of a message whose JSON is `head` (every field but `value`, ending in
        `"value":`) and then `value`: a queue's puts differ only in their value."""
        self._hold(head + _encode(value).encode('utf-8') + b'}')

    def _held_frame(self):
        """One frame for the held notices (an array of them: the runner parses it at once), which
        are then no longer held (called holding _send_lock)."""
        held = self._held
        data = held[0] if len(held) == 1 else b'[' + b','.join(held) + b']'
        held.clear()
        return _HEAD.pack(len(data) + 1, FRAME_JSON) + data

    def _hold(self, data):
        with self._send_lock:
            self._held.append(data)
            if len(self._held) >= HELD_MAX:
                self._write(self._held_frame())
                return
            if len(self._held) > 1:
                return
            if self._flusher is None:
                self._flusher = threading.Thread(target=self._flush_soon, name='cl-held', daemon=True)
                self._flusher.start()
        self._wake.set()

    def flush(self):
        """Writes the held-back notices now."""
        with self._send_lock:
            if self._held:
                self._write(self._held_frame())

    def _flush_soon(self):
        while True:
            self._wake.wait()
            self._wake.clear()
            _real_sleep(HELD_FOR_SEC)
            try:
                self.flush()
            except WireClosed:
                return

    def request(self, op, **fields):
        """Sends a request and waits for its answer: the value, or RunnerError."""
        return self._ask(lambda rid: self.send(dict(id=rid, op=op, **fields)))

    def lock_request(self, op, ref, site):
        """A lock.acquire (blocking, no timeout) or lock.release request as an `L` frame."""
        return self._ask(lambda rid: self._send_bytes(_lock_frame(op, rid, ref, site)))

    def lock_notice(self, op, ref, site):
        self._send_bytes(_lock_frame(op, 0, ref, site))

    def _ask(self, send):
        # A bare lock per request, released with the answer: cheaper than a Condition shared by
        # all, which every answer would wake.
        waiter = _thread.allocate_lock()
        waiter.acquire()
        with self._state:
            self._next_id = self._next_id % 0xFFFFFFF0 + 1
            rid = self._next_id
            if not self._closed:
                self._waiters[rid] = waiter
            self.waiting += 1
        read = False
        try:
            if rid in self._waiters:
                send(rid)
                read = self._may_read() and self._role.acquire(False)
                if read:
                    self._read_until(waiter)
                else:
                    self._wait_handed(rid, waiter)
        finally:
            with self._state:
                self.waiting -= 1
                self._waiters.pop(rid, None)
                self._handed.discard(rid)
                answer = self._answers.pop(rid, None)
                # Nobody reads now: the reader takes over if others wait, or if it dozes.
                wake = read and (bool(self._handed) or self._dozing)
            if wake:
                self._resume.set()
        if answer is None:
            raise WireClosed('the runner is gone')
        ok, value = answer
        if ok:
            return value
        raise RunnerError(value.get('name', 'Error'), value.get('message', ''))

    def _may_read(self):
        return _main_reads[0] or _thread.get_ident() != self._main

    def _read_until(self, waiter):
        """Reads the wire in this thread until `waiter` is released (called holding _role)."""
        try:
            while waiter.locked():
                self._read_some()
        except WireClosed:
            self._lost()
        finally:
            self._role.release()

    def _wait_handed(self, rid, waiter):
        """Waits for the reader thread (or an asker that reads) to hand over the answer."""
        with self._state:
            if rid in self._waiters:
                self._handed.add(rid)
        # Added before looking: a reader that steps aside after this sees it (see _read_loop).
        if not self._role.locked():
            self._resume.set()
        waiter.acquire()

    # --- reading ---
    def _read(self, n):
        while True:
            try:
                chunk = os.read(self.fd, n)
            except InterruptedError:
                continue
            except OSError:
                chunk = b''
            if not chunk:
                raise WireClosed('end of the wire')
            return chunk

    def _read_rest(self, n):
        chunks = []
        while n > 0:
            chunk = self._read(min(n, 1 << 20))
            chunks.append(chunk)
            n -= len(chunk)
        return b''.join(chunks)

    def _read_some(self):
        """One read (it waits for data), then every whole frame in what has come is handed on,
        in order. The caller holds _role. Returns whether an answer went to a thread."""
        rest = self._rest
        need = _LEN.unpack_from(rest)[0] + 4 - len(rest) if len(rest) >= 4 else 0
        # A large frame's rest is read at once (joined once, not grown read by read).
        data = self._read_rest(need) if need > _READ_SIZE else self._read(_READ_SIZE)
        if rest:
            data = rest + data
        at, end, frames = 0, len(data), []
        while end - at >= 4:
            (n,) = _LEN.unpack_from(data, at)
            if end - at - 4 < n:
                break
            frames.append((at + 4, at + 4 + n))
            at += 4 + n
        # Kept before any frame is handed on: what it hands on may raise.
        self._rest = data[at:] if at < end else b''
        handed = False
        for start, stop in frames:
            handed = self._frame(data, start, stop) or handed
        return handed

    def _read_loop(self):
        try:
            asker_reads = 0
            while True:
                if not self._role.acquire(False):
                    # An asker reads. One that goes on asking keeps the wire: after a few looks,
                    # the reader waits until an asker lets go of it (a blocked one may for long).
                    asker_reads += 1
                    self._step_aside(asker_reads >= DOZE_AFTER)
                    continue
                asker_reads = 0
                try:
                    handed = self._read_some()
                finally:
                    self._role.release()
                # Not with part of a frame in: the rest of it is on its way.
                if handed and not self._rest:
                    with self._state:
                        unread = bool(self._handed)
                    if not unread:
                        self._step_aside(False)
        except WireClosed:
            pass
        finally:
            self._lost()

    def _step_aside(self, doze):
        if doze:
            self._dozing = True
            # Set before looking: an asker that lets go after this wakes us (see _ask).
            if not self._role.locked():
                self._dozing = False
                return
        self._resume.wait(DOZE_SEC if doze else PARK_SEC)
        self._resume.clear()
        self._dozing = False

    def _lost(self):
        with self._state:
            self._closed = True
            for waiter in self._waiters.values():
                if waiter.locked():
                    waiter.release()
            self._waiters.clear()
        # The protocol: when the wire closes the runner is gone, so the process ends at once.
        os._exit(70)

    def _frame(self, data, start, end):
        kind = data[start]
        if kind in SHORT_REPLIES:
            (rid,) = _LEN.unpack_from(data, start + 1)
            return self._answer(rid, True, SHORT_REPLIES[kind])
        if kind == FRAME_JSON:
            return self._take(json.loads(data[start + 1 : end].decode('utf-8')))
        return False

    def _take(self, message):
        if isinstance(message, dict) and 'id' in message and 'ok' in message:
            rid = message['id']
            if message['ok']:
                return self._answer(rid, True, message.get('value'))
            return self._answer(rid, False, message.get('err') or {})
        if isinstance(message, dict) and 'probe' in message:
            busy = self.waiting == 0
            self.send({'loop': {'probe': message['probe'], 'busy': busy}})
            return False
        self._on_message(message)
        return False

    def _answer(self, rid, ok, value):
        """Hands an answer to the thread that asked. Returns whether one was waiting for it."""
        with self._state:
            waiter = self._waiters.pop(rid, None)
            if waiter is not None:
                self._answers[rid] = (ok, value)
                waiter.release()
                self._handed.discard(rid)
                return True
        if rid == 0 and not ok:
            # A notice the runner refused: said where the learner sees it, like an uncaught error.
            self._on_message({'refused': value})
        return False


#: One encoder for every message (json.dumps would build one per call).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(',', ':'), allow_nan=False).encode


def _json_bytes(message):
    return _encode(message).encode('utf-8')
