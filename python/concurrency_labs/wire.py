"""The lab wire from Python: frames (a u32 little-endian length, a kind byte, a body), requests
with ids answered by the runner, notices, and a reader thread that hands each answer to the
thread waiting for it and answers the runner's probes at once.

Every write wakes the runner, and waking it is most of what a message costs: notices that nobody
waits for (an unbounded queue's puts) may be held back and leave together with the next message,
after HELD_MAX of them, or within about a millisecond (a flusher thread), in the order sent."""
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
_real_sleep = time.sleep  # the runtime brokers time.sleep later


def _lock_record(op, rid, ref, site):
    data = ref.encode('ascii')
    head = bytes([op | (_WITH_SITE if site is not None else 0)]) + _LEN.pack(rid)
    return head + bytes([len(data)]) + data + (_LEN.pack(site) if site is not None else b'')


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
        #: Frames of held-back notices, not written yet (under _send_lock).
        self._held = []
        self._flusher = None
        self._wake = threading.Event()
        #: How many threads are waiting in a request (a probe answers "busy" when none is).
        self.waiting = 0
        self._reader = threading.Thread(target=self._read_loop, name='cl-wire', daemon=True)
        self._reader.start()

    # --- sending ---
    def send(self, message):
        self._send_frame(FRAME_JSON, _json_bytes(message))

    def _send_frame(self, kind, data):
        frame = _HEAD.pack(len(data) + 1, kind) + data
        with self._send_lock:
            if self._held:
                self._held.append(frame)
                frame = b''.join(self._held)
                self._held.clear()
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
        data = _json_bytes(dict(id=0, op=op, **fields))
        frame = _HEAD.pack(len(data) + 1, FRAME_JSON) + data
        with self._send_lock:
            self._held.append(frame)
            if len(self._held) >= HELD_MAX:
                frame = b''.join(self._held)
                self._held.clear()
                self._write(frame)
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
                frame = b''.join(self._held)
                self._held.clear()
                self._write(frame)

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
        return self._ask(lambda rid: self._send_frame(FRAME_LOCKS, _lock_record(op, rid, ref, site)))

    def lock_notice(self, op, ref, site):
        self._send_frame(FRAME_LOCKS, _lock_record(op, 0, ref, site))

    def _ask(self, send):
        # A bare lock per request, released by the reader thread with the answer: cheaper than a
        # Condition shared by all, which every answer would wake.
        waiter = _thread.allocate_lock()
        waiter.acquire()
        with self._state:
            self._next_id = self._next_id % 0xFFFFFFF0 + 1
            rid = self._next_id
            if not self._closed:
                self._waiters[rid] = waiter
            self.waiting += 1
        try:
            if rid in self._waiters:
                send(rid)
                waiter.acquire()
        finally:
            with self._state:
                self.waiting -= 1
                self._waiters.pop(rid, None)
                answer = self._answers.pop(rid, None)
        if answer is None:
            raise WireClosed('the runner is gone')
        ok, value = answer
        if ok:
            return value
        raise RunnerError(value.get('name', 'Error'), value.get('message', ''))

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

    def _read_loop(self):
        try:
            data = b''
            while True:
                # One read takes every frame already there (the runner often sends several).
                data = data + self._read(_READ_SIZE) if data else self._read(_READ_SIZE)
                at, end = 0, len(data)
                while end - at >= 4:
                    (n,) = _LEN.unpack_from(data, at)
                    if end - at - 4 < n:
                        if n > _READ_SIZE:  # a large frame: read the rest of it at once
                            data = data[at:] + self._read_rest(4 + n - (end - at))
                            at, end = 0, len(data)
                            continue
                        break
                    self._frame(data, at + 4, at + 4 + n)
                    at += 4 + n
                data = data[at:]
        except WireClosed:
            pass
        finally:
            with self._state:
                self._closed = True
                for waiter in self._waiters.values():
                    waiter.release()
                self._waiters.clear()
            # The protocol: when the wire closes the runner is gone, so the process ends at once.
            os._exit(70)

    def _read_rest(self, n):
        chunks = []
        while n > 0:
            chunk = self._read(min(n, 1 << 20))
            chunks.append(chunk)
            n -= len(chunk)
        return b''.join(chunks)

    def _frame(self, data, start, end):
        kind = data[start]
        if kind in SHORT_REPLIES:
            (rid,) = _LEN.unpack_from(data, start + 1)
            self._answer(rid, True, SHORT_REPLIES[kind])
        elif kind == FRAME_JSON:
            self._take(json.loads(data[start + 1 : end].decode('utf-8')))

    def _take(self, message):
        if isinstance(message, dict) and 'id' in message and 'ok' in message:
            rid = message['id']
            if message['ok']:
                return self._answer(rid, True, message.get('value'))
            return self._answer(rid, False, message.get('err') or {})
        if isinstance(message, dict) and 'probe' in message:
            busy = self.waiting == 0
            return self.send({'loop': {'probe': message['probe'], 'busy': busy}})
        self._on_message(message)

    def _answer(self, rid, ok, value):
        with self._state:
            waiter = self._waiters.pop(rid, None)
            if waiter is not None:
                self._answers[rid] = (ok, value)
                waiter.release()
                return
        if rid == 0 and not ok:
            # A notice the runner refused: said where the learner sees it, like an uncaught error.
            self._on_message({'refused': value})


#: One encoder for every message (json.dumps would build one per call).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(',', ':'), allow_nan=False).encode


def _json_bytes(message):
    return _encode(message).encode('utf-8')
