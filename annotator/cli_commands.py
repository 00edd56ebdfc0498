"""What each subcommand of the ``annotator`` command does (``cmd_<name>``), given the
arguments ``annotator.cli`` parsed: the command line's wiring lives there, the work here.

Loaded only when a subcommand runs (``annotator --help`` does not need it); each command
imports the parts of the core it uses.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError, Message

if TYPE_CHECKING:
    from annotator.exchange import Bundle
    from annotator.project import Project
    from annotator.schema import Schema


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
    from annotator import safejson
    from annotator.formats.plain import decode
    from annotator.formats.source import read_file

    # read as every input file is (no FIFO, a size cap) and parsed with limits: a schema
    # nested 200,000 deep ended the command with a RecursionError
    text = decode(path, read_file(path))
    if path.suffix == ".conf" or path.name == "annotation.conf":
        from annotator.formats.brat_conf import read_annotation_conf

        schema, _ = read_annotation_conf(text, str(path))
        return schema
    try:
        data = safejson.loads(text.removeprefix("\ufeff"), max_chars=len(text) + 1)
    except safejson.UnsafeJSON as exc:
        where = f"{path}:{exc.line}" if exc.line is not None else str(path)  # FILE:LINE
        raise AnnotatorError(f"{where}: cannot read schema: {exc}") from None
    return Schema.from_json(data, source=str(path))


def _import_stream(args: argparse.Namespace, schema: Any = None) -> Any:
    """The files of ``annotator import`` as one ``DocumentStream``, read in their order as the
    import consumes them. A CoNLL file over ``MAX_FILE_BYTES`` is refused when reached, as the
    whole-file reader refused it (the same line, before any of it is read). ``schema``: the
    project's, for the readers that read structure or attribute names with it (as the
    window's import passes it)."""
    import os

    from annotator.files import too_large
    from annotator.formats.registry import detect_format
    from annotator.formats.source import MAX_FILE_BYTES
    from annotator.importing import DocumentStream, stream_files

    paths = [Path(f) for f in args.files]
    # one list of reading callbacks for every file: the import's progress report and cancel
    # check reach the readers during a CoNLL file's scheme pass too
    reading: list[Any] = []
    streams = [
        stream_files(
            [p],
            args.format,
            not args.lenient,
            args.text_column,
            schema,
            refuse_empty=True,
            reading=reading,
            name_column=args.name_column or "",
        )
        for p in paths
    ]
    problems: list[Any] = []

    def position() -> tuple[int, int]:
        done = total = 0
        for s in streams:
            if s.position is not None:
                d, t = s.position()
                done, total = done + d, total + t
        return done, total

    def documents() -> Any:
        for path, stream in zip(paths, streams, strict=True):
            kind = detect_format(path) if args.format == "auto" else args.format
            if kind == "conll" and path.is_file():
                size = os.stat(path).st_size
                if size > MAX_FILE_BYTES:
                    raise too_large(path, size)
            yield from stream.documents
            problems.extend(stream.problems)

    files = [stamp for s in streams for stamp in s.files]
    return DocumentStream(documents(), problems, position, reading, files)


