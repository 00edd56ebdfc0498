"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from annotator.project import Project
from tests.core.test_learn import CITIES, synthetic_document


@pytest.fixture
def synthetic(project: Project) -> Project:
    """Ten labelled documents of invented people and cities in the gold layer (the learning
    tests' corpus, ``test_learn.synthetic_document``)."""
    for k in range(10):
        text, spans = synthetic_document(k, cities=CITIES[:8])
        doc = project.add_document(text, name=f"doc{k}")
        for s, e, label in spans:
            project.add_span(doc.id, s, e, label, "gold")
    return project
