"""A lab's own lines in the run's language: English, or Simplified Chinese.

Concurrency Labs tells every Python process of a run its language in CONCURRENCY_LABS_LANG
(multiprocessing's children inherit it); under a plain `python3` the lines are in English.
"""
import os

CHINESE = os.environ.get('CONCURRENCY_LABS_LANG') == 'zh-CN'


def say(en, zh):
    """The line in the run's language: `en` in English, `zh` in Simplified Chinese."""
    return zh if CHINESE else en
