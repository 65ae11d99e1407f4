"""Runs a bench baseline script as a Python lab: the same code, with multiprocessing brokered.

The runner passes no arguments to a script, so they come in BENCH_ARGS (JSON): the baseline's
name (mp_lock or mp_queue) and its arguments."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

if __name__ == '__main__':
    name, *args = json.loads(os.environ['BENCH_ARGS'])
    sys.argv = [f'{name}.py', *args]
    __import__(name).main()
