"""Where replays run: in this process, in local worker processes, or on a Dask cluster.

Every kind has one call, ``map(job, items, common, progress)``: ``[job(common, item) for
item in items]``, in the order of ``items`` whoever finished first, so that a replay's
result never depends on where it ran. ``job`` is a module-level function (a worker finds
it by its name) and its arguments pickle; ``common`` (a scenario, most often) is sent once
per call rather than once per item where the kind allows it. ``progress(done, total,
index, result)`` hears of each item as it finishes (``index``: its place in ``items``).

Dask is optional (``pip install 'ttx-sim[dask]'``): only ``OnDask`` imports it.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Callable

from simulator.i18n import N_, tr

Progress = Callable[[int, int, int, Any], None]
CONNECT_SECONDS = 10.0  # how long to wait for a Dask scheduler, then for its first worker


class WorkersError(Exception):
    """Workers that cannot be had (Dask missing, a scheduler out of reach ...): ``text(lang)``
    says which and what to do."""

    def __init__(self, message: str, **values):
        self.message, self.values = message, values
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        return tr(self.message, lang, **self.values)


class Workers:
    """What every kind shares: ``with`` closes it; ``describe`` names it for a reader."""

    def describe(self, lang: str = "en") -> str:
        raise NotImplementedError

    def map(self, job: Callable, items: list, common: Any = None,
            progress: Progress | None = None) -> list:
        raise NotImplementedError

    def shutdown(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


class InProcess(Workers):
    """Every item in this process, one after the other."""

    def describe(self, lang: str = "en") -> str:
        return tr("this process", lang)

    def map(self, job: Callable, items: list, common: Any = None,
            progress: Progress | None = None) -> list:
        out = []
        for i, item in enumerate(items):
            out.append(job(common, item))
            if progress:
                progress(i + 1, len(items), i, out[-1])
        return out


def _context():
    # Never a fork of this process: the portal calls replays from threads, and forking a
    # process that runs threads can deadlock. Workers fork from a fork server instead
    # (POSIX), a fresh single-threaded interpreter, or else start as fresh interpreters
    # (spawn, the only way on Windows).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _call(job: Callable, common: bytes, item: Any) -> Any:
    """A worker's part: ``common`` comes pickled once by the parent, not once per item."""
    return job(pickle.loads(common), item)


class Processes(Workers):
    """Items in ``count`` local worker processes, started as they are needed and kept for
    the next ``map`` (each takes a moment to start: open one for many replays)."""

    def __init__(self, count: int):
        self.count = count
        self.context = _context()
        self.pool = ProcessPoolExecutor(count, mp_context=self.context)

    def describe(self, lang: str = "en") -> str:
        return tr("{count} local processes", lang, count=self.count)

    def map(self, job: Callable, items: list, common: Any = None,
            progress: Progress | None = None) -> list:
        if self.context.get_start_method() == "forkserver":
            # The fork server imports the job's module (the engine, numpy, Mesa ...) once,
            # and every worker forked from it has them: a worker then starts in
            # milliseconds instead of importing them again for a second or more. Read when
            # the server starts: the first time this interpreter needs one.
            self.context.set_forkserver_preload([job.__module__])
        blob = pickle.dumps(common)
        futures = [self.pool.submit(_call, job, blob, item) for item in items]
        return _gather(futures, progress)

    def shutdown(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def _gather(futures: list, progress: Progress | None, completed=as_completed) -> list:
    """The futures' results in order, ``progress`` told of each as it finishes; on a
    failure the rest are cancelled and the error raised."""
    where = {f: i for i, f in enumerate(futures)}
    try:
        for done, future in enumerate(completed(futures), 1):
            result = future.result()  # the first failure stops the lot
            if progress:
                progress(done, len(futures), where[future], result)
    except BaseException:
        for f in futures:
            f.cancel()
        raise
    return [f.result() for f in futures]


class OnDask(Workers):
    """Items on the workers of a running Dask distributed cluster, given its scheduler's
    address (``tcp://host:8786``). The workers must have this version of ttx and its
    libraries installed: a worker that has another is refused, since its replays could
    differ."""

    def __init__(self, address: str, timeout: float | None = None):
        timeout = CONNECT_SECONDS if timeout is None else timeout
        try:
            from distributed import Client
            from distributed.comm import get_address_host_port
        except ImportError:
            raise WorkersError(N_("--dask needs Dask's distributed package, not installed here: pip install "
                                  "'ttx-sim[dask]' (or 'dask[distributed]')")) from None
        self.address = address
        try:  # before a Client: one given a malformed address hangs on its way out
            if not address.startswith("inproc://"):  # a cluster in this process
                get_address_host_port(address)
        except ValueError as exc:
            raise WorkersError(N_("--dask: {address!r} is not a Dask scheduler's address ({reason}); give "
                                  "the one the scheduler prints, such as tcp://HOST:8786"),
                               address=address, reason=exc) from None
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except OSError:  # refused, or nobody there: it waited ``timeout`` seconds
            raise WorkersError(N_("no Dask scheduler answered at {address} within {seconds} s; is it "
                                  "running, and is the address the one it prints?"), address=address,
                               seconds=f"{timeout:g}") from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            self.client.close()
            raise WorkersError(N_("the Dask cluster at {address} has no workers (waited {seconds} s); start "
                                  "some with: dask worker {address}"), address=address,
                               seconds=f"{timeout:g}") from None
        from simulator.provenance import program
        ours = program()
        # A worker without ttx gives its error instead of a digest: refused as well.
        theirs = self.client.run(program, on_error="return")
        other = sorted(w for w, digest in theirs.items() if digest != ours)
        if other:
            self.client.close()
            raise WorkersError(N_("Dask workers {workers} do not have this version of ttx and its libraries, "
                                  "so their replays could differ; install it on them"), address=address,
                               workers=", ".join(other))
        self.threads = self.client.nthreads()  # worker → threads, when it was reached

    def describe(self, lang: str = "en") -> str:
        return tr("the Dask cluster at {address} ({workers} workers, {threads} threads)",
                  lang, address=self.address, workers=len(self.threads),
                 threads=sum(self.threads.values()))

    def map(self, job: Callable, items: list, common: Any = None,
            progress: Progress | None = None) -> list:
        from distributed import as_completed as dask_completed
        # Sent to the workers once; each task carries only a reference to it.
        shared = self.client.scatter(common, hash=False)
        futures = [self.client.submit(job, shared, item, pure=False) for item in items]
        return _gather(futures, progress,
                       lambda fs: dask_completed(fs, loop=self.client.loop))

    def shutdown(self) -> None:
        self.client.close()


def local(count: int = 0) -> Workers:
    """``count`` worker processes (0: one per core); this process alone for 1."""
    count = count or os.cpu_count() or 1
    return InProcess() if count <= 1 else Processes(count)


def choose(count: int = 0, dask: str | None = None) -> Workers:
    """The workers a command asked for: the Dask cluster at ``dask`` if given, else
    ``local(count)``."""
    return OnDask(dask) if dask else local(count)
