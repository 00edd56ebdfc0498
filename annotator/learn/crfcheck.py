"""A structural check of crfsuite's model format (crf1dm) before the C reader sees it.

crfsuite reads a model by following offsets inside it without bounds checks: a model file from
elsewhere with a bad offset would make it read outside the buffer, and a hash table without an
empty bucket would make a look-up loop forever. So every offset, count and reference is checked
here, in Python, first: header, feature table, label and attribute references, and both string
tables (CQDB). Layout as written by crfsuite's ``crf1dmw_*`` and ``cqdb_writer`` (little
endian): header of 12 uint32 fields (magic ``lCRF``, size, type ``FOMC``, version, feature,
label and attribute counts, five chunk offsets); chunks ``FEAT`` (features of 3 uint32 and a
double), ``LFRF``/``AFRF`` (uint32 offsets to {count, feature ids}) and ``CQDB``.
"""

from __future__ import annotations

import struct

import numpy as np

HEADER = struct.Struct("<4sI4sIIIIIIIII")
CHUNK = struct.Struct("<4sII")
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
CQDB_HEADER = struct.Struct("<4sIIIII")
CQDB_TABLES = 256
BYTEORDER_CHECK = 0x62445371


class BadModel(ValueError):
    """The bytes are not a well-formed crfsuite model."""


def check_crf1dm(data: bytes) -> tuple[int, int, int]:
    """(features, labels, attributes) of a well-formed model; BadModel names the first fault."""
    size = len(data)
    if size < HEADER.size:
        raise BadModel("shorter than a crfsuite model header")
    (magic, fsize, mtype, _version, _n_feat, n_labels, n_attrs, off_feat, off_labels, off_attrs,
     off_lrefs, off_arefs) = HEADER.unpack_from(data, 0)  # fmt: skip
    if magic != b"lCRF" or mtype != b"FOMC":
        raise BadModel("not a crfsuite CRF model (wrong magic)")
    if fsize != size:
        raise BadModel(f"model says {fsize} bytes, holds {size}")
    # the writer leaves the header's feature count at 0: the feature chunk holds the count
    feats = _features(data, off_feat)
    n_feat = len(feats)
    # transitions (type 1) join labels; state features (type 0) join an attribute to a label
    if np.any(feats["type"] > 1) or np.any(feats["dst"] >= max(n_labels, 0)):
        raise BadModel("a feature refers to a label or type that does not exist")
    trans = feats["type"] == 1
    if np.any(feats["src"][trans] >= n_labels) or np.any(feats["src"][~trans] >= n_attrs):
        raise BadModel("a feature refers to a label or attribute that does not exist")
    if not np.all(np.isfinite(feats["weight"])):
        raise BadModel("a feature weight is not a finite number")
    _refs(data, off_lrefs, b"LFRF", n_labels, n_feat)
    _refs(data, off_arefs, b"AFRF", n_attrs, n_feat)
    _cqdb(data, off_labels, n_labels)
    _cqdb(data, off_attrs, n_attrs)
    return n_feat, n_labels, n_attrs


def _chunk(data: bytes, offset: int, magic: bytes) -> tuple[int, int]:
    if not HEADER.size <= offset <= len(data) - CHUNK.size:
        raise BadModel(f"chunk {magic.decode()} lies outside the model")
    got, size, num = CHUNK.unpack_from(data, offset)
    if got != magic or offset + size > len(data) or size < CHUNK.size:
        raise BadModel(f"chunk {magic.decode()} is damaged")
    return size, num


def _features(data: bytes, offset: int) -> np.ndarray:
    size, n = _chunk(data, offset, b"FEAT")
    if CHUNK.size + n * FEATURE.itemsize > size:
        raise BadModel("the feature table does not hold the features the header counts")
    return np.frombuffer(data, FEATURE, n, offset + CHUNK.size)


REFS_BATCH = 1 << 22
"""feature ids gathered at once by ``_refs`` (bounds its memory whatever the lists claim)"""


