"""The installed package's version, read from its metadata: what ``annotator --version``
prints and the About box shows."""

from __future__ import annotations


def installed_version(name: str = "annotator") -> str | None:
    """The version of the installed package ``name``, or None when it was never installed
    (run from a source tree)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
