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
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.output import StdoutFailed

# ``annotator --help`` loads only this module and argparse (issue 12): what the commands do
# is in ``annotator.cli_commands``, imported when one runs; a subcommand's parser is made only
# when that subcommand is chosen, and the formats its options list are imported then.


def _output_help() -> str:
    from annotator.formats.registry import EXPORT_FORMATS

    return (
        "file or folder to write; '-' is standard output ("
        + ", ".join(n for n, f in EXPORT_FORMATS.items() if f.stream)
        + "); an existing path is replaced only if it is an earlier export of the same format, "
        "left as written"
    )


EXIT_STATUS = (
    "exit status: 0 success; 1 failure, with one line 'annotator: error: ...' on stderr; "
    "2 usage error (a missing or malformed argument); 130 interrupted (Ctrl+C). check: 1 "
    "problems found, 2 could not run. Unknown names (layers, labels, statuses, split names, "
    "formats) are errors that suggest the closest name."
)
CHECK_EXIT_STATUS = (
    "exit status, as grep's and linters': 0 no problem; 1 problems found (listed on stdout, "
    "their count on stderr too); 2 could not run: a usage error, or one line "
    "'annotator: error: ...' on stderr (the project missing, unreadable...); 130 interrupted. "
    "A broken pipe (check P | head) keeps the status of the problems found."
)
VISUAL_HELP = "reshape and reorder Arabic for terminals that do no bidi"


_DEFAULT_ANNOTATOR = "imported"
_NEW_LABEL_POLICIES = ("error", "add", "skip")
"""``annotator.importing``'s, written here so that building the parser (``--help``) does not
load the importer, the project and the store; a test checks they are the same"""


# -- option values ----------------------------------------------------------------------------
# Each malformed option value is a usage error (exit status 2, argparse's usage line and one
# error line), checked here as the value is parsed, never after: these are the ``type=`` of
# every option taking a number, a size or a split.


