"""Worker processes for pure-Python work, which threads would run one at a time (the GIL).

Started like `multiprocessing`'s « spawn » processes (a fresh interpreter: a fork of a process
running threads, as Streamlit's server does, may hang in Polars), with one difference: the child
does not run the parent's main script again. Spawn normally re-imports it, and under Streamlit
that is the page being shown (in `streamlit.testing` a temporary script), not a module. The
children import only what the tasks they receive name (`core.secret` for `core.diffusion`).
"""
from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import context, popen_spawn_posix, spawn

_verrou = threading.Lock()
_CLES_MAIN = ("init_main_from_path", "init_main_from_name")


class _PopenSansMain(popen_spawn_posix.Popen):
    """Spawn's launch, its preparation data without the parent's main module."""

    def _launch(self, process_obj):
        with _verrou:   # the stdlib reads spawn.get_preparation_data at each launch
            original = spawn.get_preparation_data

            def sans_main(name):
                donnees = original(name)
                for cle in _CLES_MAIN:
                    donnees.pop(cle, None)
                return donnees

            spawn.get_preparation_data = sans_main
            try:
                super()._launch(process_obj)
            finally:
                spawn.get_preparation_data = original


class _Processus(context.SpawnProcess):
    @staticmethod
    def _Popen(process_obj):
        return _PopenSansMain(process_obj)


class _Contexte(context.SpawnContext):
    Process = _Processus


def executeur(n: int) -> ProcessPoolExecutor:
    """A pool of `n` such processes (started as tasks arrive, then kept)."""
    return ProcessPoolExecutor(max_workers=n, mp_context=_Contexte())
