"""multiprocessing.Process, brokered: Python starts the process (fork, spawn or forkserver, its own
semantics), then the parent tells the runner its pid (`proc.adopt`), and the child attaches to
the runner by that pid before its target runs. join and terminate go through the runner, so the
timeline shows them and the runner knows who waits for whom; is_alive, exitcode, name, daemon and
current_process stay Python's own."""
import os
import sys

from multiprocessing import process as _process

from . import runtime, streams

_original = {}


def _adopt(self, holds):
    if not runtime.connected():
        return
    fields = {'holds': holds} if holds else {}
    pool = getattr(self, '_cl_pool', None)
    if pool is not None:
        fields['pool'] = pool  # a worker of a brokered Pool (pools.py)
    reply = runtime.request(
        'proc.adopt',
        pid=self.pid,
        name=str(self.name)[:100],
        daemon=bool(self.daemon),
        identity=list(self._identity),
        **fields,
    )
    self._cl_index = reply['proc']


def start(self):
    pipes = sys.modules.get(f'{__package__}.pipes')
    if pipes is None:  # no Pipe made or received here: the child holds no end of one
        _original['start'](self)
        return _adopt(self, None)
    with pipes.held_by_child(self) as held:
        _original['start'](self)
    _adopt(self, held.holds)


def join(self, timeout=None):
    index = getattr(self, '_cl_index', None)
    if (index is None or self._popen is None or not runtime.connected()
            or runtime.stepped_after_finish()):
        return _original['join'](self, timeout)
    fields = {'target': index}
    if timeout is not None:
        fields['timeoutSec'] = max(0.0, float(timeout))
    try:
        reply = runtime.request('proc.join', **fields)
    except runtime.RunnerError as err:
        runtime.raise_as_python(err)
    # The runner saw it exit (or gave up after `timeout`): reap it as Python does.
    _original['join'](self, None if reply.get('exitCode') is not None else 0)


def native_join(process, timeout=None):
    """Python's own join, which the runner does not hear of (a Pool reaps its workers with it
    once the runner has said they exited)."""
    if process._popen is not None:
        _original['join'](process, timeout)


def terminate(self):
    index = getattr(self, '_cl_index', None)
    if index is not None and runtime.connected() and self._popen is not None:
        if runtime.stepped_after_finish():
            return _original['terminate'](self)
        runtime.request('proc.terminate', target=index)
    else:
        _original['terminate'](self)


def kill(self):
    index = getattr(self, '_cl_index', None)
    if runtime.stepped_after_finish():
        return _original['kill'](self)
    if index is not None and self._popen is not None and runtime.controlled():
        # The runner sends the SIGKILL, so that the child's end comes at a scheduling point.
        runtime.request('proc.terminate', target=index, signal='SIGKILL')
        return
    _original['kill'](self)  # SIGKILL, as Python sends; then the runner records who ended it
    if index is not None and runtime.connected():
        runtime.request('proc.terminate', target=index)


def report_error(err):
    """An `error` notice for an exception that ends lab code, naming the script's own line."""
    if not runtime.connected():
        return
    import traceback  # here: a process that ends well never loads it (it costs milliseconds)

    stack = ''.join(traceback.format_exception(type(err), err, err.__traceback__))
    fields = {'message': f'{type(err).__name__}: {err}'[:2000], 'stack': stack[-4000:]}
    here = os.path.dirname(os.path.abspath(__file__))
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        filename = os.path.abspath(frame.filename)
        if not filename.startswith(here) and not filename.startswith(sys.base_prefix):
            fields['file'] = filename
            fields['line'] = frame.lineno or 0
            break
    try:
        runtime.notice('error', **fields)
    except runtime.WireClosed:
        pass


def _bootstrap(self, parent_sentinel=None):
    import traceback

    runtime.attach_child()
    runtime.wait_ready()
    # multiprocessing prints an exception that ends the target with traceback.print_exc():
    # report it there too, without a frame of ours in the learner's traceback.
    print_exc = traceback.print_exc

    def print_and_report(*args, **kwargs):
        err = sys.exc_info()[1]
        if err is not None:
            report_error(err)
        return print_exc(*args, **kwargs)

    traceback.print_exc = print_and_report
    code = _original['_bootstrap'](self, parent_sentinel)
    streams.flush_all()
    if runtime.connected():
        try:
            runtime.request('proc.finish', code=code if isinstance(code, int) else 1)
        except runtime.WireClosed:
            pass
    return code


def install():
    base = _process.BaseProcess
    for name, patched in (('start', start), ('join', join), ('terminate', terminate),
                          ('kill', kill), ('_bootstrap', _bootstrap)):
        _original[name] = getattr(base, name)
        setattr(base, name, patched)
