"""What each subcommand of the ``annotator`` command does (``cmd_<name>``), given the
arguments ``annotator.cli`` parsed: the command line's wiring lives there, the work here.

Loaded only when a subcommand runs (``annotator --help`` does not need it); each command
imports the parts of the core it uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError


def _open(path: str, read_only: bool = False) -> Any:
    from annotator.project import Project

    return Project.open(path, read_only=read_only)


def _known_layer(project: Any, name: str) -> str:
    """``name`` if the project has that layer, else an error naming the closest one."""
    from annotator.formats.common import unknown_name

    names = project.annotators()
    if name not in names:
        raise AnnotatorError(unknown_name("layer", name, names))
    return name


def _name_list(value: str, what: str) -> list[str]:
    """A comma-separated option value: names, each once, none empty."""
    names = [n.strip() for n in value.split(",")]
    if not all(names):
        raise AnnotatorError(f"{what}: an empty name in {value!r}")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise AnnotatorError(f"{what}: {', '.join(twice)} given twice")
    return names


def cmd_init(args: argparse.Namespace) -> int:
    from annotator.project import Project

    schema = _read_schema(Path(args.schema)) if args.schema else None
    for parent in Path(args.project).absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise AnnotatorError(
                    f"cannot create {args.project}: {parent} on its path is a file, not a folder"
                )
            break
    Project.create(args.project, schema=schema).close()
    print(f"created {args.project}")
    return 0


def _read_schema(path: Path) -> Any:
    from annotator.schema import Schema

    if not path.exists():
        raise AnnotatorError(f"{path}: no such schema file")
    if path.is_dir():
        raise AnnotatorError(f"{path}: a folder, not a schema file")
    if path.suffix == ".conf" or path.name == "annotation.conf":
        from annotator.formats.brat_conf import read_annotation_conf
        from annotator.formats.plain import decode

        schema, _ = read_annotation_conf(decode(path, path.read_bytes()), str(path))
        return schema
    return Schema.load(path)


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.formats.common import ImportResult
    from annotator.formats.registry import detect_format, read_any
    from annotator.importing import import_documents

    project = _open(args.project)
    try:
        combined = ImportResult()
        for f in args.files:
            res = read_any(Path(f), args.format, not args.lenient, args.text_column)
            if not res.documents and not res.problems:
                fmt = detect_format(Path(f)) if args.format == "auto" else args.format
                raise AnnotatorError(f"nothing to import: no document in {f} (read as {fmt})")
            combined.documents.extend(res.documents)
            combined.problems.extend(res.problems)
        from annotator.terminal import ProgressBar

        bar = ProgressBar("import")
        try:
            report = import_documents(
                project,
                combined,
                annotator=args.annotator or "",
                new_labels=args.new_labels,
                strict=not args.lenient,
                progress=bar,
            )
        finally:
            bar.close()
    finally:
        project.close()
    for line in report.lines():
        print(line)
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from annotator.terminal import visual

    project = _open(args.project, read_only=True)
    with project:
        if args.annotator is not None:
            _known_layer(project, args.annotator)
        counts = project.span_counts(args.annotator)
        statuses = project.statuses(args.annotator) if args.annotator else {}
        rows = [
            (
                d.id,
                visual(d.name, args.visual),
                counts.get(d.id, 0),
                statuses[d.id].value if d.id in statuses else "",
            )
            for d in project.documents()
        ]
    if args.json:
        print(
            json.dumps(
                [dict(zip(("id", "name", "spans", "status"), r, strict=True)) for r in rows],
                ensure_ascii=False,
            )
        )
        return 0
    print(f"{'id':>5}  {'spans':>6}  {'status':<12} name")
    for doc_id, name, n, st in rows:
        print(f"{doc_id:>5}  {n:>6}  {st:<12} {name}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.terminal import visual

    project = _open(args.project, read_only=True)
    with project:
        data: dict[str, Any] = {
            "documents": len(project.documents()),
            "annotators": project.annotators(),
            "spans": sum(project.record_counts("spans").values()),
            "events": sum(project.record_counts("events").values()),
            "arguments": sum(project.record_counts("arguments").values()),
            "relations": sum(project.record_counts("relations").values()),
            "labels": dict(sorted(project.label_counts().items())),
            "status": {
                a: dict(Counter(s.value for s in project.statuses(a).values()))
                for a in project.annotators()
            },
        }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for key in ("documents", "spans", "events", "arguments", "relations"):
        print(f"{key:<11} {data[key]}")
    print(f"annotators  {', '.join(visual(a, args.visual) for a in data['annotators'])}")
    for label, n in data["labels"].items():
        print(f"  {visual(label, args.visual):<24} {n}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from annotator.validation import check_project

    project = _open(args.project, read_only=True)
    with project:
        problems = check_project(project)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _output_path(value: str) -> Path:
    """The path an output option names: ``-`` is standard output (``annotator.output.STDOUT``);
    ``./-`` is a file named ``-``."""
    from annotator.output import STDOUT

    if value == "-":
        return STDOUT
    path = Path(value)
    return path.absolute() if path == STDOUT else path


def _no_stdout(path: Path, why: str) -> Path:
    from annotator.output import is_stdout

    if is_stdout(path):
        raise AnnotatorError(f"{why}; give a file name")
    return path


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.exporting import MixedLayers, export
    from annotator.formats.common import ExportOptions, split_pairs
    from annotator.output import is_stdout
    from annotator.terminal import ProgressBar

    options = ExportOptions(
        overlap_policy=args.overlap,
        scheme=args.scheme,
        docstart=args.docstart,
        spans_key=args.spans_key,
        splits=split_pairs(args.split),  # the names and ratios: checked by export()
        seed=args.seed,
        tokenizer=args.tokenizer,
    )
    out = _output_path(args.output)
    project = _open(args.project, read_only=True)
    bar = ProgressBar("export")
    try:
        report = export(
            project, args.format, out, args.annotator, args.status, options, bar,
            style=args.events_style,
        )  # fmt: skip
    except MixedLayers as exc:
        raise MixedLayers(exc.fmt, exc.selection, " with --annotator") from None
    finally:
        bar.close()
        project.close()
    # with `-o -` the data went to standard output: the report goes to stderr
    for line in report.lines():
        print(line, file=sys.stderr if is_stdout(out) else sys.stdout)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from annotator.terminal import visual

    project = _open(args.project, read_only=not args.import_file)
    with project:
        if args.import_file:
            project.set_schema(_read_schema(Path(args.import_file)))
            print(f"schema imported from {args.import_file}")
        if args.export_file:
            from annotator.output import is_stdout, write_text

            out = _output_path(args.export_file)
            if out.suffix == ".conf" or out.name == "annotation.conf":
                from annotator.formats.brat_conf import write_annotation_conf

                text, _ = write_annotation_conf(project.schema)
                write_text(out, "annotation-conf", text)
            else:
                text = json.dumps(project.schema.to_json(), ensure_ascii=False, indent=2)
                write_text(out, "schema-json", text + "\n" if is_stdout(out) else text)
            if is_stdout(out):
                print("schema written to standard output", file=sys.stderr)
            else:
                print(f"schema written to {out}")
        if not args.import_file and not args.export_file:
            for lab in project.schema.span_labels():
                print(f"{lab.hotkey:<8} {lab.name:<28} {visual(lab.ar, args.visual)}")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from annotator.exchange import write_bundle
    from annotator.output import check
    from annotator.terminal import ProgressBar

    out = _no_stdout(
        _output_path(args.output), "a bundle is a zip file, which does not go to standard output"
    )
    check(out, "bundle")  # refused before any work
    project = _open(args.project, read_only=True)
    with project:
        _known_layer(project, args.annotator)
        bar = ProgressBar("bundle")
        try:
            manifest = write_bundle(
                project, args.annotator, out, include_text=not args.hashes_only,
                progress=bar,
            )  # fmt: skip
        finally:
            bar.close()
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(manifest.counts.items()))
    print(f"bundle of {manifest.annotator} written to {args.output} ({counts})")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.exchange import merge_bundle, merge_project_file, read_bundle
    from annotator.store import SQLITE_HEADER
    from annotator.terminal import ProgressBar

    project = _open(args.project)
    with project:
        for source in args.sources:
            path = Path(source)
            try:
                is_project = path.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER
            except OSError as exc:
                raise AnnotatorError(f"{path}: cannot read: {exc.strerror}") from exc
            bar = ProgressBar(f"merge {path.name}")
            try:
                if is_project:
                    report = merge_project_file(project, path, progress=bar)
                else:
                    report = merge_bundle(project, read_bundle(path), path.name, progress=bar)
            finally:
                bar.close()
            print(f"== {path}")
            for line in report.lines():
                print(line)
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.agreement import agreement, format_result, project_layers
    from annotator.agreement.report import REPORT_FORMAT
    from annotator.formats.common import unknown_name
    from annotator.output import check
    from annotator.terminal import ProgressBar

    report = None
    if args.report:
        report = _no_stdout(
            _output_path(args.report), "--report cannot be '-': the results go to standard output"
        )
        check(report, REPORT_FORMAT)  # refused before the agreement is computed
    project = _open(args.project, read_only=True)
    with project:
        names = (
            [_known_layer(project, n) for n in _name_list(args.annotators, "--annotators")]
            if args.annotators is not None
            else [a for a in project.annotators() if a != "gold" or args.with_gold]
        )
        if len(names) < 2:
            raise AnnotatorError(
                f"agreement needs at least two layers (layers: {', '.join(project.annotators())})"
            )
        labels = None
        if args.labels is not None:
            labels = _name_list(args.labels, "--labels")
            known = [lab.name for lab in project.schema.span_labels()]
            known += sorted(set(project.label_counts()) - set(known))
            for label in labels:
                if label not in known:
                    raise AnnotatorError(unknown_name("label", label, known))
        result = agreement(project_layers(project, names), names, labels, ProgressBar("agreement"))
        schema = project.schema
    if report is not None:
        from annotator.agreement.report import write_html_report

        write_html_report(result, report, schema)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_result(result, visual=args.visual))
        if args.report:
            print(f"report written to {args.report}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    # The core may not import the Qt layer; the GUI entry point (ui/entry.py) hands its
    # runner in. Without it (core-only use) the command says so.
    if args.gui_runner is None:
        raise AnnotatorError("the GUI is not available here; run the `annotator` command")
    if args.screenshot and args.project:
        # a screenshot reads the project: unknown names are errors, not an empty picture
        with _open(args.project, read_only=True) as project:
            if args.annotator is not None:
                _known_layer(project, args.annotator)
            names = [d.name for d in project.documents()]
            if args.document is None:
                shown = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
                raise AnnotatorError(f"--screenshot needs --document NAME (documents: {shown})")
            if project.document_by_name(args.document) is None:
                from annotator.formats.common import unknown_name

                raise AnnotatorError(unknown_name("document", args.document, names))
    return int(args.gui_runner(args))
