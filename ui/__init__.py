"""Qt user interface of the annotation workbench (PySide6 only; the core lives in ``annotator``)."""
