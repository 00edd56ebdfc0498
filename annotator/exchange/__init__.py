"""Exchange of colleagues' work: bundle files and the merge of records into a project.

This package owns the bundle format and the merge:

- ``bundle_read`` — reading a bundle (one annotator's layer in a zip) as untrusted input, and
  ``screen``, the check every bundle and every other project file passes before a merge;
- ``bundle_write`` — writing one annotator's layer as a bundle, atomically;
- ``merge`` — merging a bundle or another project file into a project (union of record
  versions by clock, rules of ``annotator.rules`` against the merged state, quarantine), and
  the canonical dump used to compare projects.

Strict JSON for untrusted input is ``annotator.safejson``, shared with the format readers.
"""

from annotator.exchange.bundle_read import Bundle, BundleManifest, Limits, read_bundle
from annotator.exchange.bundle_write import write_bundle
from annotator.exchange.merge import (
    DEFAULT_LIMITS,
    MergeReport,
    Quarantined,
    canonical_dump,
    canonical_hash,
    merge_bundle,
    merge_project_file,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Bundle",
    "BundleManifest",
    "Limits",
    "MergeReport",
    "Quarantined",
    "canonical_dump",
    "canonical_hash",
    "merge_bundle",
    "merge_project_file",
    "read_bundle",
    "write_bundle",
]
