"""The loop of a brokered Pool's worker (CPython's multiprocessing.pool.worker): run the pool's
initializer once, then ask the runner for a task (`pool.next`), run it, report it
(`pool.done`), until the answer is null. The runner counts the tasks for maxtasksperchild."""
from . import runtime, values


def _error(err, traceback, futures=False):
    """A task's error: its name and message for the timeline, and the exception itself, pickled
    with its traceback as CPython's worker sends it (multiprocessing.pool's ExceptionWithTraceback,
    or concurrent.futures.process's for an executor's worker)."""
    from multiprocessing.pool import ExceptionWithTraceback, MaybeEncodingError

    if futures:
        from concurrent.futures.process import _ExceptionWithTraceback as ExceptionWithTraceback
    fields = {'name': type(err).__name__, 'message': str(err)[:2000]}
    try:
        fields['value'] = values.encode(ExceptionWithTraceback(err, traceback))
    except Exception as unpicklable:  # noqa: BLE001 - as CPython wraps what it cannot send
        fields['value'] = values.encode(MaybeEncodingError(unpicklable, err))
    return fields


def _run(fn, calls):
    results = [fn(*[values.decode(a) for a in args]) for args in calls]
    try:
        return {'ok': True, 'value': [values.encode(r) for r in results]}
    except Exception as err:  # noqa: BLE001 - a result that cannot be pickled
        from multiprocessing.pool import MaybeEncodingError

        wrapped = MaybeEncodingError(err, results[0] if len(results) == 1 else results)
        return {'ok': False, 'error': _error(wrapped, None)}


def run(ref, initializer=None, initargs=(), futures=False):
    if initializer is not None:
        initializer(*initargs)
    job, fn = None, None
    while True:
        task = runtime.request('pool.next', ref=ref)
        if task is None:
            return
        try:
            if task['job'] != job:
                job, fn = task['job'], values.decode(task['callable'])
            outcome = _run(fn, task['calls'])
        except Exception as err:  # noqa: BLE001 - CPython's worker sends any task's error
            job = None
            outcome = {'ok': False, 'error': _error(err, err.__traceback__, futures)}
        runtime.notice('pool.done', ref=ref, job=task['job'], task=task['task'], **outcome)
