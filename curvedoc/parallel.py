"""Analyse many logs at once (``curvedoc analyze --jobs N``): one worker process per core.

Each log is read, detected and explained in a worker; the analyses come back
in the order the logs were given, so the report is the same as one process
would print. ``analyze_each`` keeps each log's ``CurvedocError`` in its place, so
that one unreadable log does not take the others' results with it;
``analyze_logs`` raises the first of them (in input order), as the serial loop would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from curvedoc.analysis import RunAnalysis, UserSchedule, analyze
from curvedoc.errors import CurvedocError


def analyze_logs(logs: list[Path], metrics: list[str] | None = None, higher_is_better: bool | None = None,
                 user_schedule: UserSchedule | None = None, format: str | None = None,
                 jobs: int = 1) -> list[RunAnalysis]:
    """``analyze`` over every log, ``jobs`` processes at a time (0: one per core); results in input order.
    Raises the first log's ``CurvedocError`` (in input order) when any log fails."""
    outcomes = analyze_each(logs, metrics, higher_is_better, user_schedule, format, jobs)
    for outcome in outcomes:
        if isinstance(outcome, CurvedocError):
            raise outcome
    return [ra for outcome in outcomes for ra in outcome]


Outcome = list[RunAnalysis] | CurvedocError


def analyze_each(logs: list[Path], metrics: list[str] | None = None, higher_is_better: bool | None = None,
                 user_schedule: UserSchedule | None = None, format: str | None = None,
                 jobs: int = 1) -> list[Outcome]:
    """One outcome per log, in input order: its analyses, or the ``CurvedocError`` that stopped it."""
    jobs = worker_count(jobs, len(logs))
    args = [(log, metrics, higher_is_better, user_schedule, format) for log in logs]
    if jobs <= 1:
        return [_analyze_one(a) for a in args]
    # A pool whose workers leave Ctrl-C to this process: a terminal sends SIGINT to the whole
    # group, and workers interrupted mid-task broke the pool (a traceback, then a hang).
    pool = _context().Pool(jobs, initializer=_leave_signals_to_the_parent)
    try:
        # imap keeps the input order; a log's CurvedocError comes back as its outcome, anything else raises.
        results = list(pool.imap(_analyze_one, args, chunksize=_chunksize(len(args), jobs)))
        # An interrupt while the workers wind down must end them too: left to the pool's exit
        # handler, terminate can wait for good on the task queue's lock.
        pool.close()
        pool.join()
    except BaseException:
        _stop(pool)
        raise
    return results


# Seconds the pool is given to end its workers on an error or an interrupt.
STOP_WAIT = 5.0


def _stop(pool) -> None:
    """End the pool at once. ``terminate`` first takes the task queue's lock, which a worker
    waiting for work can hold for good once nothing more is sent (an interrupt seen under load,
    the command then waiting for ever): past ``STOP_WAIT`` the workers are killed and it is left."""
    import multiprocessing
    import threading

    ender = threading.Thread(target=pool.terminate, daemon=True)
    ender.start()
    ender.join(STOP_WAIT)
    if ender.is_alive():
        for worker in multiprocessing.active_children():
            worker.kill()


def worker_count(jobs: int, n_logs: int) -> int:
    """Workers to start: never more than there are logs; 0 means one per available core."""
    if jobs <= 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, n_logs))


def _analyze_one(args) -> Outcome:
    log, metrics, higher_is_better, user_schedule, format = args
    try:
        return analyze(log, metrics, higher_is_better, user_schedule, format)
    except CurvedocError as err:  # bad input is this log's outcome; a bug still raises
        return err


def _chunksize(n: int, jobs: int) -> int:
    # Small batches keep both cores busy to the end while saving a round trip per log.
    return max(1, n // (jobs * 8))


def _leave_signals_to_the_parent() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers with it


def _context():
    """Fork on Linux: workers inherit the imported analysis stack instead of importing it again (~1 s)."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
