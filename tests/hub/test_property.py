"""Any interleaving of edits, syncs and bundle merges across several projects converges to
the state merging everything directly gives (every project's own layer, as a bundle, merged
into a fresh project)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.exchange import canonical_hash, merge_bundle, read_bundle, write_bundle
from annotator.hub import add_project_documents, sync
from tests.hub.conftest import new_hub
from tests.hub.helpers import doc_texts, make_project, random_edit
from tests.hub.pgserver import Server

N = 3
TEXTS = doc_texts(3, "p")

step = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, N - 1), st.integers(1, 6), st.integers(0, 10**6)),
    st.tuples(st.just("sync"), st.integers(0, N - 1)),
    st.tuples(st.just("bundle"), st.integers(0, N - 1), st.integers(0, N - 1)),
)


def _layer(i: int) -> str:
    return f"prop{i}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=14))
def test_interleavings_converge_to_the_direct_merge(pg_server: Server, steps: list[tuple]):
    hub = new_hub(pg_server)
    urls = [hub.member(_layer(i), "analyst", _layer(i)) for i in range(N)]
    coord = hub.member("propcoord", "coordinator")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        projects = [make_project(tmp / f"p{i}.annotator", TEXTS) for i in range(N)]
        add_project_documents(coord, projects[0])
        for op in steps:
            if op[0] == "edit":
                _, i, n, seed = op
                rng = random.Random(seed)
                for _ in range(n):
                    random_edit(projects[i], _layer(i), rng)
            elif op[0] == "sync":
                sync(projects[op[1]], urls[op[1]])
            else:
                _, i, j = op
                out = tmp / f"b{i}-{j}.bundle"
                write_bundle(projects[i], _layer(i), out)
                merge_bundle(projects[j], read_bundle(out))
        for _ in range(2):
            for i in range(N):
                sync(projects[i], urls[i])
        direct = make_project(tmp / "direct.annotator", TEXTS)
        for i in range(N):
            out = tmp / f"final{i}.bundle"
            write_bundle(projects[i], _layer(i), out)
            merge_bundle(direct, read_bundle(out))
        expected = canonical_hash(direct)
        assert [canonical_hash(p) for p in projects] == [expected] * N
        for p in [*projects, direct]:
            p.close()


def test_direct_merge_is_not_trivially_equal(pg_server: Server, tmp_path: Path):
    """The property compares real content: two projects that did not sync differ."""
    a = make_project(tmp_path / "a.annotator", TEXTS)
    b = make_project(tmp_path / "b.annotator", TEXTS)
    random_edit(a, "x", random.Random(1))
    assert canonical_hash(a) != canonical_hash(b)
    a.close()
    b.close()
