"""The ``annotator`` command: every subcommand exits 0 on success, 1 on failure with one line
``annotator: error: ...`` on stderr, 2 on a usage error (argparse's usage and error lines).

Names the project must know — layers, labels, documents — and names from a fixed set —
formats, statuses, split names — are checked before any work; an unknown one is an error that
suggests the closest name. Exports refuse what would write empty or wrong data
(``annotator.exporting.check_export``).

Arabic in terminal tables is printed in logical order by default (terminals such as GNOME
Terminal or Konsole apply bidi themselves); ``--visual`` reshapes and reorders it for
terminals that do not.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError
from annotator.formats.common import (
    OVERLAP_POLICIES,
    TAG_SCHEMES,
    ExportOptions,
    closest,
    split_pairs,
    unknown_name,
)
from annotator.formats.registry import EXPORT_FORMATS, IMPORT_FORMATS, detect_format, read_any
from annotator.terminal import ProgressBar, visual


def _open(path: str, read_only: bool = False) -> Any:
    from annotator.project import Project

    return Project.open(path, read_only=read_only)


def _known_layer(project: Any, name: str) -> str:
    """``name`` if the project has that layer, else an error naming the closest one."""
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
    from annotator.importing import DEFAULT_ANNOTATOR, NEW_LABEL_POLICIES, import_documents

    assert (_DEFAULT_ANNOTATOR, _NEW_LABEL_POLICIES) == (DEFAULT_ANNOTATOR, NEW_LABEL_POLICIES)

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
    from annotator.output import is_stdout

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
    from annotator.output import check

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
                raise AnnotatorError(unknown_name("document", args.document, names))
    return int(args.gui_runner(args))


OUTPUT_HELP = (
    "file or folder to write; '-' is standard output ("
    + ", ".join(n for n, f in EXPORT_FORMATS.items() if f.stream)
    + "); an existing path is replaced only if it is an earlier export of the same format, "
    "left as written"
)


EXIT_STATUS = (
    "exit status: 0 success; 1 failure, with one line 'annotator: error: ...' on stderr; "
    "2 usage error (a missing or malformed argument). Unknown names (layers, labels, "
    "statuses, split names, formats) are errors that suggest the closest name."
)
VISUAL_HELP = "reshape and reorder Arabic for terminals that do no bidi"


_DEFAULT_ANNOTATOR = "imported"
_NEW_LABEL_POLICIES = ("error", "add", "skip")
"""``annotator.importing``'s, written here so that building the parser (``--help``) does not
load the importer, the project and the store; ``cmd_import`` checks they are the same"""


class _VersionAction(argparse.Action):
    """``--version``: the package metadata is read (``importlib.metadata``) only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(version())  # on standard output, as argparse's own version action
        parser.exit()