def whole_number(text: str, least: int, what: str) -> int:
    """``text`` as a whole number of at least ``least`` (``what`` names that bound in the
    error: "1", "0 (no limit)")."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"expected {what} or more, not {value}")
    return value


def positive_int(text: str) -> int:
    """A count: a whole number, 1 or more."""
    return whole_number(text, 1, "1")


def _fraction(text: str, *, below_one: bool) -> float:
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    upper = "under 1" if below_one else "1"
    if not (0.0 <= value < 1.0 if below_one else 0.0 <= value <= 1.0):  # NaN fails too
        raise argparse.ArgumentTypeError(f"expected a number from 0 to {upper}, not {text!r}")
    return value


def fraction(text: str) -> float:
    """A share or a score: a number from 0 to 1."""
    return _fraction(text, below_one=False)


def fraction_below_one(text: str) -> float:
    """A share that leaves something over: a number from 0 to under 1."""
    return _fraction(text, below_one=True)


def window_size(text: str) -> str:
    """``WIDTHxHEIGHT`` in pixels, each 1 or more (returned as given, e.g. ``1400x900``)."""
    w, x, h = text.strip().lower().partition("x")
    if not (x and w.isascii() and w.isdigit() and h.isascii() and h.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1400x900, not {text!r}")
    if int(w) < 1 or int(h) < 1:
        raise argparse.ArgumentTypeError(f"width and height must be 1 or more, not {text!r}")
    return f"{int(w)}x{int(h)}"


def label_pair(text: str) -> str:
    """``THEIRS=OURS``: a label of the merged source and the project's label to take it as
    (``--map``), returned as given: it is split when the project's schema is known
    (``cli_commands.split_pair``: at its one ``=``, or, when it holds several, at the one
    followed by a name of the project's). Some ``=`` must have a name on either side."""
    if not any(c == "=" and 0 < i < len(text) - 1 for i, c in enumerate(text)):
        raise argparse.ArgumentTypeError(f"expected THEIRS=OURS, e.g. Per=PER, not {text!r}")
    return text


def split_spec(text: str) -> str:
    """A split: ``name=ratio,...`` with names from ``SPLIT_NAMES`` and ratios that can be used
    (``annotator.formats.common.parse_splits``); returned as given."""
    from annotator.formats.common import OptionError, parse_splits

    try:
        parse_splits(text)
    except OptionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


class _VersionAction(argparse.Action):
    """``--version``: the package metadata is read (``importlib.metadata``) only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(version())  # on standard output, as argparse's own version action
        parser.exit()


def version() -> str:
    """``annotator <version>`` from the installed package's metadata."""
    from annotator.version import installed_version

    found = installed_version()
    return f"annotator {found}" if found else "annotator (not installed)"


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
            from annotator.formats.common import closest

            choices = [str(c) for c in action.choices or ()]
            near = closest(value, choices) if isinstance(value, str) else None
            if near is None:
                raise
            raise argparse.ArgumentError(action, f"{exc.message}; did you mean {near!r}?") from None


class _Subcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands whose parser is made when that subcommand is chosen.

    ``annotator --help`` lists every command with its help without building (or importing
    what builds) the others' parsers; ``annotator CMD ...`` and ``annotator CMD --help`` see
    the whole parser of CMD, made as ``add_parser`` makes it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: dict[str, tuple[dict[str, Any], Callable[[argparse.ArgumentParser], None]]]
        self.pending = {}

    def add_lazy(
        self, name: str, help: str, arguments: Callable[[argparse.ArgumentParser], None],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        """List ``name`` with its ``help`` now; make its parser (``add_parser(name,
        **kwargs)`` then ``arguments``) when it is parsed."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._name_parser_map[name] = None  # a known choice until it is made
        self.pending[name] = (kwargs, arguments)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        name = str(values[0])
        if name in self.pending:
            kwargs, arguments = self.pending.pop(name)
            del self._name_parser_map[name]
            arguments(self.add_parser(name, **kwargs))
        super().__call__(parser, namespace, values, option_string)


def _project_arg(p: argparse.ArgumentParser, what: str = "the project file") -> None:
    p.add_argument("project", help=f"{what} (.annotator)")


def _check_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.set_defaults(failure_status=2)  # 1 is "problems found" (CHECK_EXIT_STATUS)


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _visual_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--visual", action="store_true", help=VISUAL_HELP)


def _init_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p, "the project file to create")
    p.add_argument("--schema", help="schema JSON or brat annotation.conf (default: ACE 2005)")


def _import_arguments(p: argparse.ArgumentParser) -> None:
    from annotator.formats.registry import IMPORT_FORMATS

    _project_arg(p)
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
    # typed for no CSV file: refused, never ignored (cli_commands.cmd_import)
    p.set_defaults(typed=frozenset())
    p.add_argument(
        "--text-column", action=_Typed, default="text", help="CSV column holding the text"
    )
    p.add_argument(
        "--name-column",
        action=_Typed,
        help="CSV column holding each document's name (default: none; a row is then named "
        "FILE:LINE, the file's name without suffix and the line its record starts on)",
    )
    p.add_argument(
        "--new-labels",
        choices=_NEW_LABEL_POLICIES,
        default="error",
        help="labels the schema lacks: stop the import, add them to the schema, or skip and "
        "report their annotations",
    )
    p.add_argument("--lenient", action="store_true", help="skip malformed lines and report them")


def _docs_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument(
        "--annotator",
        help="count the spans of this layer and show its statuses (default: spans of every "
        "layer, no status)",
    )
    _json_flag(p)
    _visual_flag(p)


def _stats_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    _json_flag(p)
    _visual_flag(p)


def _export_arguments(p: argparse.ArgumentParser) -> None:
    from annotator.formats.common import OVERLAP_POLICIES, TAG_SCHEMES
    from annotator.formats.registry import EXPORT_FORMATS, ExportOption

    _project_arg(p)
    p.add_argument(
        "--format", choices=sorted(EXPORT_FORMATS), default="jsonl", help="the format to write"
    )
    p.add_argument("--output", "-o", required=True, help=_output_help())
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

    # an option a format may not use is noted when typed (``args.typed``): only then is it
    # refused for a format that does nothing with it (cli_commands.cmd_export, check_used)
    def only(option: ExportOption) -> str:
        users = ", ".join(sorted(n for n, f in EXPORT_FORMATS.items() if option in f.options))
        return f"{users} only"

    p.set_defaults(typed=frozenset())
    p.add_argument(
        "--overlap",
        action=_Typed,
        choices=OVERLAP_POLICIES,
        default="outermost",
        help=f"which span a one-tag-per-token format keeps where spans overlap ({only('overlap')})",
    )
    p.add_argument(
        "--scheme",
        action=_Typed,
        choices=TAG_SCHEMES,
        default="IOB2",
        help=f"tag scheme ({only('scheme')})",
    )
    p.add_argument(
        "--docstart",
        action=_Typed,
        nargs=0,
        const=True,
        default=False,
        help=f"-DOCSTART- lines between documents ({only('docstart')})",
    )
    p.add_argument(
        "--spans-key",
        action=_Typed,
        default="sc",
        help=f"spaCy SpanGroup key ({only('spans_key')})",
    )
    p.add_argument(
        "--split",
        action=_Typed,
        type=split_spec,
        default="",
        help="split names train, validation (or dev), test with ratios, e.g. "
        "train=0.8,validation=0.1,test=0.1; ratios are weights (train=8,test=2 is 80/20 %%) "
        f"(default: no split; {only('splits')})",
    )
    p.add_argument(
        "--seed", action=_Typed, default="0", help="seed of the split (given only with --split)"
    )
    p.add_argument(
        "--tokenizer",
        action=_Typed,
        choices=("default", "spacy"),
        default="default",
        help="word splitter of the token formats (spacy: spaCy's Arabic tokenizer; "
        f"{only('tokenizer')})",
    )
    styles = EXPORT_FORMATS["events"].styles
    p.add_argument(
        "--events-style",
        choices=styles,
        help="events format: oneie writes OneIE/TextEE sentence lines, dygiepp DyGIE++ "
        f"document lines (default: {styles[0]})",
    )


class _Typed(argparse.Action):
    """Store the option's value (``const`` for a flag: ``nargs=0``) and note its ``dest`` in
    ``args.typed``, so a command can tell an option typed from one left at its default."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, self.const if self.nargs == 0 else values)
        namespace.typed = frozenset({*getattr(namespace, "typed", ()), self.dest})


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument("--import", dest="import_file", help="schema JSON or annotation.conf")
    p.add_argument(
        "--export", dest="export_file", help="write .json or annotation.conf ('-': stdout)"
    )
    _visual_flag(p)


def _bundle_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument("--annotator", required=True, help="the layer to write")
    p.add_argument("--output", "-o", required=True, help="the bundle file to write")
    p.add_argument("--hashes-only", action="store_true", help="leave document texts out")


def _merge_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p, "the project file to merge into")
    p.add_argument(
        "sources",
        nargs="+",
        help="bundle files or .annotator project files (told apart by their content), merged "
        "in the order given; with several, every source is read and checked before any is "
        "merged, so an unreadable one leaves the project as it was",
    )
    p.add_argument(
        "--map",
        dest="label_map",
        action="append",
        type=label_pair,
        metavar="THEIRS=OURS",
        help="merge the records a source labels THEIRS (a label, event type or relation type "
        "of its schema or records) as the project's label OURS, judged like any other; repeat "
        "for several. Each source must hold THEIRS and the project's schema OURS, of the same "
        "kind, else that "
        "source is refused with nothing written. Without a map, a label the project lacks is "
        "added, or (one of ours written otherwise, Per for PER) its records are quarantined; "
        "the merge prints the maps it offers for those. The value is split at its '='; when "
        "it holds several (a name with '=' in it), at the one followed by a label of the "
        "project's schema, and refused as ambiguous when no or more than one is. With several "
        "sources every source's maps are checked before any is merged",
    )
    p.add_argument(
        "--map-role",
        dest="role_map",
        action="append",
        type=label_pair,
        metavar="THEIRS=OURS",
        help="merge the arguments a source gives the role THEIRS as filling the project's role "
        "OURS (a role of one of our event types); repeat for several; refused and split like "
        "--map (at the '=' followed by a role of the project's schema)",
    )


def _agreement_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument("--annotators", help="comma-separated (default: every layer but gold)")
    p.add_argument("--with-gold", action="store_true", help="include the gold layer")
    p.add_argument("--labels", help="comma-separated labels to score (default: all)")
    _json_flag(p)
    p.add_argument("--report", help="write a self-contained HTML report")
    _visual_flag(p)


def _gui_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "project",
        nargs="?",
        help="the project file to open, created when it does not exist (default: the project "
        "opened last, else the bundled sample project)",
    )
    p.add_argument("--document", help="document name to show")
    p.add_argument("--annotator", help="the layer to show (default: the workbench's choice)")
    p.add_argument("--screenshot", help="render the window to this PNG and exit")
    p.add_argument(
        "--size", type=window_size, default="1400x900", help="window size for --screenshot, WxH"
    )
    p.add_argument(
        "--lang",
        choices=("ar", "en"),
        help="interface language, Arabic or English (default: the one last chosen in the app, "
        "else the system locale's)",
    )


