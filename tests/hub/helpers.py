"""Projects, documents and edits for the hub's tests (also run by the analyst subprocesses)."""

from __future__ import annotations

import random
from pathlib import Path

from annotator.errors import ValidationError
from annotator.exchange import canonical_hash
from annotator.model import Status
from annotator.project import Project
from annotator.schema import default_schema

TEXTS = [
    "اعتقلت الشرطة محمد علي في بغداد يوم الاثنين بعد اشتباك مع مسلحين قرب الحدود.",
    "زار وزير الخارجية القاهرة والتقى رئيس الوزراء لبحث الأزمة في ليبيا.",
    "أعلنت شركة النفط الوطنية في البصرة عن اكتشاف حقل جديد قرب الكويت.",
    "قتل ثلاثة جنود في هجوم على قاعدة عسكرية شمال سوريا صباح اليوم.",
    "وقعت الحكومة الأردنية اتفاقا مع البنك الدولي لتمويل مشروع مياه في عمان.",
    "انتخب البرلمان اللبناني رئيسا جديدا بعد فراغ دام عامين في بيروت.",
]
LABELS = ["PER", "GPE", "ORG", "LOC", "FAC"]


def doc_texts(n: int, salt: str = "") -> list[str]:
    """``n`` distinct documents (the salt makes another set)."""
    return [f"{TEXTS[i % len(TEXTS)]} ({salt}{i})" for i in range(n)]


def make_project(path: Path, texts: list[str]) -> Project:
    project = Project.create(path, default_schema())
    for n, text in enumerate(texts):
        project.add_document(text, name=f"doc{n}")
    return project


def words(text: str) -> list[tuple[int, int]]:
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalpha() and start is None:
            start = i
        elif not ch.isalpha() and start is not None:
            out.append((start, i))
            start = None
    return out


def random_edit(project: Project, layer: str, rng: random.Random) -> str:
    """One edit in ``layer``: add, relabel or delete a span, or set a status. Returns what."""
    docs = project.documents()
    doc = project.document(rng.choice(docs).id)
    spans = project.spans(doc.id, layer)
    what = rng.random()
    try:
        if spans and what < 0.2:
            project.delete_span(rng.choice(spans).uuid)
            return "delete"
        if spans and what < 0.4:
            project.update_span(rng.choice(spans).uuid, label=rng.choice(LABELS))
            return "relabel"
        if what < 0.5:
            project.set_status(doc.id, layer, rng.choice(list(Status)))
            return "status"
        start, end = rng.choice(words(doc.text))
        project.add_span(doc.id, start, end, rng.choice(LABELS), annotator=layer)
        return "add"
    except ValidationError:
        return "refused"


def state(path: Path) -> str:
    with Project.open(path) as project:
        return canonical_hash(project)