def version() -> str:
    """``annotator <version>`` from the installed package's metadata."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return f"annotator {installed('annotator')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "annotator (not installed)"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with each option's default shown as ``(default: ...)`` when it takes a
    value and its help does not already say (flags are off unless given)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        shown = (
            action.option_strings
            and action.nargs != 0
            and action.default not in (None, argparse.SUPPRESS)
            and "default" not in text
        )
        return f"{text} (default: %(default)s)" if shown else text


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with the closest choice suggested for an invalid one (a misspelt format,
    status or command)."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as exc:
            choices = [str(c) for c in action.choices or ()]
            near = closest(value, choices) if isinstance(value, str) else None
            if near is None:
                raise
            raise argparse.ArgumentError(action, f"{exc.message}; did you mean {near!r}?") from None


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="annotator",
        description=__doc__.splitlines()[0],
        epilog=EXIT_STATUS,
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help, description=help, epilog=EXIT_STATUS, formatter_class=HelpFormatter
        )
        p.set_defaults(func=func)
        return p

    def project(p: argparse.ArgumentParser, what: str = "the project file") -> None:
        p.add_argument("project", help=f"{what} (.annotator)")

    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def visual_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--visual", action="store_true", help=VISUAL_HELP)

    p = add("init", cmd_init, "create a new project file")
    project(p, "the project file to create")
    p.add_argument("--schema", help="schema JSON or brat annotation.conf (default: ACE 2005)")

    p = add("import", cmd_import, "import documents (and their annotations) in one transaction")
    project(p)
    p.add_argument("files", nargs="+", help="files or folders to import")
    p.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        default="auto",
        help="format of the files; auto decides by suffix, and by content for .txt",
    )
    p.add_argument(
        "--annotator",
        help=f"layer for documents that name none (default: {_DEFAULT_ANNOTATOR})",
    )
    p.add_argument("--text-column", default="text", help="CSV column holding the text")
    p.add_argument(
        "--new-labels",
        choices=_NEW_LABEL_POLICIES,
        default="error",
        help="labels the schema lacks: stop the import, add them to the schema, or skip and "
        "report their annotations",
    )
    p.add_argument("--lenient", action="store_true", help="skip malformed lines and report them")

    p = add("docs", cmd_docs, "list documents")
    project(p)
    p.add_argument(
        "--annotator",
        help="count the spans of this layer and show its statuses (default: spans of every "
        "layer, no status)",
    )
    json_flag(p)
    visual_flag(p)

    p = add("stats", cmd_stats, "counts of documents, annotations and labels")
    project(p)
    json_flag(p)
    visual_flag(p)

    p = add("check", cmd_check, "integrity check, covered texts and schema violations")
    project(p)

    p = add("export", cmd_export, "export training data or interchange files")
    project(p)
    p.add_argument(
        "--format", choices=sorted(EXPORT_FORMATS), default="jsonl", help="the format to write"
    )
    p.add_argument("--output", "-o", required=True, help=OUTPUT_HELP)
    p.add_argument(
        "--annotator",
        help="the layer to export; needed when documents are in more than one layer (except "
        "for jsonl, whose lines name their layer)",
    )
    p.add_argument(
        "--status",
        choices=("new", "in_progress", "done"),
        help="only the documents with this status (default: every document)",
    )
    p.add_argument(
        "--overlap",
        choices=OVERLAP_POLICIES,
        default="outermost",
        help="which span a one-tag-per-token format keeps where spans overlap",
    )
    p.add_argument("--scheme", choices=TAG_SCHEMES, default="IOB2", help="tag scheme of conll, hf")
    p.add_argument("--docstart", action="store_true", help="CoNLL: -DOCSTART- lines")
    p.add_argument("--spans-key", default="sc", help="spaCy SpanGroup key")
    p.add_argument(
        "--split",
        default="",
        help="split names train, validation (or dev), test with ratios, e.g. "
        "train=0.8,validation=0.1,test=0.1; ratios are weights (train=8,test=2 is 80/20 %%) "
        "(default: no split)",
    )
    p.add_argument("--seed", default="0", help="seed of the split")
    p.add_argument(
        "--tokenizer",
        choices=("default", "spacy"),
        default="default",
        help="word splitter of the token formats (spacy: spaCy's Arabic tokenizer)",
    )
    styles = EXPORT_FORMATS["events"].styles
    p.add_argument(
        "--events-style",
        choices=styles,
        help="events format: oneie writes OneIE/TextEE sentence lines, dygiepp DyGIE++ "
        f"document lines (default: {styles[0]})",
    )

    p = add("schema", cmd_schema, "show, import or export the project's schema")
    project(p)
    p.add_argument("--import", dest="import_file", help="schema JSON or annotation.conf")
    p.add_argument(
        "--export", dest="export_file", help="write .json or annotation.conf ('-': stdout)"
    )
    visual_flag(p)

    p = add("bundle", cmd_bundle, "write one annotator's layer to a bundle file for a colleague")
    project(p)
    p.add_argument("--annotator", required=True, help="the layer to write")
    p.add_argument("--output", "-o", required=True, help="the bundle file to write")
    p.add_argument("--hashes-only", action="store_true", help="leave document texts out")

    p = add("merge", cmd_merge, "merge bundles or other project files into a project")
    project(p, "the project file to merge into")
    p.add_argument("sources", nargs="+", help="bundle files or .annotator project files")

    p = add("agreement", cmd_agreement, "inter-annotator agreement (span F1, kappa, alpha)")
    project(p)
    p.add_argument("--annotators", help="comma-separated (default: every layer but gold)")
    p.add_argument("--with-gold", action="store_true", help="include the gold layer")
    p.add_argument("--labels", help="comma-separated labels to score (default: all)")
    json_flag(p)
    p.add_argument("--report", help="write a self-contained HTML report")
    visual_flag(p)

    p = add("gui", cmd_gui, "open the workbench (or render a screenshot)")
    p.add_argument("project", nargs="?", help="the project file to open (default: none)")
    p.add_argument("--document", help="document name to show")
    p.add_argument("--annotator", help="the layer to show (default: the workbench's choice)")
    p.add_argument("--screenshot", help="render the window to this PNG and exit")
    p.add_argument("--size", default="1400x900", help="window size for --screenshot, WxH")
    return parser


GuiRunner = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run the command line; ``gui`` runs the ``gui`` subcommand (given by ui.entry).

    Every failure ends in one line on stderr and exit status 1; a usage error (unknown
    option, missing argument) exits 2 with argparse's usage line first. ``AnnotatorError``
    carries its own message; as a last safety net an ``OSError`` (disk full, read-only file system,
    permission...) or a database error the store did not translate is put into one line too.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    from annotator.store import DATABASE_ERRORS  # after parsing: --help needs no store

    args.gui_runner = gui
    try:
        return int(args.func(args))
    except AnnotatorError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        return _fail(_os_error(exc, args))
    except DATABASE_ERRORS as exc:
        return _fail(f"{getattr(args, 'project', '')}: database error: {exc}".lstrip(": "))


def _fail(message: str) -> int:
    line = " ".join(message.split())  # one line, whatever the message held
    print(f"annotator: error: {line}", file=sys.stderr)
    return 1


def _os_error(exc: OSError, args: argparse.Namespace) -> str:
    """One line for an operating-system error: what happened, and to which file."""
    import errno

    written = [getattr(args, name, None) for name in ("output", "export_file", "report")]
    where = exc.filename or next((w for w in written if w), None) or getattr(args, "project", None)
    reason = {
        errno.ENOSPC: "no space left on device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{reason}: {where}" if where else reason


if __name__ == "__main__":
    raise SystemExit(main())
