"""Worker processes never run the parent's main script again (under Streamlit: the page shown)."""
from __future__ import annotations

import sys
import types

from core import processus, secret


def test_workers_do_not_run_the_parents_main_script_again(tmp_path, monkeypatch):
    """As under Streamlit, where `__main__` is the page's script (in streamlit.testing a
    temporary file whose globals only exist in the app's run): multiprocessing's own spawn would
    run it in every new worker, and the pool would break."""
    page = tmp_path / "page.py"
    relancee = tmp_path / "relancee"
    page.write_text(f"open({str(relancee)!r}, 'w').write('oui')\nraise SystemExit('page relancée')\n",
                    encoding="utf-8")
    faux = types.ModuleType("__main__")
    faux.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", faux)
    with processus.executeur(1) as pool:
        assert pool.submit(secret.pret).result(timeout=120) is True
    assert not relancee.exists()
