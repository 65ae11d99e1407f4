"""sys.stdout and sys.stderr of a lab process: each whole line is a `log` notice of the process
that wrote it (its own lane on the timeline), instead of text on a pipe shared by every process
of the script. Where no wire is open (a process the script forked itself) the text goes to the
real stream as usual."""
import io
import sys
import threading

from . import runtime

#: The longest line the runner keeps; a longer one is sent in pieces.
MAX_LINE = 2000


class LogStream(io.TextIOBase):
    def __init__(self, real, name):
        super().__init__()
        self._real = real
        self._name = name
        self._partial = ''
        self._lock = threading.RLock()

    # What code asks of a text stream.
    @property
    def encoding(self):
        return 'utf-8'

    @property
    def errors(self):
        return 'strict'

    @property
    def name(self):
        return self._name

    @property
    def buffer(self):
        return self._real.buffer

    def fileno(self):
        return self._real.fileno()

    def isatty(self):
        return False

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        if not runtime.connected():
            return self._real.write(text)
        with self._lock:
            lines = (self._partial + text).split('\n')
            self._partial = lines.pop()
            if len(self._partial) > MAX_LINE:
                lines.append(self._partial)
                self._partial = ''
        for line in lines:
            self._send(line)
        return len(text)

    def flush(self):
        with self._lock:
            rest, self._partial = self._partial, ''
        if rest:
            self._send(rest)
        if not runtime.connected():
            self._real.flush()

    def _send(self, line):
        try:
            runtime.notice('log', text=line[:MAX_LINE])
        except runtime.WireClosed:
            pass

    def drop_partial(self):
        self._partial = ''


def install():
    sys.stdout = LogStream(sys.__stdout__, '<stdout>')
    sys.stderr = LogStream(sys.__stderr__, '<stderr>')


def after_fork_in_child():
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, LogStream):
            stream._lock = threading.RLock()


def flush_all():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a stream the script replaced may be closed
            pass
