"""``accept_all_agreements`` is linear in the records of a document (issue 12).

It indexed a layer once per event and read the gold layer of the document once per record it
copied, so a document where two annotators agree on n spans took time in n²: 4,000 agreed
spans (with events and relations) took 25 times as long as 1,000 (75 s). The test copies two
sizes of the same document shape in one run, eight times apart, and asserts the CPU time
grows about linearly: at most 20 times (linear gives about 8; quadratic 64), so a loaded
machine does not make it fail and the quadratic code cannot pass.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from annotator.model import GOLD, Argument, Event, Relation, Span
from annotator.project import Project
from annotator.review import accept_all_agreements
from annotator.uuids import new_uuid

WORD = "كلمة "


def _layer(doc_id: int, who: str, n: int) -> list[Span | Event | Argument | Relation]:
    """n one-word spans: every 10th a Contact.Meet trigger whose event has the next two
    spans as Entity, a PHYS relation from every 10th+3 span to the next one."""
    width = len(WORD)
    spans = [
        Span(
            new_uuid(),
            doc_id,
            who,
            k * width,
            k * width + 4,
            "Contact.Meet" if k % 10 == 0 else "GPE",
            "كلمة",
        )
        for k in range(n)
    ]
    out: list[Span | Event | Argument | Relation] = list(spans)
    for k in range(0, n - 2, 10):
        ev = Event(new_uuid(), doc_id, who, "Contact.Meet", spans[k].uuid)
        out.append(ev)
        out += [Argument(new_uuid(), ev.uuid, doc_id, who, "Entity", spans[k + j].uuid)
                for j in (1, 2)]  # fmt: skip
    out += [
        Relation(new_uuid(), doc_id, who, "PHYS", spans[k].uuid, spans[k + 1].uuid)
        for k in range(3, n - 1, 10)
    ]
    return out


def _accept_seconds(tmp_path: Path, n: int) -> tuple[float, int]:
    with Project.create(tmp_path / f"agree{n}.annotator") as p:
        doc = p.add_document(WORD * n, name=f"doc{n}")
        with p.batch() as bulk:
            bulk.add_annotators(["amal", "badr"])
            for who in ("amal", "badr"):
                bulk.put(
                    [dataclasses.replace(r, clock=bulk.stamp()) for r in _layer(doc.id, who, n)]
                )
        started = time.process_time()  # CPU: the machine may be shared
        written = accept_all_agreements(p, doc.id, ["amal", "badr"])
        seconds = time.process_time() - started
        assert p.span_count(doc.id, GOLD) == n
        assert len(p.events(doc.id, GOLD)) == len(range(0, n - 2, 10))
        assert len(p.relations(doc.id, GOLD)) == len(range(3, n - 1, 10))
        assert accept_all_agreements(p, doc.id, ["amal", "badr"]) == []  # all reused
        return seconds, len(written)


def test_accept_all_agreements_grows_linearly(tmp_path: Path) -> None:
    small, n_small = _accept_seconds(tmp_path, 500)
    big, n_big = _accept_seconds(tmp_path, 4000)
    assert n_big == 8 * n_small  # every agreed record written once
    ratio = big / small
    print(f"\naccept_all_agreements: {n_small} records {small:.2f} s, {n_big} {big:.2f} s")
    assert ratio < 20, f"8x the records took {ratio:.1f}x the CPU time (quadratic?)"
