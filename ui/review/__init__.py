"""Adjudication and agreement: the review window with its disagreement model and panes, and
the inter-annotator agreement window."""