def _u32_at(raw: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The little-endian uint32 at each of ``offsets`` (any alignment) of the bytes ``raw``."""
    at = offsets.astype(np.int64)
    return (
        raw[at].astype(np.uint32)
        | (raw[at + 1].astype(np.uint32) << 8)
        | (raw[at + 2].astype(np.uint32) << 16)
        | (raw[at + 3].astype(np.uint32) << 24)
    )


def _refs(data: bytes, offset: int, magic: bytes, n: int, n_feat: int) -> None:
    # label references count two more than the labels (crfsuite's BOS and EOS)
    size, num = _chunk(data, offset, magic)
    if num < n or CHUNK.size + 4 * num > size:
        raise BadModel(f"chunk {magic.decode()} does not hold the references the header counts")
    # only the first n are read (the two extra slots stay 0)
    offs = np.frombuffer(data, "<u4", n, offset + CHUNK.size)
    if n and (offs.min() < HEADER.size or offs.max() > len(data) - 4):
        raise BadModel(f"a reference of {magic.decode()} points outside the model")
    if not n:
        return
    # every list at once (a Python loop over them took most of a model's loading time); the
    # fault reported is the one the list-by-list reading met first: the first list, in order,
    # that runs past the model or names a feature that does not exist
    raw = np.frombuffer(data, np.uint8)
    counts = _u32_at(raw, offs).astype(np.int64)
    starts = offs.astype(np.int64) + 4
    past = starts + 4 * counts > len(data)
    bad = np.zeros(n, dtype=bool)
    fits = np.flatnonzero(~past & (counts > 0))
    total = np.cumsum(counts[fits])
    k = 0
    while k < len(fits):  # in batches of at most REFS_BATCH ids (a list may be the whole model)
        done = int(total[k - 1]) if k else 0
        m = max(1, int(np.searchsorted(total, done + REFS_BATCH, side="right")) - k)
        batch = fits[k : k + m]
        sizes = counts[batch]
        # the offset of each id of each list of the batch
        first = np.repeat(starts[batch] - 4 * (np.cumsum(sizes) - sizes), sizes)
        ids = _u32_at(raw, first + 4 * np.arange(int(sizes.sum()), dtype=np.int64))
        bad[batch] = np.maximum.reduceat(ids, np.cumsum(sizes) - sizes) >= n_feat
        k += m
    faults = np.flatnonzero(past | bad)
    if len(faults):
        if past[faults[0]]:
            raise BadModel(f"a reference list of {magic.decode()} runs past the model")
        raise BadModel(f"a reference of {magic.decode()} names a feature that does not exist")


def _cqdb(data: bytes, offset: int, n: int) -> None:
    base = offset
    if not HEADER.size <= base <= len(data) - CQDB_HEADER.size - 8 * CQDB_TABLES:
        raise BadModel("a string table lies outside the model")
    magic, size, _flag, order, bwd_size, bwd_offset = CQDB_HEADER.unpack_from(data, base)
    if magic != b"CQDB" or order != BYTEORDER_CHECK or base + size > len(data):
        raise BadModel("a string table is damaged")
    chunk = memoryview(data)[base : base + size]
    refs = np.frombuffer(chunk, "<u4", 2 * CQDB_TABLES, CQDB_HEADER.size).reshape(-1, 2)
    parts: list[np.ndarray] = []  # the records the hash tables and the index point to
    # crfsuite counts the strings as half the sum of the table sizes, empty tables included,
    # and lists that many (a count past the index would hand a NULL to Python)
    if sum(t_num // 2 for _, t_num in refs.tolist()) != n:
        raise BadModel("a string table counts other strings than the header")
    for t_off, t_num in refs.tolist():
        if not t_off:
            if t_num:
                raise BadModel("a string table's empty hash table has a size")
            continue
        if t_num == 0 or t_off + 8 * t_num > size:
            raise BadModel("a string table's hash table lies outside it")
        buckets = np.frombuffer(chunk, "<u4", 2 * t_num, t_off).reshape(-1, 2)
        used = buckets[:, 1]
        if np.all(used != 0):
            raise BadModel("a string table's hash table has no empty bucket")
        parts.append(used[used != 0])
    if bwd_offset:
        if bwd_offset + 4 * bwd_size > size or bwd_size < n:
            raise BadModel("a string table's index lies outside it")
        bwd = np.frombuffer(chunk, "<u4", bwd_size, bwd_offset)
        parts.append(bwd[bwd != 0])
    elif n:
        raise BadModel("a string table has no index")
    if not parts:
        return
    # every record at once (a Python loop over them took a large part of loading a model)
    at = np.concatenate(parts).astype(np.int64)  # (each twice: buckets and index)
    raw = np.frombuffer(chunk, np.uint8)
    outside = at + 8 > size
    inside = np.where(outside, 0, at)  # read nothing past the table
    ident = _u32_at(raw, inside).astype(np.int64)
    ident = np.where(ident >= 1 << 31, ident - (1 << 32), ident)  # a signed int32
    ksize = _u32_at(raw, inside + 4).astype(np.int64)
    end = inside + 8 + ksize
    damaged = (ident < 0) | (ident >= n) | (ksize == 0) | (end > size)
    damaged[~damaged] = raw[end[~damaged] - 1] != 0
    if np.any(outside | damaged):
        _record_fault(chunk, size, n, parts)


def _record_fault(chunk: memoryview, size: int, n: int, parts: list[np.ndarray]) -> None:
    """Raise the fault of a damaged string table's records as reading them one by one names
    it: the first faulty record in the order of a set of them (which of the two faults is
    named depends on that order; kept as it was before the check was vectorised)."""
    records: set[int] = set()
    for part in parts:
        records.update(part.tolist())
    for r in records:
        if r + 8 > size:
            raise BadModel("a string table record lies outside it")
        ident, ksize = struct.unpack_from("<iI", chunk, r)
        end = r + 8 + ksize
        if ident < 0 or ident >= n or ksize == 0 or end > size or chunk[end - 1] != 0:
            raise BadModel("a string table record is damaged")
    raise BadModel("a string table record is damaged")  # not reached: the check found one
