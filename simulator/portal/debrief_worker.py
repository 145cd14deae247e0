"""Debriefs built outside the server's process, so that a build (its counterfactual replays,
ratings and charts: seconds of work) never holds the server's interpreter while teams'
submissions are being acknowledged.

One worker process (a fresh interpreter, started on first use, at a lower priority than
the server) builds one report at a time, each from the database: it loads the exercise
itself (from its snapshot) and writes the run folder and the report beside the database.
``request`` answers at once with a future: done when the report on disk is current, else
the build under way or queued for the same report (asked twice, built once).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from simulator.classroom.live import LiveExercise
from simulator.classroom.store import Store
from simulator.portal import ahead
from simulator.portal.debrief import inputs_of, is_current, report_page, stamp, write_report

_jobs: dict[tuple, Future] = {}  # (database, exercise, language, stamp) → its build
_ahead: dict[tuple, Future] = {}  # (database, exercise) → its replays' latest advance
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
NICE = 10  # the worker's priority below the server's (the range is 0 to 19)


def _new_pool() -> ProcessPoolExecutor:
    # A fresh interpreter, not a fork: forking a process that runs threads can deadlock.
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_in_background, initargs=(os.getpid(),))


def _in_background(server: int) -> None:
    """The worker (and the replay processes it starts) yield the processor to the server:
    a debrief can wait a second, an acknowledgement should not. They form a process group
    of their own that ends when the server does, even if it is killed (a crash, ``kill
    -9``): nobody else would stop them."""
    os.nice(NICE)
    if hasattr(os, "setpgrp"):  # POSIX
        os.setpgrp()
        threading.Thread(target=_end_with, args=(server,), daemon=True).start()


def _end_with(server: int) -> None:
    while os.getppid() == server:
        time.sleep(1)
    os.killpg(0, signal.SIGKILL)


def _submit(fn, *args) -> Future:
    """``fn(*args)`` in the worker process (call under ``_lock``)."""
    global _pool
    if _pool is None:
        _pool = _new_pool()
    try:
        return _pool.submit(fn, *args)
    except BrokenProcessPool:  # its worker died (killed, out of memory ...): another one
        _pool = _new_pool()
        return _pool.submit(fn, *args)


def elsewhere(fn, *args) -> Future:
    """``fn(*args)`` (a module-level function, picklable arguments) in the worker process:
    replays for the server (the cohort comparison) never run in its own interpreter."""
    with _lock:
        return _submit(fn, *args)


def turn_closed(store: Store, live: LiveExercise) -> None:
    """A turn of ``live`` closed (called under its lock): the debrief's counterfactual
    replays advance through it in the worker (``ahead.wanted``), and after the last turn
    the report in the exercise's language is built at once, before anyone asks for it.
    Work for later: if it cannot be sent, the close stands and the report is built when
    asked for."""
    key = (str(store.path), live.id)
    try:
        if ahead.wanted(live):
            with _lock:
                waiting = _ahead.get(key)
                # One not started yet reads the store when it starts: it plays this turn too.
                if waiting is None or waiting.running() or waiting.done():
                    _ahead[key] = _submit(ahead.advance, *key)
        if live.phase == "finished":
            with _lock:
                _ahead.pop(key, None)  # no turn left to close
            request(store, live, live.exercise.lang)
    except Exception:  # noqa: BLE001 - the close itself succeeded
        logging.getLogger("ttx.portal").exception("exercise %s: the debrief's work after a "
                                                  "close could not start", live.id)


def request(store: Store, live: LiveExercise, lang: str) -> Future[Path]:
    """The report in ``lang`` of the finished exercise ``live``: a future of its path."""
    with live.lock:
        chosen, seen = inputs_of(store, live)
        digest = stamp(live, lang, chosen, seen)
    if is_current(store, live.id, lang, digest):
        done: Future[Path] = Future()
        done.set_result(report_page(store, live.id, lang))
        return done
    key = (str(store.path), live.id, lang, digest)
    with _lock:
        job = _jobs.get(key)
        if job is None:
            job = _jobs[key] = _submit(write_report, str(store.path), live.id, lang, chosen,
                                       seen, digest)
            job.add_done_callback(lambda _: _forget(key))
    return job


def _forget(key: tuple) -> None:
    """A build is over: the next request finds the report on disk, or builds it again."""
    with _lock:
        _jobs.pop(key, None)
