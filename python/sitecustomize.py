"""Loads the Concurrency Labs runtime into every Python process of a run (the runner puts this
folder first on PYTHONPATH), then the sitecustomize this one hides, if the interpreter has one."""
import os
import sys

if os.environ.get('CONCURRENCY_LABS_PY_SOCKET'):
    if sys.version_info < (3, 9):
        # Too old for the runtime (MIN_PYTHON in src/runner/pythonRun.ts): stop before the script
        # runs unbrokered. The runner, not told `ready`, checks the interpreter and says why.
        os._exit(3)
    from concurrency_labs import boot

    boot.install()


def _chain():
    here = os.path.dirname(os.path.abspath(__file__))
    import importlib.util

    for entry in sys.path:
        if not entry or os.path.abspath(entry) == here:
            continue
        candidate = os.path.join(entry, 'sitecustomize.py')
        if os.path.isfile(candidate):
            spec = importlib.util.spec_from_file_location('_chained_sitecustomize', candidate)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except Exception:  # noqa: BLE001 - as Python treats a failing sitecustomize
                pass
            return


_chain()
