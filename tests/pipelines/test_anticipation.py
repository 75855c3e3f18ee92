"""The batch read in a thread (pipelines.anticipation): the same tables and the same refusals as
reading in place, its progress told as it goes, nothing told once the load has abandoned it."""
from __future__ import annotations

import threading

import pytest

from pipelines.anticipation import Etapes, LectureAnticipee
from pipelines.readers import LotRefuse, lire_lot
from tests.fixtures.lots import ecrire_csv


def test_memes_tables_que_la_lecture_sur_place(lots):
    messages, etapes = [], []
    lecture = LectureAnticipee(lots["valide"], messages.append, Etapes(etapes.append))
    tables = lecture.lire()
    attendu = lire_lot(lots["valide"])
    assert [(t.dataset, t.fichier) for t in tables] == [(t.dataset, t.fichier) for t in attendu]
    assert all(t.frame.equals(a.frame) for t, a in zip(tables, attendu))
    assert any(m.startswith("Lecture de ") for m in messages)
    assert {e.etape for e in etapes} == {"lecture"} and etapes[-1].part == 1
    assert etapes[-1].lignes == sum(t.frame.height for t in attendu)


def test_un_refus_est_leve_par_lire(tmp_path):
    lot = ecrire_csv(tmp_path / "lot", "inconnu.csv", ["a;b", "1;2"]).parent
    lecture = LectureAnticipee(lot)
    with pytest.raises(LotRefuse, match="inconnu.csv"):
        lecture.lire()


def test_abandonnee_elle_ne_dit_plus_rien(lots):
    messages, lecture, creee = [], [], threading.Event()

    def dire(texte: str) -> None:   # the load gives up as the first file is read
        creee.wait(5)
        messages.append(texte)
        lecture[0].abandonner()
    lecture.append(LectureAnticipee(lots["valide"], dire))
    creee.set()
    assert len(lecture[0].lire()) > 1 and len(messages) == 1