_HUB_KINDS = ("analyst", "adjudicator", "coordinator")
"""``annotator.hub.team.KINDS``, written here so that building the parser does not load the hub
(and psycopg); a test checks they are the same"""
_SEARCH_MODES = ("word", "prefix", "any")
"""``--mode`` names (``annotator.cli_commands.SEARCH_MODES`` maps them; a test checks them)"""
HUB_EXIT_STATUS = (
    "exit status: 0 success; 1 failure, with one line 'annotator: error: ...' on stderr (the "
    "hub unreachable, not a hub or newer than this annotator, the role not a member, a write "
    "the hub refused, a URL holding a password); 2 usage error; 130 interrupted (a sync keeps "
    "what it committed and the next one goes on from there). Passwords come from libpq "
    "(PGPASSWORD, ~/.pgpass or PGPASSFILE, a service file) and are never printed."
)


def _url_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "url",
        help="the hub: a PostgreSQL URL or connection string without password, e.g. "
        "'postgresql://amal@db.example.org/team?sslmode=verify-full' or 'service=team'",
    )


def _sync_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p, "the project file to sync")
    _url_arg(p)
    p.add_argument(
        "--full",
        action="store_true",
        help="push every version of your layers, not only those since the last sync (after "
        "merging a bundle of your own layer made elsewhere); the hub stores each version once",
    )