def _columns_used(args: argparse.Namespace) -> None:
    """``--text-column`` and ``--name-column`` typed when no file is read as CSV are refused,
    never ignored (as export refuses an option its format does not use)."""
    from annotator.formats.registry import REGISTRY, detect_format

    typed = [d for d in ("text_column", "name_column") if d in getattr(args, "typed", ())]
    if not typed:
        return
    kinds = (
        sorted({detect_format(Path(f)) for f in args.files})
        if args.format == "auto"
        else [args.format]
    )
    for dest in typed:
        if not any(dest in REGISTRY[k].read_options for k in kinds if k in REGISTRY):
            users = sorted(n for n, f in REGISTRY.items() if dest in f.read_options)
            raise AnnotatorError(
                f"--{dest.replace('_', '-')} is for {', '.join(users)} files only, and no file "
                f"here is read as one (read as {', '.join(kinds)})"
            )


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.importing import import_documents, index_after_import
    from annotator.terminal import ProgressBar

    # read (annotator.importing.stream_files): JSONL and CoNLL line by line, one part of
    # documents held at a time, progress in bytes from the first part; everything is read
    # and checked before the write lock is taken (ADR 0008): a reading error, a bad
    # annotation or a file with nothing to import raises before anything is written
    _columns_used(args)
    if args.annotator:  # the option's fault, not the files': checked before they are read
        from annotator.rules import annotator_problem

        bad = annotator_problem(args.annotator)
        if bad is not None:
            raise AnnotatorError(f"--annotator: {bad.message}")
    project = _open(args.project)
    try:
        bar = ProgressBar("import", unit="B")  # bytes read of all the files
        try:
            report = import_documents(
                project,
                _import_stream(args, project.schema),
                annotator=args.annotator or "",
                new_labels=args.new_labels,
                strict=not args.lenient,
                progress=bar,
            )
        finally:
            bar.close()
        problem = index_after_import(project)
        if problem:
            print(f"annotator: {problem}", file=sys.stderr)
    finally:
        project.close()
    for line in report.lines():
        print(line)
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from annotator.model import Status
    from annotator.terminal import visual

    project = _open(args.project, read_only=True)
    with project:
        if args.annotator is not None:
            _known_layer(project, args.annotator)
        counts = project.span_counts(args.annotator)
        statuses = project.statuses(args.annotator) if args.annotator else {}
        # a document with no status record is new (Project.status; the window and
        # ``export --status new`` read it so); without --annotator there is no status
        rows = [
            (
                d.id,
                d.name if args.json else visual(d.name, args.visual),  # JSON keeps the text
                counts.get(d.id, 0),
                statuses.get(d.id, Status.NEW).value if args.annotator else "",
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
    from annotator.commands.suggestions import stored_model_problems
    from annotator.validation import Issue, check_project

    project = _open(args.project, read_only=True)
    with project:
        problems = check_project(project)
        # the stored model read as every suggestion reads it, not only its row's checksum
        where = str(project.path)
        problems += [Issue(where, "", "", "integrity", p) for p in stored_model_problems(project)]
    # the status is known before anything is printed: a broken pipe (check P | head) keeps it
    # (annotator.cli.main), and the count goes to stderr too, which no pipe cuts short
    args.result = 1 if problems else 0
    if problems:
        print(f"annotator: {len(problems)} problem(s) found in {args.project}", file=sys.stderr)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return int(args.result)


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
    from annotator.formats.registry import ExportOption, check_used
    from annotator.output import is_stdout
    from annotator.terminal import ProgressBar

    # an option typed for a format that does nothing with it is refused, never ignored; one
    # left at its default is not (``args.typed``: the options typed, by their ``dest``)
    options_of: dict[str, ExportOption] = {
        "overlap": "overlap", "scheme": "scheme", "docstart": "docstart",
        "spans_key": "spans_key", "tokenizer": "tokenizer", "split": "splits", "seed": "splits",
    }  # fmt: skip
    typed = list(dict.fromkeys(options_of[d] for d in sorted(args.typed) if d in options_of))
    if args.events_style is not None:
        typed.append("events_style")
    check_used(args.format, typed)
    if "seed" in args.typed and "split" not in args.typed:
        raise AnnotatorError("--seed is the seed of --split: give --split too, or no --seed")
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


def _import_schema(project: Any, path: Path) -> None:
    """``schema --import``: a file defining no label, event type or relation type is refused
    (an empty or comment-only file is a mistake far more often than a wish to empty the
    schema), nothing written. Otherwise the schema is replaced and annotations are kept as
    they are (a schema edit deletes none); the labels they carry that the new schema lacks
    are said, with their counts, as ``check`` would list them."""
    schema = _read_schema(path)
    if not schema.all_labels():
        raise AnnotatorError(
            Message(
                "{path}: the schema file defines no label, event type or relation type; "
                "the project's schema is unchanged",
                path=str(path),
            )
        )
    project.set_schema(schema)
    print(f"schema imported from {path}")
    kept = {lab.name for lab in schema.all_labels()}
    missing = {k: n for k, n in project.label_counts().items() if k not in kept and n}
    if missing:
        listed = ", ".join(f"{name!r} ({n})" for name, n in sorted(missing.items()))
        print(
            Message(
                "warning: spans carry labels the schema no longer defines, kept as they are "
                "('annotator check' lists them): {labels}",
                labels=listed,
            ),
            file=sys.stderr,
        )


def cmd_schema(args: argparse.Namespace) -> int:
    from annotator.terminal import visual

    project = _open(args.project, read_only=not args.import_file)
    with project:
        if args.import_file:
            _import_schema(project, Path(args.import_file))
        if args.export_file:
            from annotator.output import is_stdout, write_text

            out = _output_path(args.export_file)
            if out.suffix == ".conf" or out.name == "annotation.conf":
                from annotator.formats.brat_conf import write_annotation_conf

                text, _ = write_annotation_conf(project.schema)
                write_text(out, "annotation-conf", text, streams=True)
            else:
                text = json.dumps(project.schema.to_json(), ensure_ascii=False, indent=2)
                write_text(
                    out, "schema-json", text + "\n" if is_stdout(out) else text, streams=True
                )
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
    from annotator.exporting import damaged_records
    from annotator.output import check
    from annotator.terminal import ProgressBar

    out = _no_stdout(
        _output_path(args.output), "a bundle is a zip file, which does not go to standard output"
    )
    check(out, "bundle", streams=False)  # refused before any work
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
        damaged = damaged_records(project, args.annotator)
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(manifest.counts.items()))
    print(f"bundle of {manifest.annotator} written to {args.output} ({counts})")
    if damaged is not None:
        print(damaged)
    return 0


def split_pair(text: str, ours: set[str], option: str) -> tuple[str, str]:
    """``THEIRS=OURS`` split at its one ``=``; with several, at the one followed by a name of
    ``ours`` (the project's labels, or roles), else it is ambiguous: an error."""
    cuts = [i for i, c in enumerate(text) if c == "="]
    if len(cuts) > 1:
        cuts = [i for i in cuts if 0 < i < len(text) - 1 and text[i + 1 :] in ours]
        if len(cuts) != 1:
            raise AnnotatorError(
                f"{option} {text!r} is ambiguous: it holds several '=' and "
                + ("none" if not cuts else "more than one")
                + " of them is followed by a name of the project's schema"
            )
    theirs, ours_name = text[: cuts[0]], text[cuts[0] + 1 :]
    if not theirs or not ours_name:
        raise AnnotatorError(f"{option}: expected THEIRS=OURS, e.g. Per=PER, not {text!r}")
    return theirs, ours_name


def _pairs(values: list[str] | None, ours: set[str], option: str) -> dict[str, str]:
    """``--map``'s (or ``--map-role``'s) values as a map, each split by ``split_pair``; a
    name mapped twice otherwise is an error."""
    out: dict[str, str] = {}
    for text in values or ():
        theirs, our_name = split_pair(text, ours, option)
        if out.setdefault(theirs, our_name) != our_name:
            raise AnnotatorError(
                f"{option} {theirs}= given twice, as {out[theirs]!r} and {our_name!r}"
            )
    return out


def _check_sources(
    project: Project,
    sources: list[Path],
    is_project: list[bool],
    label_map: dict[str, str],
    role_map: dict[str, str],
) -> Bundle | None:
    """Read and check every source, and its maps as its merge will (``check_maps``; the
    project's schema as the sources before it leave it), before any is merged: an
    unreadable source or a refused map is an error with nothing written. A bundle is read
    whole (``read_bundle``), a project file opened and its schema read as its merge opens
    it (and its records' labels and roles, for the maps).

    One bundle at a time is held: the first source is read last and kept for its merge
    (returned, or None for a project file); the others are read again when merged. When a
    later source fails, the first is read too, so the fault told is the first source's."""
    from annotator.exchange import read_bundle
    from annotator.exchange.label_map import kinds_of_records, roles_of_records
    from annotator.exchange.merge import check_maps, project_file_labels, project_file_schema

    maps = bool(label_map or role_map)
    held: dict[int, tuple[Schema, dict[str, str], set[str], str]] = {}

    def read(i: int) -> Bundle | None:
        path = sources[i]
        if is_project[i]:
            if maps:
                held[i] = (*project_file_labels(path), str(path))
            else:
                project_file_schema(path)
            return None
        bundle = read_bundle(path)
        if maps:
            records = bundle.records
            held[i] = bundle.schema, kinds_of_records(records), roles_of_records(records), path.name
        return bundle

    first = None
    for i in [*range(1, len(sources)), 0]:
        try:
            bundle = read(i)
        except AnnotatorError:
            if i:
                read(0)  # its fault, if it has one, is told first
            raise
        if i == 0:
            first = bundle
        del bundle  # one bundle in memory at a time
    if maps:
        schema = project.schema
        for i in range(len(sources)):
            _, _, schema = check_maps(schema, *held[i], label_map, role_map)
    return first


def _is_project_file(path: Path) -> bool:
    """Whether ``path`` holds a project file (an SQLite database) rather than a bundle (a
    zip), told by its content; an ImportFormatError when it is neither (or unreadable)."""
    import zipfile

    from annotator.errors import ImportFormatError, Message
    from annotator.files import read_head, shown
    from annotator.store import SQLITE_HEADER

    # the header only (a project file may be gigabytes), read as every input file is
    head = read_head(path, len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        return True
    # a zip begins with a local header (PK); one with data before it ends with a directory
    if head.startswith(b"PK") or zipfile.is_zipfile(path):
        return False
    raise ImportFormatError(
        shown(path),
        None,
        Message("not an annotator project or bundle (neither an SQLite file nor a zip file)"),
    )


def cmd_merge(args: argparse.Namespace) -> int:
    import shlex

    from annotator.exchange import merge_bundle, merge_project_file, read_bundle
    from annotator.terminal import ProgressBar

    project = _open(args.project)
    with project:
        schema = project.schema
        label_map = _pairs(args.label_map, {x.name for x in schema.all_labels()}, "--map")
        roles = {r.name for e in schema.events for r in e.roles}
        role_map = _pairs(args.role_map, roles, "--map-role")
        paths = [Path(source) for source in args.sources]
        is_project = [_is_project_file(path) for path in paths]
        # one source is merged in one transaction; with several, every source is read and
        # checked before the first is merged, so a refusal leaves the project as it was
        first = None
        if len(paths) > 1:
            first = _check_sources(project, paths, is_project, label_map, role_map)
        for i, path in enumerate(paths):
            bar = ProgressBar(f"merge {path.name}")
            try:
                if is_project[i]:
                    report = merge_project_file(
                        project, path, progress=bar, label_map=label_map, role_map=role_map
                    )
                else:
                    # the first source, read last by the check, is not read again
                    bundle = first if i == 0 and first is not None else read_bundle(path)
                    first = None
                    report = merge_bundle(
                        project, bundle, path.name, progress=bar,
                        label_map=label_map, role_map=role_map,
                    )  # fmt: skip
                    del bundle
            finally:
                bar.close()
            print(f"== {path}")
            for line in report.lines():
                print(line)
            for offer in report.offers:  # an offer, printed: never applied without --map
                if offer.proposed:
                    pair = shlex.quote(f"{offer.name}={offer.proposed}")
                    print(
                        f"offer: --map {pair} (the project's "
                        f"{offer.proposed!r} but for case or folding; without it "
                        + ("added as a label of its own)" if offer.added else
                           "its records are quarantined)")
                    )  # fmt: skip
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
            layers = ", ".join(project.annotators())
            with_gold = args.annotators is None and not args.with_gold and len(names) == 1
            if with_gold and "gold" in project.annotators():
                # gold, left out unless asked for, is the second layer: say so
                raise AnnotatorError(
                    f"agreement needs two layers besides gold (layers: {layers}); "
                    "add --with-gold to compare with gold"
                )
            raise AnnotatorError(f"agreement needs at least two layers (layers: {layers})")
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


# -- search ------------------------------------------------------------------------------------
@functools.cache
def _unprintable() -> re.Pattern[str]:
    """Any character ``_printable`` changes: a control character (Unicode category Cc is
    exactly U+0000-U+001F and U+007F-U+009F), a bidi control or zero-width character."""
    from annotator.text import INVISIBLES, TATWEEL

    shown = "".join(re.escape(c) for c in INVISIBLES if c != TATWEEL)
    return re.compile(f"[\x00-\x1f\x7f-\x9f{shown}]")


def _printable(text: str) -> str:
    """Untrusted text for a terminal: bidi controls and zero-width characters as ⟦NAME⟧,
    other control characters (escape sequences!) as ⟦U+XXXX⟧, line breaks and tabs as spaces."""
    if _unprintable().search(text) is None:  # most text: nothing to change
        return text
    import unicodedata

    from annotator.text import visible_invisibles

    text = visible_invisibles(text.replace("\n", " ").replace("\t", " "))
    if not any(unicodedata.category(c) == "Cc" for c in text):
        return text
    return "".join(f"⟦U+{ord(c):04X}⟧" if unicodedata.category(c) == "Cc" else c for c in text)


def _labels_known(project: Any, labels: list[str]) -> list[str]:
    from annotator.formats.common import unknown_name

    known = [lab.name for lab in project.schema.span_labels()]
    known += sorted(set(project.label_counts()) - set(known))
    for label in labels:
        if label not in known:
            raise AnnotatorError(unknown_name("label", label, known))
    return labels


def _span_ranges(project: Any, labels: list[str], layers: list[str]) -> dict[int, list[Any]]:
    """doc_id → the (start, end) pieces of the live spans with one of ``labels`` (any when
    empty) in one of ``layers`` (any when empty), sorted."""
    from annotator.model import Span
    from annotator.search import SpanFilter, filter_spans
    from annotator.search.annotations import pieces

    where = SpanFilter(labels=frozenset(labels), layers=frozenset(layers))
    records = project.iter_records("spans", layers[0] if len(layers) == 1 else None)
    out: dict[int, list[Any]] = {}
    for span in filter_spans((r for r in records if isinstance(r, Span)), where):
        out.setdefault(span.doc_id, []).extend(pieces(span))
    for ranges in out.values():
        ranges.sort()
    return out


def _inside(start: int, end: int, ranges: list[Any]) -> bool:
    import bisect

    k = bisect.bisect_right(ranges, (start, float("inf")))
    return any(a <= start and end <= b for a, b in ranges[:k])


KWIC_WIDTH = 40
"""context characters each side of a keyword in the terminal concordance"""


def _kwic_row(line: Any, visual_order: bool) -> str:
    """One concordance line for a terminal: the keyword column aligned, the context before it
    in reading order on the side reading starts from (the right for Arabic).

    Logical order (the default: the terminal applies bidi): ``before`` padded at its far
    start, the keyword, ``after`` padded at its far end, so an Arabic line, laid out right to
    left by the terminal, shows before | keyword | after from right to left. ``--visual``: the
    cells are reshaped and reordered here and placed as ``annotator.search.layout`` says."""
    from annotator.search import layout
    from annotator.search.matching import has_arabic
    from annotator.terminal import visual

    w = KWIC_WIDTH
    before = _printable(line.before)[-w:]
    keyword = _printable(line.keyword)
    after = _printable(line.after)[:w]
    if not visual_order:
        return f"{before:>{w}}  {keyword}  {after:<{w}}"
    cells = {"before": visual(before), "keyword": visual(keyword), "after": visual(after)}
    out = []
    for column in layout(rtl=has_arabic(line.keyword + line.before + line.after)):
        text = cells[column.field]
        if column.field == "keyword":
            out.append(text)
        else:
            out.append(f"{text:>{w}}" if column.align == "right" else f"{text:<{w}}")
    return "  ".join(out)


SEARCH_MODES = {"word": "word", "prefix": "prefix", "any": "substring"}
"""``--mode`` names → ``annotator.search.Mode`` values"""


def cmd_search(args: argparse.Namespace) -> int:
    from annotator.search import Mode, Query
    from annotator.search.corpus import search_blocks
    from annotator.terminal import visual

    query = Query(args.query, Mode.REGEX if args.regex else Mode(SEARCH_MODES[args.mode]))
    query.matcher()  # a bad query (empty, a broken regular expression) fails before any work
    if args.kwic:
        from annotator.search.kwic import line_of
        from annotator.search.matching import Hit
    project = _open(args.project, read_only=True)
    limit = args.limit if args.limit is not None else -1
    hits = 0
    documents = 0
    write = sys.stdout.write
    plain = _unprintable().search  # None: nothing ``_printable`` would change
    with project:
        layers = [_known_layer(project, a) for a in args.annotator or []]
        labels = _labels_known(project, args.label) if args.label else []
        ranges = _span_ranges(project, labels, layers) if labels or layers else None
        # the index's candidates (when it is fresh), each matched once on its text; a
        # document's lines are written at once
        found = (f for block in search_blocks(project, query, ranges) for f in block)
        lines_only = ranges is None and not (args.json or args.kwic or args.visual)
        for doc_id, name, text, spans in found:
            where = visual(name if plain(name) is None else _printable(name), args.visual)
            if lines_only:  # the usual output, with no option to look at for each hit
                if hits + len(spans) >= limit > 0:
                    spans = spans[: limit - hits]
                lines = []
                for start, end in spans:
                    shown = text[start:end]
                    if plain(shown) is not None:
                        shown = _printable(shown)
                    lines.append(f"{where}:{start}-{end}\t{shown}\n")
                write("".join(lines))
                hits += len(lines)
                documents += 1
                if hits == limit:
                    break
                continue
            inside = None if ranges is None else ranges[doc_id]
            lines = []
            for start, end in spans:
                if inside is not None and not _inside(start, end, inside):
                    continue
                hits += 1
                if args.json:
                    row: dict[str, Any] = {
                        "document": name,
                        "doc_id": doc_id,
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                    }
                    if args.kwic:
                        kwic = line_of(Hit(doc_id, start, end), text)
                        row["before"], row["after"] = kwic.before, kwic.after
                    lines.append(json.dumps(row, ensure_ascii=False))
                elif args.kwic:
                    kwic = line_of(Hit(doc_id, start, end), text)
                    lines.append(f"{where}:{start}-{end}\t{_kwic_row(kwic, args.visual)}")
                else:
                    shown = text[start:end]
                    if plain(shown) is not None:
                        shown = _printable(shown)
                    lines.append(f"{where}:{start}-{end}\t{visual(shown, args.visual)}")
                if hits == limit:
                    break
            if lines:
                documents += 1
                lines.append("")
                write("\n".join(lines))
            if hits == limit:
                break
    more = " (--limit reached)" if hits == limit else ""
    print(f"{hits} hit(s) in {documents} document(s){more}", file=sys.stderr)
    return 0


# -- the team hub ------------------------------------------------------------------------------
class _SyncBars:
    """A ``SyncProgress`` (phase, done, total): one progress bar per phase, on stderr."""

    def __init__(self) -> None:
        from annotator.terminal import ProgressBar

        self._make = ProgressBar
        self.phase = ""
        self.bar: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase, self.bar = phase, self._make(f"sync: {phase}")
        self.bar(done, total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


INTERRUPTED_SYNC = (
    "annotator: interrupted; what the sync committed stays, and the next sync goes on from there"
)


def _check_url(url: str) -> None:
    """Refuse an empty hub URL or one holding a password (``hub.check_url``), before
    anything is opened."""
    from annotator.hub import check_url

    check_url(url)


def cmd_sync(args: argparse.Namespace) -> int:
    from annotator.hub import sync

    _check_url(args.url)
    project = _open(args.project)  # for writing: the shared project lock, as merge takes it
    bars = _SyncBars()
    with project:
        try:
            report = sync(project, args.url, bars, full=args.full)
        except KeyboardInterrupt:
            bars.close()
            print(INTERRUPTED_SYNC, file=sys.stderr)
            return 130
        finally:
            bars.close()
    for line in report.lines():
        print(_printable(line))
    return 0


def cmd_hub(args: argparse.Namespace) -> int:
    _check_url(args.url)
    run = globals()[args.hub_func]
    return int(run(args))


def cmd_hub_init(args: argparse.Namespace) -> int:
    from annotator.hub import describe, init_hub

    schema = _read_schema(Path(args.schema)) if args.schema else None
    done = init_hub(args.url, schema)
    applied = ", ".join(done.applied) if done.applied else "none (up to date)"
    print(f"hub {describe(args.url)}: version {done.version}, id {done.hub_id}")
    print(f"migrations applied: {applied}")
    return 0


def cmd_hub_member(args: argparse.Namespace) -> int:
    from annotator.hub import add_member, describe

    if args.kind == "coordinator" and args.layer is not None:
        raise AnnotatorError("a coordinator writes no layer: leave --layer out")
    if args.kind != "coordinator" and args.layer is None:
        raise AnnotatorError(f"an {args.kind} writes a layer: name it with --layer")
    add_member(args.url, args.role, args.kind, args.layer)
    layer = f", layer {args.layer}" if args.layer else ""
    print(f"{args.role} is a member of the hub {describe(args.url)}: {args.kind}{layer}")
    return 0


def cmd_hub_add_documents(args: argparse.Namespace) -> int:
    from annotator.hub import add_project_documents, describe
    from annotator.terminal import ProgressBar

    project = _open(args.project, read_only=True)
    with project:
        total = len(project.documents())
        bar = ProgressBar("add documents")
        try:
            added = add_project_documents(args.url, project, bar)
        finally:
            bar.close()
    print(
        f"{added} documents added to the hub {describe(args.url)} ({total - added} already there)"
    )
    return 0


def _member_layer(url: str, layer: str) -> str:
    """``layer`` if a member of the hub writes it, else an error naming the closest one."""
    from annotator.formats.common import unknown_name
    from annotator.hub import members

    layers = sorted({lay for _, _, lay in members(url) if lay is not None})
    if layer not in layers:
        raise AnnotatorError(unknown_name("member layer", layer, layers))
    return layer


def cmd_hub_assign(args: argparse.Namespace) -> int:
    from annotator.hub import Overlap, assign

    more = args.overlap if args.more is None else args.more
    if args.more is not None and args.more != args.overlap and args.share == 0:
        raise AnnotatorError("--more needs --share (the share of documents that get it)")
    if args.share > 0 and args.more is None:
        raise AnnotatorError("--share needs --more (how many analysts those documents get)")
    for layer in args.layers:
        _member_layer(args.url, layer)
    report = assign(args.url, args.layers, Overlap(args.overlap, more, args.share, args.seed))
    for line in report.lines():
        print(_printable(line))
    return 0


def _queue_rows(items: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "sha256": q.sha256,
            "doc_id": q.doc_id,
            "name": q.name,
            "status": q.status.value,
            "layers": list(q.layers),
        }
        for q in items
    ]


def _print_queue(items: list[Any], as_json: bool, what: str) -> None:
    if as_json:
        print(json.dumps(_queue_rows(items), ensure_ascii=False))
        return
    for q in items:
        where = "not synced yet" if q.doc_id is None else f"id {q.doc_id}"
        layers = f"\t{', '.join(q.layers)}" if q.layers else ""
        print(f"{q.status.value:<12} {_printable(q.name)}\t({where}){layers}")
    print(f"{len(items)} {what}")


def cmd_hub_queue(args: argparse.Namespace) -> int:
    from annotator.hub import queue

    _member_layer(args.url, args.layer)
    project = _open(args.project, read_only=True)
    with project:
        items = queue(args.url, project, args.layer)
    _print_queue(items, args.json, "document(s) to do")
    return 0


def _default_mirror(url: str) -> Path:
    import hashlib
    import os

    from annotator.hub import describe

    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    name = hashlib.sha256(describe(url).encode()).hexdigest()[:16]
    folder = Path(base) / "annotator" / "hub-mirrors"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.annotator"


def _mirror_path(url: str, mirror: str | None) -> Path:
    """The mirror named, or the default one; the hub is reached before a mirror is made."""
    if mirror and Path(mirror).exists():
        return Path(mirror)
    from annotator.hub import connect

    with connect(url):  # an unreachable hub makes no mirror
        pass
    return Path(mirror) if mirror else _default_mirror(url)


def _synced_mirror(url: str, mirror: str | None) -> Any:
    """The mirror project (created when missing), just synced with the hub."""
    from annotator.hub import sync
    from annotator.project import Project
    from annotator.schema import Schema

    path = _mirror_path(url, mirror)
    project = Project.open(path) if path.exists() else Project.create(path, Schema())
    bars = _SyncBars()
    try:
        sync(project, url, bars)
    except BaseException:
        project.close()
        raise
    finally:
        bars.close()
    return project


def cmd_hub_review_queue(args: argparse.Namespace) -> int:
    from annotator.hub import review_queue

    if args.project is not None and args.mirror is not None:
        raise AnnotatorError("give a project or --mirror, not both")
    if args.project is not None:
        project = _open(args.project, read_only=True)
    else:
        project = _synced_mirror(args.url, args.mirror)
    with project:
        items = review_queue(args.url, project)
    _print_queue(items, args.json, "document(s) to review")
    return 0


def cmd_hub_status(args: argparse.Namespace) -> int:
    from annotator.hub import status_report

    mirror = _mirror_path(args.url, args.mirror)
    bars = _SyncBars()
    try:
        status = status_report(args.url, mirror, bars)
    finally:
        bars.close()
    if args.json:
        data = {
            "analysts": [
                {
                    "layer": a.layer,
                    "assigned": a.assigned,
                    "done": a.done,
                    "in_progress": a.in_progress,
                    "spans": a.spans,
                    "active_hours": a.active_hours,
                    "spans_per_hour": a.spans_per_hour,
                }
                for a in status.analysts
            ],
            "pairs": [
                {"a": p.a, "b": p.b, "f1": p.f1, "kappa": p.kappa, "per_label": p.per_label}
                for p in status.pairs
            ],
            "mirror": str(mirror),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for line in status.lines():
        print("\t".join(_printable(cell) for cell in line.split("\t")))
    print(f"(read from the mirror {mirror}, synced now)")
    return 0


def cmd_hub_schema(args: argparse.Namespace) -> int:
    from annotator.hub import describe, set_team_schema

    set_team_schema(args.url, _read_schema(Path(args.schema)))
    print(f"team schema of the hub {describe(args.url)} set from {args.schema}")
    return 0


# -- suggestions: annotate-all, gazetteer, train, suggest ---------------------------------------
def _document_ids(project: Any, names: list[str] | None) -> list[int] | None:
    """The ids of the documents named (None: every document); an unknown name is an error
    naming the closest one."""
    if names is None:
        return None
    from annotator.formats.common import unknown_name

    out = []
    for name in dict.fromkeys(names):
        doc = project.document_by_name(name)
        if doc is None:
            known = [d.name for d in project.documents()]
            raise AnnotatorError(unknown_name("document", name, known))
        out.append(doc.id)
    return out


def _schema_label(project: Any, label: str) -> str:
    """``label`` if the project's schema has that span label, else an error naming the
    closest one."""
    from annotator.formats.common import unknown_name

    known = [lab.name for lab in project.schema.span_labels()]
    if label not in known:
        raise AnnotatorError(unknown_name("label", label, known))
    return label


def cmd_annotate_all(args: argparse.Namespace) -> int:
    from annotator.commands.suggestions import MAX_SUGGESTIONS, annotate_all

    limit = MAX_SUGGESTIONS if args.max is None else args.max
    project = _open(args.project)
    with project:
        _known_layer(project, args.from_layer)
        labels = _labels_known(project, args.label) if args.label else None
        documents = _document_ids(project, args.document)
        if args.to_layer is not None and not args.to_layer.strip():
            raise AnnotatorError("--to-layer: give a layer name")
        report = annotate_all(
            project, args.from_layer, args.to_layer, labels, documents, limit=limit
        )
    for line in report.lines():
        print(line)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from annotator.commands.suggestions import gazetteer

    path = Path(args.file)
    if path.is_dir() or not (path.exists() or path.is_symlink()):
        what = "a folder, not a gazetteer file" if path.is_dir() else "no such file"
        raise AnnotatorError(f"{path}: {what}")
    if args.label is not None and path.suffix.lower() == ".csv":  # refused, never ignored
        raise AnnotatorError(
            f"{path}: --label is for a .txt gazetteer; a .csv names a label on each row "
            "(name,label)"
        )
    # anything else there (a FIFO, a device) is named by the reader, which reads regular
    # files only
    project = _open(args.project)
    with project:
        if args.label is not None:
            _schema_label(project, args.label)
        documents = _document_ids(project, args.document)
        report = gazetteer(project, path, documents, args.label or "", args.name or "")
    for line in report.lines():
        print(line)
    return 0


MODEL_REPORT_FORMAT = "model-report-html"
"""``annotator.output``'s format name of the training report (a later run replaces its own)"""


def _model_report_path(args: argparse.Namespace) -> Path:
    if args.report:
        return _no_stdout(
            _output_path(args.report), "--report cannot be '-': the scores go to standard output"
        )
    project = Path(args.project)
    return project.with_name(f"{project.stem}.model-report.html")


class _PhaseBars:
    """``annotator.learn``'s progress (phase, done, total): one bar per phase, on stderr. It
    returns None, so it never cancels (Ctrl+C stops a command, as always)."""

    def __init__(self) -> None:
        from annotator.terminal import ProgressBar

        self._make = ProgressBar
        self.phase = ""
        self.bar: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase, self.bar = phase, self._make(phase)
        self.bar(done, total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def cmd_train(args: argparse.Namespace) -> int:
    from annotator.commands.suggestions import train_and_store
    from annotator.output import check, write_text

    report = _model_report_path(args)
    check(report, MODEL_REPORT_FORMAT)  # refused before any training
    project = _open(args.project)
    bars = _PhaseBars()
    with project:
        _known_layer(project, args.annotator)
        try:
            trained = train_and_store(
                project, args.annotator, args.status, args.eval_split, args.seed, bars
            )
        finally:
            bars.close()
    write_text(report, MODEL_REPORT_FORMAT, trained.result.report_html())
    for line in trained.lines():
        print(line)
    print(f"report written to {report}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.commands.suggestions import suggest_stored
    from annotator.learn import suggestion_json

    project = _open(args.project)
    left_out: list[str] = []
    with project:
        documents = _document_ids(project, args.document)
        if args.source is not None and args.from_file is None and args.spacy is None:
            raise AnnotatorError("--source names the source of --from or --spacy: give one")
        if args.from_file is not None or args.spacy is not None:
            from annotator.learn.external import (
                store_file_suggestions,
                store_pipeline_suggestions,
            )
            from annotator.terminal import ProgressBar

            from_file = args.from_file is not None
            # bytes of the file read (line by line), or documents the pipeline has read
            bar = ProgressBar("suggest", unit="B" if from_file else "doc")
            store = store_file_suggestions if from_file else store_pipeline_suggestions
            try:
                imported = store(
                    project,
                    Path(args.from_file if from_file else args.spacy),
                    documents,
                    args.min_score,
                    source=args.source,
                    progress=bar,
                )
            finally:
                bar.close()
            found = imported.suggestions
            report = [str(line) for line in imported.lines()]  # and what was not stored, why
            report += [str(line) for line in imported.skipped()]  # other documents' lines
        else:
            made = suggest_stored(project, documents, args.min_score)
            found = made.suggestions
            left_out = [str(line) for line in made.lines()]  # labels the schema lacks
            report = []
        names = {d.id: d.name for d in project.documents()}
    for s in found:
        name = names[s.doc_id]
        if args.json:
            print(json.dumps(suggestion_json(s, name), ensure_ascii=False))
        else:
            where = f"{_printable(name)}:{s.start}-{s.end}"
            print(f"{where}\t{s.label}\t{s.score:.3f}\t{_printable(s.text)}")
    if report:
        for line in report:
            print(_printable(line), file=sys.stderr)
        return 0
    for line in left_out:
        print(_printable(line), file=sys.stderr)
    sources = ", ".join(sorted({s.source for s in found})) or "the model"
    print(
        f"{len(found)} suggestion(s) pending from {sources} in "
        f"{len({s.doc_id for s in found})} document(s)",
        file=sys.stderr,
    )
    return 0
