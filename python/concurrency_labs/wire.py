"""The lab wire from Python: frames (a u32 little-endian length, a kind byte, a body), requests
with ids answered by the runner, notices, and a reader thread that hands each answer to the
thread waiting for it and answers the runner's probes at once."""
import json
import os
import struct
import threading

FRAME_JSON = 0x4A
FRAME_LOCKS = 0x4C
#: The ops of an `L` record (docs/protocol.md, "Frames"), and its bit for a site.
LOCK_ACQUIRE = 1
LOCK_RELEASE = 2
_WITH_SITE = 0x80
SHORT_REPLIES = {0x54: True, 0x4E: None, 0x46: False}
_LEN = struct.Struct('<I')
#: Largest frame the runner accepts from a lab process.
MAX_FRAME = 64 * 1024 * 1024


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
        self._state = threading.Condition()
        self._answers = {}
        self._next_id = 0
        self._closed = False
        #: How many threads are waiting in a request (a probe answers "busy" when none is).
        self.waiting = 0
        self._reader = threading.Thread(target=self._read_loop, name='cl-wire', daemon=True)
        self._reader.start()

    # --- sending ---
    def send(self, message):
        body = json.dumps(message, ensure_ascii=False, separators=(',', ':'), allow_nan=False)
        self._send_frame(FRAME_JSON, body.encode('utf-8'))

    def _send_frame(self, kind, data):
        frame = _LEN.pack(len(data) + 1) + bytes([kind]) + data
        with self._send_lock:
            view = memoryview(frame)
            while view:
                try:
                    n = os.write(self.fd, view)
                except OSError as err:
                    raise WireClosed(str(err)) from None
                view = view[n:]

    def notice(self, op, **fields):
        self.send(dict(id=0, op=op, **fields))

    def request(self, op, **fields):
        """Sends a request and waits for its answer: the value, or RunnerError."""
        return self._ask(lambda rid: self.send(dict(id=rid, op=op, **fields)))

    def lock_request(self, op, ref, site):
        """A lock.acquire (blocking, no timeout) or lock.release request as an `L` frame."""
        return self._ask(lambda rid: self._send_frame(FRAME_LOCKS, _lock_record(op, rid, ref, site)))

    def lock_notice(self, op, ref, site):
        self._send_frame(FRAME_LOCKS, _lock_record(op, 0, ref, site))

    def _ask(self, send):
        with self._state:
            self._next_id = self._next_id % 0xFFFFFFF0 + 1
            rid = self._next_id
            self._answers[rid] = None
            self.waiting += 1
        try:
            send(rid)
            with self._state:
                while self._answers.get(rid) is None and not self._closed:
                    self._state.wait()
                answer = self._answers.pop(rid, None)
        finally:
            with self._state:
                self.waiting -= 1
        if answer is None:
            raise WireClosed('the runner is gone')
        ok, value = answer
        if ok:
            return value
        raise RunnerError(value.get('name', 'Error'), value.get('message', ''))

    # --- reading ---
    def _read_exact(self, n):
        chunks = []
        while n > 0:
            try:
                chunk = os.read(self.fd, min(n, 1 << 20))
            except InterruptedError:
                continue
            except OSError:
                chunk = b''
            if not chunk:
                raise WireClosed('end of the wire')
            chunks.append(chunk)
            n -= len(chunk)
        return b''.join(chunks)

    def _read_loop(self):
        try:
            while True:
                (n,) = _LEN.unpack(self._read_exact(4))
                frame = self._read_exact(n)
                kind = frame[0]
                if kind in SHORT_REPLIES:
                    (rid,) = _LEN.unpack_from(frame, 1)
                    self._answer(rid, True, SHORT_REPLIES[kind])
                elif kind == FRAME_JSON:
                    self._take(json.loads(frame[1:].decode('utf-8')))
        except WireClosed:
            pass
        finally:
            with self._state:
                self._closed = True
                self._state.notify_all()
            # The protocol: when the wire closes the runner is gone, so the process ends at once.
            os._exit(70)

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
            if rid in self._answers:
                self._answers[rid] = (ok, value)
                self._state.notify_all()
                return
        if rid == 0 and not ok:
            # A notice the runner refused: said where the learner sees it, like an uncaught error.
            self._on_message({'refused': value})