def _search_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument(
        "query",
        help="what to find; folded for matching (harakat, tatweel, alef forms, digits, case); "
        "an Arabic query also finds the word after the proclitics و ف ب ك ل and ال",
    )
    p.add_argument(
        "--label",
        action="append",
        help="only hits inside a span with this label; repeat for several (default: any text)",
    )
    p.add_argument(
        "--annotator",
        action="append",
        help="only hits inside a span of this layer; repeat for several (default: any text)",
    )
    p.add_argument(
        "--regex",
        action="store_true",
        help="the query is a Python regular expression over the folded text (--mode is then "
        "not used)",
    )
    p.add_argument(
        "--mode",
        choices=_SEARCH_MODES,
        default="word",
        help="word: whole words; prefix: words starting with the query (the hit runs to the "
        "end of the word); any: anywhere, also inside words",
    )
    p.add_argument(
        "--kwic",
        action="store_true",
        help="keyword in context: the words before and after each hit, keyword column aligned",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object a line (document, doc_id, start, end in code points, text; "
        "with --kwic also before and after)",
    )
    p.add_argument(
        "--limit", type=positive_int, help="stop after this many hits (default: every hit)"
    )
    _visual_flag(p)


def _documents_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--document",
        action="append",
        metavar="NAME",
        help=f"{what} in this document only; repeat for several (default: every document)",
    )


def _annotate_all_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument(
        "--from-layer",
        required=True,
        metavar="LAYER",
        help="the layer whose spans are looked for elsewhere: every other occurrence of a "
        "span's text (folded, clitic-aware, whole words) becomes a suggestion with its label",
    )
    p.add_argument(
        "--to-layer",
        metavar="LAYER",
        help="accept the suggestions at once as spans of this layer (default: leave them "
        "pending for an analyst to accept or reject)",
    )
    p.add_argument(
        "--label",
        action="append",
        help="only the spans with this label; repeat for several (default: every label)",
    )
    _documents_option(p, "occurrences")
    p.add_argument(
        "--max",
        type=_suggestion_limit,
        metavar="N",
        help="store at most N new suggestions: beyond that nothing is stored and the message "
        "says how many the first documents already gave (default: 100000; 0: no limit)",
    )
    p.epilog = (
        "Existing annotations of any layer, pending suggestions and rejected ones are never "
        "suggested again. " + EXIT_STATUS
    )


