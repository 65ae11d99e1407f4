"""Bench: a script that starts, prints one line and ends (the start-up cost of a Python lab)."""
print('started')