def _suggestion_limit(text: str) -> int:
    """annotate-all's --max: a whole number, 0 (no limit) or more."""
    return whole_number(text, 0, "0 (no limit)")


def _gazetteer_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument(
        "file",
        help="the names: .csv rows 'name,label' (an optional header), or .txt one name a "
        "line ('#' comments) with --label",
    )
    p.add_argument(
        "--label",
        help="the label of every name of a .txt file (default: none; a .csv names its own, and "
        "--label with one is refused)",
    )
    p.add_argument(
        "--name",
        help="the gazetteer's name: its suggestions' source is gazetteer:NAME (default: the "
        "file's name without its suffix)",
    )
    _documents_option(p, "matches")
    p.epilog = (
        "A bad file (not UTF-8, a malformed row, a label not in the schema, a name given two "
        "labels) is an error naming file:line, and the project is left as it was. " + EXIT_STATUS
    )


def _train_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    p.add_argument("--annotator", default="gold", help="the layer to learn from")
    p.add_argument(
        "--status",
        choices=("new", "in_progress", "done"),
        help="only the documents of the layer with this status (default: every document "
        "holding spans)",
    )
    p.add_argument(
        "--eval-split",
        type=fraction_below_one,
        default=0.2,
        help="the share of documents (0 to under 1) held out to score the model; whole "
        "documents, never sentences",
    )
    p.add_argument("--seed", default="1", help="seed of the held-out choice")
    p.add_argument(
        "--report",
        help="the HTML report (held-out scores per label, learning curve) to write; replaced "
        "on the next run, never a file of yours (default: PROJECT's name with "
        "'.model-report.html' beside it)",
    )
    p.epilog = (
        "Prints precision, recall and F1 per label on the held-out documents (exact spans) and "
        "stores the model in the project; too few labelled mentions is an error saying how "
        "many the layer holds. " + EXIT_STATUS
    )


def _suggest_arguments(p: argparse.ArgumentParser) -> None:
    _project_arg(p)
    _documents_option(p, "suggestions")
    p.add_argument(
        "--min-score",
        type=fraction,
        default=0.0,
        help="only suggestions the model scores at least this (0 to 1)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object a line: document, start, end (code points), label, "
        "score, source",
    )
    outside = p.add_mutually_exclusive_group()
    outside.add_argument(
        "--from",
        dest="from_file",
        metavar="PREDICTIONS.jsonl",
        help="store the predictions of this JSONL file instead of the model's: one object a "
        "line, the shape --json prints (document is the document's name; score defaults to "
        "1, source to file:NAME)",
    )
    outside.add_argument(
        "--spacy",
        metavar="PIPELINE_DIR",
        help="store the entities of this local spaCy pipeline folder (with config.cfg; loaded "
        "offline, never by package name) instead of the model's, each scored 1",
    )
    p.add_argument(
        "--source",
        metavar="NAME",
        help="with --from or --spacy: the source of every prediction read (default: a line's "
        "source, else file:NAME; a pipeline's model:spacy-NAME@VERSION); printable, at most "
        "200 characters, not the project's own model (model:crf). Reading a source again "
        "replaces what it left pending: two files of one name are one source unless named",
    )
    p.epilog = (
        "Stores the newest model's suggestions as pending (replacing its earlier pending ones "
        "in those documents; rejections stay remembered) and prints them. No model, or a "
        "damaged or altered one, is an error. With --from or --spacy the outside predictions "
        "are stored the same way, replacing what their source left pending before (the summary "
        "says how many, from which source); a label not in the schema, a span of white "
        "space only, a bad source or any other bad line is an error naming the file and "
        "line, and then nothing is stored. " + EXIT_STATUS
    )


def _hub_init_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    p.add_argument(
        "--schema",
        help="the team's label schema, JSON or brat annotation.conf, set when the hub is "
        "created (default: ACE 2005)",
    )


def _hub_member_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    p.add_argument("role", help="an existing login role of the database server")
    p.add_argument(
        "kind",
        choices=_HUB_KINDS,
        help="analyst: writes its layer; adjudicator: its layer and gold; coordinator: "
        "documents, assignments and the team schema",
    )
    p.add_argument(
        "--layer",
        help="the layer the role writes, its name in every project (needed for analysts and "
        "adjudicators; default: none)",
    )


def _hub_add_documents_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    _project_arg(p, "the project whose documents go to the hub")


def _hub_assign_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    p.add_argument("layers", nargs="+", metavar="LAYER", help="the analysts' layers")
    p.add_argument(
        "--overlap",
        type=positive_int,
        required=True,
        help="how many analysts label each document (2 or more measures agreement)",
    )
    p.add_argument(
        "--more",
        type=positive_int,
        help="how many analysts label the share --share of the documents (default: --overlap)",
    )
    p.add_argument(
        "--share",
        type=fraction,
        default=0.0,
        help="the share of documents (0 to 1) that get --more analysts",
    )
    p.add_argument(
        "--seed",
        default="",
        help="seed of the choice of those documents (the same seed assigns the same way) "
        "(default: empty)",
    )


def _hub_queue_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    _project_arg(p, "the project whose statuses count (sync it first)")
    p.add_argument("layer", help="the analyst's layer")
    _json_flag(p)


def _mirror_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--mirror",
        help="the local project that syncs with the hub to read progress from (created when "
        "missing; default: one per hub under $XDG_DATA_HOME/annotator/hub-mirrors, else "
        "~/.local/share/annotator/hub-mirrors)",
    )


def _hub_review_queue_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    p.add_argument(
        "project",
        nargs="?",
        help="the project whose statuses count (sync it first) (default: the hub's mirror, "
        "synced now)",
    )
    _mirror_flag(p)
    _json_flag(p)


def _hub_status_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    _mirror_flag(p)
    _json_flag(p)


def _hub_schema_arguments(p: argparse.ArgumentParser) -> None:
    _url_arg(p)
    p.add_argument("schema", help="schema JSON or brat annotation.conf: the team's from now on")


HUB_COMMANDS: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
    ("init", "create the hub in a PostgreSQL database, or bring it to this version (its "
     "owner)", _hub_init_arguments),
    ("member", "make a database role a member: analyst, adjudicator or coordinator (the "
     "owner)", _hub_member_arguments),
    ("add-documents", "put a project's documents on the hub (a coordinator)",
     _hub_add_documents_arguments),
    ("assign", "assign the hub's documents to analysts with overlap (a coordinator)",
     _hub_assign_arguments),
    ("queue", "an analyst's documents not done yet", _hub_queue_arguments),
    ("review-queue", "documents every assigned analyst has done and gold has not",
     _hub_review_queue_arguments),
    ("status", "per analyst documents done and in progress, spans per hour, agreement so far",
     _hub_status_arguments),
    ("schema", "set the team's label schema (a coordinator)", _hub_schema_arguments),
)  # fmt: skip
"""``annotator hub`` subcommands: (name, help, arguments); ``cmd_hub_<name>`` runs each"""


def _hub_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(
        dest="hub_command", required=True, metavar="COMMAND", help="what to do on the hub"
    )
    for name, help, arguments in HUB_COMMANDS:
        q = sub.add_parser(
            name, help=help, description=help, epilog=HUB_EXIT_STATUS, formatter_class=HelpFormatter
        )
        q.set_defaults(hub_func=f"cmd_hub_{name.replace('-', '_')}")
        arguments(q)


def build_parser(lazy: bool = False) -> argparse.ArgumentParser:
    """The ``annotator`` parser. With ``lazy`` (as ``main`` runs it) a subcommand's arguments
    are added only when that subcommand is parsed; otherwise every subcommand is complete."""
    parser = ArgumentParser(
        prog="annotator",
        description=__doc__.splitlines()[0],
        epilog=EXIT_STATUS,
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    sub = parser.add_subparsers(dest="command", required=True, action=_Subcommands)
    assert isinstance(sub, _Subcommands)
    # (name, its help, its arguments), in the order --help lists them; what runs a command
    # is ``cmd_<name>``, looked up when its parser is made (a test may replace one)
    commands: tuple[tuple[str, str, Callable[[argparse.ArgumentParser], None]], ...] = (
        ("init", "create a new project file", _init_arguments),
        ("import", "import documents (and their annotations) in one transaction",
         _import_arguments),
        ("docs", "list documents", _docs_arguments),
        ("stats", "counts of documents, annotations and labels", _stats_arguments),
        ("check", "integrity check, covered texts and schema violations", _check_arguments),
        ("export", "export training data or interchange files", _export_arguments),
        ("schema", "show, import or export the project's schema", _schema_arguments),
        ("bundle", "write one annotator's layer to a bundle file for a colleague",
         _bundle_arguments),
        ("merge", "merge bundles or other project files into a project", _merge_arguments),
        ("agreement", "inter-annotator agreement (span F1, kappa, alpha)", _agreement_arguments),
        ("search", "find words in the documents (folded, clitic-aware), optionally inside "
         "spans", _search_arguments),
        ("annotate-all", "suggest every other occurrence of a layer's spans",
         _annotate_all_arguments),
        ("gazetteer", "suggest the matches of a name list (CSV name,label or txt)",
         _gazetteer_arguments),
        ("train", "train the suggestion model on a layer and score it on held-out documents",
         _train_arguments),
        ("suggest", "store and print the trained model's suggestions", _suggest_arguments),
        ("sync", "push your layers to a team hub and pull everyone else's", _sync_arguments),
        ("hub", "set up and run a team hub on PostgreSQL", _hub_arguments),
        ("gui", "open the workbench (or render a screenshot)", _gui_arguments),
    )  # fmt: skip
    for name, help, arguments in commands:
        kwargs: dict[str, Any] = {
            "description": help,
            "epilog": EPILOGS.get(name, EXIT_STATUS),
            "formatter_class": HelpFormatter,
        }
        if lazy:
            sub.add_lazy(name, help, partial(_command_parser, name, arguments), **kwargs)
        else:
            _command_parser(name, arguments, sub.add_parser(name, help=help, **kwargs))
    return parser


EPILOGS = {"hub": HUB_EXIT_STATUS, "sync": HUB_EXIT_STATUS, "check": CHECK_EXIT_STATUS}
"""the exit-status text of the commands whose statuses differ from ``EXIT_STATUS``'s"""


def _command_parser(
    name: str, arguments: Callable[[argparse.ArgumentParser], None], p: argparse.ArgumentParser
) -> None:
    """Fill the parser of subcommand ``name``: its arguments, and ``cmd_<name>`` to run."""
    p.set_defaults(func=getattr(sys.modules[__name__], f"cmd_{name.replace('-', '_')}"))
    arguments(p)


def __getattr__(name: str) -> Any:
    # ``cmd_<name>`` (what a subcommand does) lives in annotator.cli_commands, imported on
    # first use so that ``annotator --help`` does not load it
    if name.startswith("cmd_"):
        from annotator import cli_commands

        return getattr(cli_commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


GuiRunner = Callable[[argparse.Namespace], int]


def cmd_gui(args: argparse.Namespace) -> int:
    """``annotator gui``: opening the workbench hands straight to the runner ui.entry gives
    (issue 12: the window's cold start loads no ``annotator.cli_commands``); a screenshot,
    whose names are checked first, and a call without a runner go through
    ``annotator.cli_commands.cmd_gui``."""
    if args.gui_runner is None or args.screenshot:
        from annotator import cli_commands

        return cli_commands.cmd_gui(args)
    return int(args.gui_runner(args))


def hold_standard_descriptors() -> None:
    """Open the null device on each of the descriptors 0, 1 and 2 the process was started
    without (``annotator gui P >&-``, ``<&-``, ``2>&-``). Else the next file opened takes
    the lowest free number, a project's database on 1 or 2, and whatever writes to standard
    output or error (a print, a Qt warning, a child process) writes into it.

    Python saw the descriptor closed when it started and left ``sys.stdout`` (``stdin``,
    ``stderr``) None; that stays, so a closed standard output is still refused
    (``annotator.output.stdout_closed``) with the null device in its place."""
    import errno

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError as exc:
            if exc.errno != errno.EBADF:
                continue
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            os.set_inheritable(fd, True)  # as a standard descriptor is, for child processes


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run the command line (``run``); Ctrl+C at any moment, parsing and the first imports
    too, ends in one line and exit status 130, never a traceback."""
    try:
        return run(argv, gui)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130


def run(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run the command line; ``gui`` runs the ``gui`` subcommand (given by ui.entry).

    Every failure ends in one line on stderr and exit status 1; a usage error (unknown
    option, missing argument) exits 2 with argparse's usage line first. ``AnnotatorError``
    carries its own message; as a last safety net an ``OSError`` (disk full, read-only file system,
    permission...) or a database error the store did not translate is put into one line too.
    Standard output closed (``>&-``) or failing (a full disk) is said as such
    (``annotator.output.guarded_stdout``); a closed one refuses every command but the window
    before it does anything. A broken pipe (``| head``) ends quietly.
    """
    hold_standard_descriptors()  # first: before anything opens a file
    parser = build_parser(lazy=True)
    args = parser.parse_args(argv)
    _refuse_bytes_in_text(parser, args)
    from annotator.output import StdoutFailed, guarded_stdout, stdout_closed
    from annotator.store import DATABASE_ERRORS  # after parsing: --help needs no store

    args.gui_runner = gui
    fail = partial(_fail, status=getattr(args, "failure_status", 1))
    if stdout_closed() and (args.func is not cmd_gui or args.screenshot):
        # every command but the window prints what it did: refused before it does anything
        return fail(_stdout_error(StdoutFailed(None)))
    try:
        with guarded_stdout():
            return int(args.func(args))
    except StdoutFailed as exc:
        return fail(_stdout_error(exc))
    except AnnotatorError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: stop quietly, as Unix tools do, with the
        # status of the result when the command knew it before printing it (``args.result``:
        # check's problems found)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(getattr(args, "result", 0))
    except OSError as exc:
        return fail(_os_error(exc, args))
    except DATABASE_ERRORS as exc:
        return fail(f"{getattr(args, 'project', '')}: database error: {exc}".lstrip(": "))


INTERRUPTED = "annotator: interrupted; nothing was written"


TEXT_ARGUMENTS = frozenset({
    "annotator", "annotators", "document", "from_layer", "label", "labels", "layer", "layers",
    "name", "name_column", "query", "role", "seed", "source", "spans_key", "text_column",
    "to_layer", "url",
})  # fmt: skip
"""the arguments that are text, not a file's path (a path may hold any bytes on Linux)"""


def _refuse_bytes_in_text(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A text argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates, which SQLite and every writer refuse with a traceback) is a usage error."""
    for dest in sorted(TEXT_ARGUMENTS):
        value = getattr(args, dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and any("\ud800" <= ch <= "\udfff" for ch in item):
                parser.error(
                    f"argument {dest.replace('_', '-')}: not valid text (the command line "
                    "held bytes that are not UTF-8)"
                )


def _fail(message: str, status: int = 1) -> int:
    line = " ".join(message.split())  # one line, whatever the message held
    print(f"annotator: error: {line}", file=sys.stderr)
    return status


def _os_error(exc: OSError, args: argparse.Namespace) -> str:
    """One line for an operating-system error: what happened, and to which file."""
    from annotator import scratch

    written = [getattr(args, name, None) for name in ("output", "export_file", "report")]
    where = exc.filename or next((w for w in written if w), None) or getattr(args, "project", None)
    if exc.filename is None and exc.errno in scratch.NO_ROOM:
        # a file with no name may be the project's or a scratch file (``scratch.room`` names
        # the temporary folder where it knows): name both places rather than guess
        temp = f"the temporary folder {scratch.temp_folder()} (TMPDIR)"
        where = f"{where} or {temp}" if where else temp
    reason = _reason(exc)
    return f"{reason}: {where}" if where else reason


def _reason(exc: OSError) -> str:
    """What an operating-system error says happened, in the command line's words."""
    import errno

    return {
        errno.ENOSPC: "no space left on device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def _stdout_error(exc: StdoutFailed) -> str:
    """One line for a failed write to standard output: it, not the project or a file, is
    named (a read-only command writes nothing else)."""
    if exc.cause is None:
        return "standard output is closed"
    return f"cannot write to standard output: {_reason(exc.cause)}"


if __name__ == "__main__":
    raise SystemExit(main())
