"""The templates of the core's ``Message``s, listed for ``pyside6-lupdate`` (which reads only
``ui/``: ``make translations`` names this file) in the context ``CoreMessage``; the interface
translates a message through ``ui.i18n.core_text``. Nothing imports this module at run time
(its 500-odd strings were a millisecond of the window's start in ``ui.i18n``); a test keeps
the list equal to the templates the core writes (``tests/ui/test_arabic_core_messages.py``).
"""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP

CORE_MESSAGES = (
    # a name that is not there (annotator.formats.common.unknown_name), the export's split
    # and offset-units options (common.parse_splits, units_refused)
    QT_TRANSLATE_NOOP("CoreMessage", "no {kind} {name} (there are no {plural})"),
    QT_TRANSLATE_NOOP("CoreMessage", "no {kind} {name} ({plural}: {known})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{message}; did you mean {name}?"),
    QT_TRANSLATE_NOOP("CoreMessage", "{names} and {count} more"),
    QT_TRANSLATE_NOOP("CoreMessage", "layer"),
    QT_TRANSLATE_NOOP("CoreMessage", "layers"),
    QT_TRANSLATE_NOOP("CoreMessage", "label"),
    QT_TRANSLATE_NOOP("CoreMessage", "labels"),
    QT_TRANSLATE_NOOP("CoreMessage", "document"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents"),
    QT_TRANSLATE_NOOP("CoreMessage", "status"),
    QT_TRANSLATE_NOOP("CoreMessage", "statuses"),
    QT_TRANSLATE_NOOP("CoreMessage", "format"),
    QT_TRANSLATE_NOOP("CoreMessage", "formats"),
    QT_TRANSLATE_NOOP("CoreMessage", "split"),
    QT_TRANSLATE_NOOP("CoreMessage", "splits"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad split {part}: expected name=ratio, e.g. {example}"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad split {part}: {ratio} is not a number"),
    QT_TRANSLATE_NOOP("CoreMessage", "split {name} is given twice"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "split {name}: the ratio must be a number of 0 or more, not {ratio}"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "validation and dev are the same split: give one of them"),
    QT_TRANSLATE_NOOP("CoreMessage", "split ratios are all 0: at least one must be above 0"),
    QT_TRANSLATE_NOOP("CoreMessage", "units must be one of {units}, not {value}"),
    # a sync's report (annotator.hub.sync.SyncReport.lines)
    QT_TRANSLATE_NOOP("CoreMessage", "{role} ({kind}, layer {layer})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{role} ({kind})"),
    QT_TRANSLATE_NOOP("CoreMessage", "hub {hub} as {who}"),
    QT_TRANSLATE_NOOP("CoreMessage", "pushed: {pushed} new, {already} already on the hub"),
    QT_TRANSLATE_NOOP("CoreMessage", "pulled: {versions} versions, {documents} documents"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "not pushed: {count} versions on documents the hub lacks (a coordinator adds them; the "
        "next sync pushes them)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "stay local (your role writes {writes}): {counts}; the hub takes no other layer's "
        "versions from you: `annotator bundle` them to whoever writes that layer, who merges "
        "the bundle and syncs with --full; each sync counts them again until the hub holds "
        "them or newer ones",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "refused by the screen: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "analyst"),
    QT_TRANSLATE_NOOP("CoreMessage", "adjudicator"),
    QT_TRANSLATE_NOOP("CoreMessage", "coordinator"),
    QT_TRANSLATE_NOOP("CoreMessage", "no layer"),
    QT_TRANSLATE_NOOP("CoreMessage", "{layer} only"),
    QT_TRANSLATE_NOOP("CoreMessage", "{layers} and {last} only"),
    # an export's report (annotator.formats.common.ExportReport.lines, conll.TokenReport.lines)
    # and the reasons an exporter gives for what it leaves out (annotator.formats, exporting)
    QT_TRANSLATE_NOOP("CoreMessage", "span repeating another of its layer (place and label)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "discontinuous span (token formats hold contiguous spans only)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span covers only white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "span covers no token"),
    QT_TRANSLATE_NOOP("CoreMessage", "span crosses a sentence break"),
    QT_TRANSLATE_NOOP("CoreMessage", "label not selected for export"),
    QT_TRANSLATE_NOOP("CoreMessage", "span"),
    QT_TRANSLATE_NOOP("CoreMessage", "event"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisation"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments"),
    QT_TRANSLATE_NOOP("CoreMessage", "events"),
    QT_TRANSLATE_NOOP("CoreMessage", "arguments"),
    QT_TRANSLATE_NOOP("CoreMessage", "relations"),
    QT_TRANSLATE_NOOP("CoreMessage", "attributes"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisations"),
    QT_TRANSLATE_NOOP("CoreMessage", "notes"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents exported: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "spans exported: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "also exported: {items}"),
    QT_TRANSLATE_NOOP("CoreMessage", "tokens: {count} ({split} split at span boundaries)"),
    QT_TRANSLATE_NOOP("CoreMessage", "dropped {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents left out {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "written: {path}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "event trigger (flat NER tags hold entities; use --format events)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "no token to write (the text is only white space)"),
    QT_TRANSLATE_NOOP("CoreMessage", "  in {part}: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "doc.ents (also in {group})"),
    QT_TRANSLATE_NOOP("CoreMessage", "  not in doc.ents {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "not written {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{kind} outside its document's text (check names it)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{kind} whose stored text is not its document's (check names it)"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{kind} with a broken id, layer name or note (check names it)"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: the stored model cannot be read: {problem}; train it again"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "model {id} is damaged: {problem}; train the model again"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "layer {layer} holds {total} entity mentions in {documents} labelled documents, but "
        "--eval-split {split} holds out {held} of them and leaves {mentions} mentions in "
        "{kept} documents to train on; training needs at least {least}: give a smaller "
        "--eval-split",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the span {start}-{end} of {name} ends before it starts: its end must come after its start",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{n} suggestion(s) pending from {sources} in {documents} document(s)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{n} not stored: they overlap annotations"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{n} not stored: they overlap other suggestions stored with them"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{n} not stored: they overlap pending suggestions of {sources} (reject those or lower "
        "the threshold to see them)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{n} not stored: they were rejected before"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "carries 1 record check refuses (the receiving merge sets it aside): {items}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "carries {count} records check refuses (the receiving merge sets them aside): {items}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "split {name}: no document went to it"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "warning: label {name} is read back as {back} (its edge looks like noise)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "  without the white space at their edges: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "same offsets as a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "nested inside a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "contains a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "overlaps a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} (policy {policy})"),
    QT_TRANSLATE_NOOP("CoreMessage", "outermost"),
    QT_TRANSLATE_NOOP("CoreMessage", "innermost"),
    QT_TRANSLATE_NOOP("CoreMessage", "longest"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger span is not labelled with its type"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument of an event not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument whose filler was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{kind} ({format} has no place for it)"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation whose end was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{part} of an unexported {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "span label not selected for export"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument repeating another of its event (role and filler)"),
    QT_TRANSLATE_NOOP("CoreMessage", "event without a live trigger span"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument of an event not written"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument pointing at a missing span"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation pointing at a missing span"),
    QT_TRANSLATE_NOOP("CoreMessage", "{reason}, kept in doc.spans[{key}]"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument or relation whose span was not exported"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "trigger without an event (a span labelled with an event type)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation end"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation from something other than an entity mention"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation whose span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "multi-token trigger (DyGIE++ triggers are one token)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is not an entity mention (event or trigger)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} whose span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} in another sentence"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument (doccano sequence labelling holds spans only)"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation (doccano sequence labelling holds spans only)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "false attribute (brat binary attributes are present or absent)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute value that is not a single word"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute value that is not true or a word"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "never annotated in layer {layer} (--status new exports them)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event JSON"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisation (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "note (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "discontinuous span written as its outer bounds ({format})"),
    # an import's report (annotator.importing.ImportReport.lines, imported.Problem.text)
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents added: {count}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "spans: {spans}, events: {events} ({arguments} arguments), relations: {relations}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "text already in the project, not added again: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "more texts already in the project, not added again: {count}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "same text as {first}, which this import added; joined to it: {name}"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "more texts repeated under another name, joined: {count}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "nothing new: the project already held every text and annotation read"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "annotations already in their layer, skipped: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "conflict, stored version kept: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "labels added to the schema: {labels}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "moved {count} event attributes from trigger spans to their events"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "changed: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "skipped: {problem}"),
    # labels an import uses that the schema lacks (annotator.importing)
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label {name} is not in the schema (use --new-labels add or skip; {count} unknown "
        "label(s): {labels})",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot add to the schema: {problem}"),
    # a layer too small to train on (annotator.learn.corpus.check_enough)
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "layer {layer} holds {mentions} entity mentions in {documents} labelled documents; "
        "training needs at least {least} mentions",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "layer {layer} holds {mentions} entity mentions in {documents} documents it marked "
        "{status}; training needs at least {least} mentions",
    ),
    # the CoNLL reader's mended and skipped lines (annotator.formats.conll)
    QT_TRANSLATE_NOOP("CoreMessage", "after {tag}"),
    QT_TRANSLATE_NOOP("CoreMessage", "at the start of a sentence"),
    QT_TRANSLATE_NOOP("CoreMessage", "doubled separator"),
    QT_TRANSLATE_NOOP("CoreMessage", "invisible mark"),
    QT_TRANSLATE_NOOP("CoreMessage", "is not used by {scheme}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {name} is not an entity label of the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "lower-case prefix"),
    QT_TRANSLATE_NOOP("CoreMessage", "lower-case tag"),
    QT_TRANSLATE_NOOP("CoreMessage", "not understood"),
    QT_TRANSLATE_NOOP("CoreMessage", "stray punctuation"),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} read as {read} ({why})"),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {where} read as a one-token {label} entity"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "tag {tag} {where} starts a new {label} entity (IOB1 convention)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {why} (--lenient tags such a token O)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "tag {tag} {why}: expected O, or B-, I-, E- or S- and a label "
        "(--lenient tags such a token O)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {why}; token tagged O"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "no space left in the temporary folder {folder}: {what}; free space "
        "there, or point TMPDIR at a folder with room (TMPDIR=/path/to/folder "
        "annotator ...)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "import done; the search index was not updated, searches scan the "
        "documents until it is: {why}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot make a scratch folder there"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an import keeps what it read there until it writes, about the size of "
        "its input ({size}), and the rows it will write; nothing was written",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an import keeps what it read there until it writes, about the size of "
        "its input, and the rows it will write; nothing was written",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "SQLite sorts there while it builds the index"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: disk full"),
    QT_TRANSLATE_NOOP("CoreMessage", "schema: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}: role {role} needs at least {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}: role {role} takes at most {count} ({found})"),
    QT_TRANSLATE_NOOP("CoreMessage", "annotator name"),
    QT_TRANSLATE_NOOP("CoreMessage", "document name"),
    QT_TRANSLATE_NOOP("CoreMessage", "label name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (a bidi control)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (control or unassigned character)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must not be empty"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is longer than {limit} characters"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains {bad}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} starts or ends with white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains white space or starts with < !"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains an invisible character"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (lone surrogate)"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot add: {name} already exists"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot add {name}: {taken} already exists, and names may not differ only in case, "
        "harakat, tatweel, alef forms or digit forms",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot rename {old} to {name}: {taken} already exists, and names may not differ only "
        "in case, harakat, tatweel, alef forms or digit forms",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{names} are one name: names may not differ only in case, harakat, tatweel, alef forms "
        "or digit forms",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: {color} is not a colour (write it as #rrggbb)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{label}: hotkey {hotkey} is no letter or digit key; give the Latin letter or digit of "
        "the key",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "bad regular expression {pattern}: {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "reorder needs exactly the names of all entities, events or relations"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "no role {role} in {event}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot rename {old}: {name} already exists"),
    QT_TRANSLATE_NOOP("CoreMessage", "no label {name} in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot remove {name}: it is the only type allowed somewhere"),
    QT_TRANSLATE_NOOP("CoreMessage", "the project's schema has a problem: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation}"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate label names: {names}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{source}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: English name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: Arabic name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role name"),
    QT_TRANSLATE_NOOP("CoreMessage", "<OVERLAP>: kinds must be among {kinds}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: unknown kind {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: an enum needs values"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} refers to unknown labels: {labels}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: its parents form a cycle"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role {role} has a bad cardinality {cardinality}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute name {name} is empty or used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{one} and {two} have the same hotkey: {keys1} / {keys2}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{one} and {two} have clashing hotkeys (one is a prefix): {keys1} / {keys2}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: parent {parent} is not a label of the same kind"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role name {role} is empty or used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id"),
    QT_TRANSLATE_NOOP("CoreMessage", "event id"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger id"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument target id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation source id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation target id"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad {what} {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "note"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} contains a lone surrogate (not encodable text)"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad clock stamp {stamp}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "clock stamp {stamp} is {days} days ahead of this machine (at most {allowed} days allowed)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attributes must be an object, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad attribute name {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference name"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference {name} takes text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} is not defined for {label}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "attribute {attribute} belongs on the event of {label}, not on its trigger span",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: Arabic name"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: Arabic name of {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes true/false, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes one of {values}, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets must be integers, not {start}-{end}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "span {span} is outside the text (0 <= start < end <= {length} required)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "span {span} is outside the text of document {name} (0 <= start < end <= {length}"
        " required)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be a list of [start, end] pairs"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be [start, end] pairs of integers"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "fragment {fragment} is outside its span {span} or overlaps the one before",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "fragments must start at {start} and end at {end} (the span's ends)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "stored text {stored} != document text {covered}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {label} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: its trigger span is missing or deleted"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{event}: its trigger span is labelled {label}, not with the event's type"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{problem} (document {document}, trigger “{text}”)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: a trigger without an event"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "this span triggers {events}; relabelled {label}, not an event type, it can "
        "trigger none: delete its events first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an event's trigger must be a span of the same document and layer",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event type {type} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument {role}: its event is missing or deleted"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: argument {role} points at a deleted span"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "argument target {target} is not a live record of this layer",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{event} has no role {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "role {role} of {event} does not accept {label}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{event}: {target} already fills its role {role} (argument {other}); an event"
        " takes one argument per role and filler",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{text} is already labelled {label} at {span} (span {other}); a layer"
        " takes one span per place and label",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation} points at a deleted span"),
    QT_TRANSLATE_NOOP("CoreMessage", "a relation links two spans of the same document and layer"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation type {type} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation} does not link {source} to {target}"),
    # the texts of the commands (annotator.commands: the Undo and Redo items)
    QT_TRANSLATE_NOOP("CoreMessage", "edit"),
    QT_TRANSLATE_NOOP("CoreMessage", "add {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel span"),
    QT_TRANSLATE_NOOP("CoreMessage", "move span"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit span"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel as {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete span"),
    QT_TRANSLATE_NOOP("CoreMessage", "add event {type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "add event"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit event"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete event"),
    QT_TRANSLATE_NOOP("CoreMessage", "add argument {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "change role to {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "add relation {type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark new"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark in progress"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark done"),
    QT_TRANSLATE_NOOP("CoreMessage", "refused edit"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept into gold"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept into {into}"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept all agreements"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename {old} to {new}"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename role {old} to {new}"),
    QT_TRANSLATE_NOOP("CoreMessage", "remove {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel {n} as {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete {n} spans"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "annotate-all would store more than {limit} suggestions ({written} in the first "
        "{searched} of {total} documents already); nothing was stored. Narrow it with --label "
        "or --document, or raise --max (0: no limit)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "accept suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "reject suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "reject {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "withdraw suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "withdraw {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "store suggestions"),
    # why an accept into gold wrote nothing (annotator.commands.review)
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: the {into} layer already holds it"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: nothing is chosen"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: agreements need two annotators at least"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: {who} agree on nothing in this document"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: the {into} layer already holds all {n} agreements of {who} "
        "in this document",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: {n} events or relations {who} agree on need spans whose "
        "attributes they set differently; accept one version of those spans into {into} "
        "first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: {n} trigger spans {who} agree on wait for their events, "
        "which they annotate differently; accept one version of those events into "
        "{into} first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: {n} events {who} agree on have a trigger span labelled "
        "otherwise than their type (data of an older version); the problems list "
        "names them",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{event}: argument {role} points at a deleted span or event, or at one not in the "
        "project (never added, or held back in quarantine)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "id {uuid} is already used"),
    QT_TRANSLATE_NOOP("CoreMessage", "{names} and {last}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{first}, {rest}"),
    # what differs in a review item (annotator.review: Disagreement.detail), and replacing
    # stale gold versions (review.accept with replacing)
    QT_TRANSLATE_NOOP("CoreMessage", "{label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{a} / {b}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name}: {a} / {b}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{first}; {rest}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}: A {a} / B {b}"),
    QT_TRANSLATE_NOOP("CoreMessage", "gold: {versions}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{text} is not in {into}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "“{text}” ({label}) triggers an event in {into}: edit {into} there to replace it",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "only a span can replace gold spans"),
    # a project file that cannot be used (annotator.store), a file that cannot be imported
    # (annotator.formats, annotator.safejson), a hub that cannot be reached (annotator.hub)
    QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text (NUL byte)"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text ({count} control characters)"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot connect to the hub {hub}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot list: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot read: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "column {column} appears twice in the header"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate key {key}"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty column name in the header (column {column})"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty document"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty {column} cell"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "expected a token and a tag separated by a tab or space: {line}"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: expected ',' or ']' after an item"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: extra data after the array"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: number too large"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: {problem} at column {column}"),
    QT_TRANSLATE_NOOP("CoreMessage", "line longer than {limit} bytes"),
    QT_TRANSLATE_NOOP("CoreMessage", "longer than {limit} characters"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "lost the connection to the hub: {problem} (nothing half-done is kept)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "nested deeper than {limit} levels"),
    QT_TRANSLATE_NOOP("CoreMessage", "no answer within {seconds} seconds"),
    QT_TRANSLATE_NOOP("CoreMessage", "no column {column} (columns: {columns})"),
    QT_TRANSLATE_NOOP("CoreMessage", "no header row"),
    QT_TRANSLATE_NOOP("CoreMessage", "no space left on device: {path}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "not UTF-8 text (invalid UTF-8 byte {byte} at column {column})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "not a PostgreSQL URL or connection string: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "number {number} is out of range"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the hub URL holds a password: remove it and put it in ~/.pgpass (or PGPASSFILE, "
        "PGPASSWORD, or a service file); it is never stored in a project or printed",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the hub URL is empty; give a PostgreSQL URL or connection string ({example} for "
        "libpq's defaults and PG* environment variables)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "saved as {encoding}: save it as UTF-8"),
    QT_TRANSLATE_NOOP("CoreMessage", "synced; the hub's log line could not be written: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the hub refused: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{cells} cells, but the header has {columns} columns"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} is not allowed"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: already exists; open it instead"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: busy ({what}); is it open elsewhere?"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot open ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read or write the project file ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot use write-ahead logging ({mode})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: closed after a failed write ({reason}); nothing of that write was kept; "
        "open the project again",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: disk full ({what}); nothing was written"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: made by a newer annotator (file version {version}, this app reads up to "
        "{supported}); update annotator to open it",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: no such project file"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: not an annotator project (SQLite file of another application)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not an annotator project (not a file)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not an annotator project (not an SQLite file)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: opened read-only"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: not an annotator project, or a damaged one ({problems})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected {objects}"),
    QT_TRANSLATE_NOOP("CoreMessage", "altered {objects}"),
    QT_TRANSLATE_NOOP("CoreMessage", "missing {objects}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: a leftover {name} sits beside it: move it away first"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: out of memory ({what})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: already exists (a symbolic link to a missing file); nothing was created",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: path too long for SQLite ({size} bytes, limit {limit})"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "a spaCy DocBin (.spacy) cannot be imported; the formats that can: {formats}"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "left out of documents {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "their meta (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "their status (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "the schema has changed meanwhile: {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "the schema has changed meanwhile: {name} is no longer as this step left it"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file could not be checked ({error})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is corrupt (the text of document {document} does not "
        "match its sha256)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file is corrupt ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file is read-only ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project is closed"),
    # the texts of the readers (annotator.formats: doccano, Label Studio, event JSON, spaCy
    # JSONL, the standoff offsets, the JSON fields), the project lock (annotator.locking),
    # bundles and merges (annotator.exchange) and the merge report's lines
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} records"),
    QT_TRANSLATE_NOOP("CoreMessage", "too many members ({count})"),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected fields {extra} / missing {missing}"),
    QT_TRANSLATE_NOOP("CoreMessage", "expected a JSON object"),
    QT_TRANSLATE_NOOP("CoreMessage", "not an annotator bundle ({format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "made by a newer annotator (v{version})"),
    QT_TRANSLATE_NOOP("CoreMessage", "checksums must list every member"),
    QT_TRANSLATE_NOOP("CoreMessage", "counts must be integers of known kinds"),
    QT_TRANSLATE_NOOP("CoreMessage", "sha256 must be 64 lowercase hex digits"),
    QT_TRANSLATE_NOOP("CoreMessage", "meta: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown record kind {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "refers to a document not listed in the bundle"),
    QT_TRANSLATE_NOOP("CoreMessage", "record of another annotator than the manifest's"),
    QT_TRANSLATE_NOOP("CoreMessage", "status of another annotator than the manifest's"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a readable bundle (bad zip: {problem})"),
    QT_TRANSLATE_NOOP("CoreMessage", "member {name} is missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "checksum does not match manifest"),
    QT_TRANSLATE_NOOP("CoreMessage", "count of {key} differs"),
    QT_TRANSLATE_NOOP("CoreMessage", "count of {key} missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} documents"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} statuses"),
    QT_TRANSLATE_NOOP("CoreMessage", "member name with a backslash: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "absolute member name: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "member name leaves the bundle: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "member is a link: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate member name: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected member: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "encrypted member: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unsupported compression in {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "compression ratio of {name} is too high"),
    QT_TRANSLATE_NOOP("CoreMessage", "bundle too large when uncompressed"),
    QT_TRANSLATE_NOOP("CoreMessage", "not UTF-8 text"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} lines"),
    QT_TRANSLATE_NOOP("CoreMessage", "field {key} must be a {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "text: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the text does not match its sha256"),
    QT_TRANSLATE_NOOP("CoreMessage", "the text is not normalised (CR or BOM)"),
    QT_TRANSLATE_NOOP("CoreMessage", "a NUL character in {key} (not valid text)"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be [start, end] pairs"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown status {status}"),
    QT_TRANSLATE_NOOP("CoreMessage", "document {sha256} twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "larger than declared"),
    QT_TRANSLATE_NOOP("CoreMessage", "uuid {uuid} appears twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: {added} added, {updated} updated, {kept} unchanged"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents: {added} added, {matched} matched"),
    QT_TRANSLATE_NOOP("CoreMessage", "a JSON column holds {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "refers to document id {id}, not in the file"),
    QT_TRANSLATE_NOOP("CoreMessage", "deleted must be 0 or 1, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "statuses updated: {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "labels added from {where}: {labels}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "moved {n} event attributes from trigger spans to their events"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "labels of {where} not added: {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: more than {documents} documents or {records} records (more rows than a "
        "merge takes)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "quarantined ({reason}): {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "kept, for check to list ({reason}): {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: larger than {limit} bytes"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read ({error}: {problem})"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id {uuid} arrives in several layers ({names})"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id {uuid} belongs to layer {layer}, not {other}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown document"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad or repeated document id {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "events {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", 'expected a JSON object with a "text" string'),
    QT_TRANSLATE_NOOP("CoreMessage", "label {n}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {n}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {id}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {n}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", 'label {n}: expected [start, end, "LABEL"], got {item}'),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {item}: expected an object with a label"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {item}: expected an object with a type"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: unknown entity {source} or {target}"),
    QT_TRANSLATE_NOOP("CoreMessage", "events {n}: expected an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument role"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: an argument is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument span"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {k}"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger of {what}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {k}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{what}: token range ({start}, {end}) is not inside the {count} tokens"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "expected one JSON object per line"),
    QT_TRANSLATE_NOOP("CoreMessage", '"tokens" must be a list of non-empty strings'),
    QT_TRANSLATE_NOOP("CoreMessage", '"tokens" is empty'),
    QT_TRANSLATE_NOOP("CoreMessage", "a token holds a line break or starts with a byte-order mark"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "doc_id {doc_id} comes back after other documents (its sentences began on line "
        "{line}): two documents share this doc_id, or the file's lines were reordered",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "sent_id {sent_id} of doc_id {doc_id} was already read on line {line}: two "
        "documents share this doc_id",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "argument refers to {entity}, which is not an entity mention of the sentence",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} needs two arguments"),
    QT_TRANSLATE_NOOP("CoreMessage", "null"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an object, not {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be a list, not {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an integer, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be a string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} item {k}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "a list"),
    QT_TRANSLATE_NOOP("CoreMessage", "a string"),
    QT_TRANSLATE_NOOP("CoreMessage", "a boolean"),
    QT_TRANSLATE_NOOP("CoreMessage", "a number"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is already used"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is already used on line {line}"),
    QT_TRANSLATE_NOOP("CoreMessage", "meta.events {k}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "regions count offsets in different units (region {one} only in {units}, region "
        "{two} only in {other}); refusing to guess",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{unit}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{first}; {second}"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: value.text {text} does not match ({tried})"),
    QT_TRANSLATE_NOOP("CoreMessage", 'expected an object with a "data" object'),
    QT_TRANSLATE_NOOP("CoreMessage", 'no "text" in "data"'),
    QT_TRANSLATE_NOOP("CoreMessage", '"meta.events" must be a list'),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "region id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", '"{key}" must be a list'),
    QT_TRANSLATE_NOOP("CoreMessage", "not a Label Studio JSON file: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "task {n}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an annotation is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "a result is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target}: unknown region"),
    QT_TRANSLATE_NOOP("CoreMessage", "covers {text}"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: no value.labels"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: from_id"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: to_id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target} has no label"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "token {k} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "span {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {k}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {n} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "skipped: answer {answer}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "token {k} ({start}, {end}) is empty, overlaps the previous one or is outside "
        "the text (length {length})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "token {k} ({start}, {end}) covers only a removed line-end character"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span {k}: label must be a non-empty string"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "span {k} ({start}, {end}) is outside the text (length {length})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an object with start, end and label"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} ({start}, {end}) is not one of the spans"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {n} argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "offset {n} is outside the text ({length} characters)"),
    QT_TRANSLATE_NOOP("CoreMessage", "export cancelled; nothing was written"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets {start} {end} are not integers"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "offsets {start} {end} are empty or outside the text ({limit})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets {start} {end} cover no stored character"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot create its lock file {file}: {why}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: being written by another annotator process ({who}: an import, a merge "
        "or a script); try again when it has finished, or open it read-only",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is read-only (it is on a read-only file system); use "
        "read-only commands, or copy it to a writable folder to edit it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is read-only (no permission to write it); use "
        "read-only commands, or copy it to a writable folder to edit it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the folder {folder} is read-only (annotator writes its journal and "
        "lock next to the project); use read-only commands, or copy it to a writable "
        "folder",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot lock {file} (it keeps changing)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: open for editing in an annotator window ({who}); close it there first, "
        "or use a read-only command",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: the folder {folder} is read-only (cannot create {name})"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: already open for editing in an annotator window: {who}; it can still "
        "be opened read-only (view only) here",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "another annotator window"),
    QT_TRANSLATE_NOOP("CoreMessage", "process {pid} ({program})"),
    QT_TRANSLATE_NOOP("CoreMessage", "process {pid}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: already open for editing in another annotator window; it can still be "
        "opened read-only (view only) here",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot lock {file}: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity type must be a non-empty string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "event type must be a non-empty string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity type {value} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "event type {value} is not in the schema"),
    # the agreement's notes on its measures (annotator.agreement.measures.NOTES)
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "Span F1: annotator A is the reference, B the response; F1 is symmetric. Spans are sets: "
        "a duplicate in one layer counts once. Overlap = one-to-one maximum matching of same-label "
        "spans sharing a character.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "Token kappa/alpha: tokens are words cut at every span boundary of the compared "
        "annotators (of the pair's two for kappa, of all of them for alpha; S layer); a token "
        "takes the label of the outermost span over it, else O. A token no span covers is O for "
        "every annotator who has the document (spans or events there, or marked done), and a "
        "missing value for alpha when the annotator does not have the document; kappa uses only "
        "documents both have.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "Alpha-U: characters of the compared documents concatenated in document order; text an "
        "annotator did not mark with a label is a gap (a judgement of 'not this label'), not a "
        "missing value. The all-annotator alpha-U uses only documents every annotator has.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "Events: ACE trigger/argument identification and classification; arguments are aligned by "
        "offsets, each side is a set.",
    ),  # the HTML agreement report (annotator.agreement.report; "label" and "document" above)
    QT_TRANSLATE_NOOP("CoreMessage", "Inter-annotator agreement"),
    QT_TRANSLATE_NOOP("CoreMessage", "Annotators: {names}. Documents: {count}."),
    QT_TRANSLATE_NOOP("CoreMessage", "All annotators"),
    QT_TRANSLATE_NOOP("CoreMessage", "measure"),
    QT_TRANSLATE_NOOP("CoreMessage", "value"),
    QT_TRANSLATE_NOOP("CoreMessage", "Krippendorff's alpha (nominal, tokens)"),
    QT_TRANSLATE_NOOP("CoreMessage", "Krippendorff's alpha-U (characters)"),
    QT_TRANSLATE_NOOP("CoreMessage", "alpha-U {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "alpha-U"),
    QT_TRANSLATE_NOOP("CoreMessage", "Pairs (A reference, B response)"),
    QT_TRANSLATE_NOOP("CoreMessage", "A"),
    QT_TRANSLATE_NOOP("CoreMessage", "B"),
    QT_TRANSLATE_NOOP("CoreMessage", "F1"),
    QT_TRANSLATE_NOOP("CoreMessage", "F1 exact"),
    QT_TRANSLATE_NOOP("CoreMessage", "F1 overlap"),
    QT_TRANSLATE_NOOP("CoreMessage", "boundary F1"),
    QT_TRANSLATE_NOOP("CoreMessage", "F1 mean over documents"),
    QT_TRANSLATE_NOOP("CoreMessage", "Cohen's kappa (tokens)"),
    QT_TRANSLATE_NOOP("CoreMessage", "pairwise exact F1"),
    QT_TRANSLATE_NOOP("CoreMessage", "F1 per label"),
    QT_TRANSLATE_NOOP("CoreMessage", "P exact"),
    QT_TRANSLATE_NOOP("CoreMessage", "R exact"),
    QT_TRANSLATE_NOOP("CoreMessage", "n A"),
    QT_TRANSLATE_NOOP("CoreMessage", "n B"),
    QT_TRANSLATE_NOOP("CoreMessage", "exact"),
    QT_TRANSLATE_NOOP("CoreMessage", "overlap"),
    QT_TRANSLATE_NOOP("CoreMessage", "Events"),
    QT_TRANSLATE_NOOP("CoreMessage", "P"),
    QT_TRANSLATE_NOOP("CoreMessage", "R"),
    QT_TRANSLATE_NOOP("CoreMessage", "Confusion (rows A, columns B; ∅ = no span)"),
    QT_TRANSLATE_NOOP("CoreMessage", "A \\ B"),
    QT_TRANSLATE_NOOP("CoreMessage", "confusion"),
    QT_TRANSLATE_NOOP("CoreMessage", "confusion matrix"),
    QT_TRANSLATE_NOOP("CoreMessage", "Per document"),
    QT_TRANSLATE_NOOP("CoreMessage", "kappa"),
    # a file refused before it is read (annotator.files)
    QT_TRANSLATE_NOOP("CoreMessage", "symbolic link, not followed"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a regular file ({kind})"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a regular file ({kind}), not read"),
    QT_TRANSLATE_NOOP("CoreMessage", "file too large ({size} bytes; limit {limit})"),
    QT_TRANSLATE_NOOP("CoreMessage", "a folder"),
    QT_TRANSLATE_NOOP("CoreMessage", "a FIFO"),
    QT_TRANSLATE_NOOP("CoreMessage", "a device"),
    QT_TRANSLATE_NOOP("CoreMessage", "a socket"),
    QT_TRANSLATE_NOOP("CoreMessage", "a symbolic link"),
    QT_TRANSLATE_NOOP("CoreMessage", "a special file"),
    # 2026-11-30: names taken as the schema's written otherwise; a retype's lacking roles
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label {name} is the schema's {ours} written otherwise (one name: they differ "
        "only in case, harakat, tatweel, alef forms or digit forms): write it {ours} in "
        "the file, or use --new-labels skip",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "this span triggers {events}; relabelled {label}, 1 argument would be left in a "
        "role {label} lacks ({roles}): delete it first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "this span triggers {events}; relabelled {label}, {count} arguments would be "
        "left in roles {label} lacks ({roles}): delete them first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{kind} {theirs} it defines taken as the schema's {ours} (one name: they differ "
        "only in case, harakat, tatweel, alef forms or digit forms)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: attribute {theirs} taken as the project's {ours} (one name: they "
        "differ only in case, harakat, tatweel, alef forms or digit forms)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: label {theirs} not added to the schema: it is the project's {ours} written "
        "otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); no "
        "record labelled {theirs} quarantined",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: label {theirs} not added to the schema: it is the project's {ours} written "
        "otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); 1 "
        "record labelled {theirs} quarantined, not relabelled {ours} (a label map {theirs} as "
        "{ours} relabels it)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: label {theirs} not added to the schema: it is the project's {ours} written "
        "otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); {n} "
        "records labelled {theirs} quarantined, not relabelled {ours} (a label map {theirs} as "
        "{ours} relabels them)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel the {name} events as {label}: {problems}. A schema edit deletes no "
        "annotation: delete those arguments first, or choose another event type",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "1 argument is in a role {label} lacks ({roles})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{count} arguments are in roles {label} lacks ({roles})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "1 argument fills a role of {label} that does not accept its filler ({roles})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{count} arguments fill roles of {label} that do not accept their fillers ({roles})",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{one}; {other}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "1 argument fills a role that does not accept {label} ({roles})"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{count} arguments fill roles that do not accept {label} ({roles})"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "1 relation of type {type} would not link {source} to {target}"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{count} relations of type {type} would not link {source} to {target}"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{count} relations would not link their spans as their types allow ({types})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: {problems}. A schema edit deletes no annotation: "
        "change or delete those first, or choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "relabelled {label}, this {old} would carry attribute {attribute}, which {label} does not "
        "take: remove the attribute first, or choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: 1 annotation carries attribute {attribute}, which "
        "{label} does not take. Define it for {label}, remove it from the annotation first, or "
        "choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: {count} annotations carry attributes {label} does not "
        "take ({attributes}). Define them for {label}, remove them from the annotations first, "
        "or choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "role map: the event type {event} of {where} has the roles {theirs} and {other}; "
        "mapping {theirs} to {ours} would give it {ours} twice",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label map: {theirs} of {where} and the project's {ours} are not of one kind "
        "(entity label, event type or relation type)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "attribute {attribute} it defines added to the schema, on {labels}"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "attribute {attribute} it defines added to the schema, on every label"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{n} annotations were changed or deleted meanwhile (in another window, a merge or a sync); "
        "undoing would overwrite them",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{n} annotations were changed or deleted meanwhile (in another window, a merge or a sync); "
        "redoing would overwrite them",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an annotation was changed or deleted meanwhile (in another window, a merge or a sync); "
        "undoing would overwrite it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an annotation was changed or deleted meanwhile (in another window, a merge or a sync); "
        "redoing would overwrite it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: 1 relation of type {name} is broken already "
        "({problems}), and the step would write it as it is. A schema edit deletes no "
        "annotation: delete or mend that relation first, or choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: {count} relations of type {name} are broken "
        "already ({problems}), and the step would write them as they are. A schema edit "
        "deletes no annotation: delete or mend those relations first, or choose another label",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "1 points at a deleted span",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{count} point at a deleted span",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "1 links spans neither {name} nor {label} accepts",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{count} link spans neither {name} nor {label} accepts",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: 1 event of type {name} has its trigger span "
        "deleted, and the step would write it as it is. A schema edit deletes no annotation: "
        "delete that event or give it a trigger first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "cannot relabel {name} as {label}: {count} events of type {name} have their trigger "
        "span deleted, and the step would write them as they are. A schema edit deletes no "
        "annotation: delete those events or give them a trigger first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "attributes {theirs} and {ours} are one name (they differ only in case, harakat, "
        "tatweel, alef forms or digit forms) and the record carries both",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{kind} {key}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute added from {where}: {attribute} on {labels}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute added from {where}: {attribute} on every label"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: label {theirs} mapped to the project's {ours}: {n} records relabelled",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: role {theirs} mapped to the project's {ours}: {n} arguments relabelled",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label map: {theirs} → {ours} is not a pair of names",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label map: {where} holds no label {theirs}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label map: the project's schema has no label {ours} (to take {theirs} of {where} as)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "role map: {theirs} → {ours} is not a pair of names",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "role map: {where} holds no role {theirs}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "role map: the project's schema has no role {ours} (to take {theirs} of {where} as)",
    ),
    # QA round 13: imports (relation types and roles under --new-labels, skipped references,
    # names shown quoted), brat's conf, token gaps, suggestions the schema does not take,
    # merge sources, schema --import, accept all agreements
    QT_TRANSLATE_NOOP("CoreMessage", "argument {role}:{target} is unknown"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "attribute value that annotation.conf cannot list (brat reads no other)"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "attribute value {value} of {attribute} left out of annotation.conf (brat cannot list it)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "carriage return in a note, written as a line break (brat notes are one line each)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event type"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event type {type} has no role {role} (use --new-labels add or skip; {count} "
        "unknown name(s): {names})",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event {event} differs from the stored {uuid}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "event {event}: argument {role}: its target {target} was skipped"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event {event}: its trigger {trigger} was skipped"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "event {event}: trigger {trigger} is not a span of this document"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event {event}: unknown role {role} of {type} skipped"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event {event}: {name} {kept} kept, its trigger span {span} said {theirs} (an "
        "older version wrote both)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event {event}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is used twice in this document"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "not an annotator project or bundle (neither an SQLite file nor a zip file)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: the document is marked adjudicated, and {into} keeps its own "
        "version of {n} agreements of {who}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation type"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation type name"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation type {name}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "relation type {name} is not in the schema (use --new-labels add or skip; {count}"
        " unknown name(s): {names})",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation}: its argument {target} was skipped"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation}: unknown argument {source}/{target}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "role name"),
    QT_TRANSLATE_NOOP("CoreMessage", "role {role} of {type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "roles added to the schema: {roles}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "span {span} ({label}): {names} kept on the trigger span: no event of it takes "
        "them (annotator check reports them)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span {span} differs from the stored {uuid}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "span {start}-{end} ({label}) is outside the text (length {length})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span {start}-{end} ({label}): {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "task {n}: nothing tells its {count} annotations apart (no completed_by of their "
        "own); read into layers {layers}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "text of {count} sentences not kept (their tokens joined by spaces instead): the "
        '"sentence" (or "text") does not hold the tokens in order with only white space '
        "between them",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the tokens leave out {word} at offset {offset}: they must cover every character "
        "but white space",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "token {k} ({start}, {end}): its text {given} is not the text at its offsets, {found}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown {kind} {name} skipped"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "warning: spans carry labels the schema no longer defines, kept as they are "
        "('annotator check' lists them): {labels}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{n} not stored: their label is not in the project's schema"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{n} of the model's suggestions not stored: the project's schema has no label "
        "{labels} (train the model again to learn the schema's labels)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the schema file defines no label, event type or relation type; the "
        "project's schema is unchanged",
    ),
    # QA round 13, second part: damaged models, attribute renames, hotkeys, name separators,
    # regular expressions stopped, maps applied again
    QT_TRANSLATE_NOOP("CoreMessage", "edit attributes"),
    QT_TRANSLATE_NOOP("CoreMessage", "its bytes do not match their checksum"),
    QT_TRANSLATE_NOOP("CoreMessage", "its manifest is damaged"),
    QT_TRANSLATE_NOOP("CoreMessage", "no attribute {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "no value {value} in {attribute}"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename attribute {old} to {new}"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename value {old} to {new}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the regular expression {pattern} took longer than {seconds} seconds and was stopped; "
        "simplify it (a group repeated inside a repeat, like (a|aa)+, can take forever)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{label}: hotkey {hotkey} uses {key}, which the window never reads as a label hotkey; "
        "give a letter or digit key (with Ctrl, Alt, Shift or Meta if you like)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: the stored {kind} model {id} is damaged ({problem}); train it again"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{what} {name} contains {char}: names may not hold , or | (lists of names are separated "
        "by them)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{where}: label {theirs} mapped to the project's {ours}: {n} records relabelled; no "
        "annotation carries {theirs} now (the project's schema still defines it)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "import suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "import suggestions from gazetteer {name}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "a .csv gazetteer names a label on each row (name,label): a label for every name "
        "({label}) is for a .txt gazetteer",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "the layer for documents that name none: {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label {theirs} it defines not added to the schema: it is the schema's {ours} written "
        "otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); "
        "its annotations are not relabelled",
    ),
    # outside predictions (annotator.learn.external, search.suggestions.unknown_label) and the
    # held-out scores of the trigger output (annotator.scorecheck, learn.training), QA 16
    QT_TRANSLATE_NOOP("CoreMessage", "all event types"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event triggers, scored apart from the labels above on the same held-out documents ({n} "
        "held out, exact spans, per event type):",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event triggers: {events} in the layer, none in the documents trained on: too few for a "
        "held-out score",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event triggers: {events} in the layer, none in the held-out documents: too few for a "
        "held-out score",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "event triggers: {events} in the layer; none could be scored on the held-out documents",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "expected a JSON object with document, start, end and label"),
    QT_TRANSLATE_NOOP("CoreMessage", "its meta.json name or version: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label must be a non-empty string"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {name} is not in the project's schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "missing field {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "no document named {name} in the project"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a JSON object: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a spaCy pipeline folder (no config.cfg)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "offsets {start}-{end} are outside the text of {name} ({length} characters)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "score must be a number from 0 to 1"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "several documents are named {name}: the name does not tell which one (give them "
        "distinct names)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "source"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "source {name} is one of the project's own (its model, annotate-all, a gazetteer): give "
        "the predictions a source of their own",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "spaCy cannot load it: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "spaCy is not installed (pip install spacy)"),
    QT_TRANSLATE_NOOP("CoreMessage", "start and end must be whole numbers (code-point offsets)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the span {start}-{end} of {name} is empty: its end must come after its start",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "the span {start}-{end} of {name} is only white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger scores must be an object of {fields}"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger scores: per_label and micro must be objects"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger scores: scores without events to score"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "trigger scores: the events trained on and held out do not add up"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "trigger scores: the overall row does not match the event types"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "trigger scores: the row of {label} must hold precision, recall and F1 from 0 to 1 and a "
        "whole support",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger scores: {field} must be a whole number"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown field {field} (expected {fields})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{n} not stored: their score is not a number from 0 to 1"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{n} not stored: their span is only white space or outside the text"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{n} pending suggestion(s) that {sources} left before were replaced"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{setting} = {value} runs a callback or takes something from outside the folder: only a "
        "self-contained pipeline folder is loaded, nothing taken from another pipeline or package",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{n} line(s) skipped: they are for other documents"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "a document of this name was in the project with another text; this one was added "
        "beside it: {name}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "attribute of {where} not added, as nothing was taken in from it: {attribute}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "document {name} (id {document})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "labels of {where} not added, as nothing was taken in from it: {labels}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "more documents added beside one of the same name and another text: {count}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "more documents read as the stored text of the same tokens: {count}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to export: the text of every selected document no longer matches its sha256 "
        "(changed outside annotator; 'annotator check' reports it): {documents}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "same tokens as {stored}, white space aside (CoNLL keeps the tokens, not the text "
        "between them): read as its text: {name}",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "suggestions row {row}, document {document}: it ends at {end}, past the end of the text "
        "({length})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "suggestions row {row}, document {document}: its text {text} is not the document's text "
        "at {start}-{end} ({expected})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "suggestions row {row}, document {document}: malformed {columns} (left out wherever "
        "suggestions are read)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "suggestions row {row}: its document (id {id}) does not exist",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "text changed outside annotator, no longer matching its sha256 ('annotator check' "
        "reports it): {documents}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "the text of document {document} does not match its sha256"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the text of {documents} no longer matches its sha256 (changed outside annotator; "
        "'annotator check' reports it): a merge would refuse a bundle carrying it, so none is "
        "written",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{table} row {row} refers to a row of {parent} that does not exist",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "withdrawn_suggestions row {row}: {batch} is not a batch id (left out wherever "
        "suggestions are read)",
    ),
)
"""the templates of the core's ``Message``s (``annotator/schema``, ``annotator/rules.py``,
the commands' texts ``annotator/commands``):
listed here for ``pyside6-lupdate``, which reads only ``ui/``; a test keeps the list equal to
the templates the core writes"""


SYSTEM_MESSAGES = (
    QT_TRANSLATE_NOOP("CoreMessage", "[Errno {errno}] {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "[Errno {errno}] {why}: {path}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{problem}: line {line} column {column} (char {char})"),
    QT_TRANSLATE_NOOP("CoreMessage", "Permission denied"),
    QT_TRANSLATE_NOOP("CoreMessage", "Operation not permitted"),
    QT_TRANSLATE_NOOP("CoreMessage", "No such file or directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "No space left on device"),
    QT_TRANSLATE_NOOP("CoreMessage", "Disk quota exceeded"),
    QT_TRANSLATE_NOOP("CoreMessage", "Is a directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "Not a directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "Read-only file system"),
    QT_TRANSLATE_NOOP("CoreMessage", "File exists"),
    QT_TRANSLATE_NOOP("CoreMessage", "Input/output error"),
    QT_TRANSLATE_NOOP("CoreMessage", "File name too long"),
    QT_TRANSLATE_NOOP("CoreMessage", "Too many open files"),
    QT_TRANSLATE_NOOP("CoreMessage", "Directory not empty"),
    QT_TRANSLATE_NOOP("CoreMessage", "Too many levels of symbolic links"),
    QT_TRANSLATE_NOOP("CoreMessage", "File too large"),
    QT_TRANSLATE_NOOP("CoreMessage", "Device or resource busy"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid cross-device link"),
    QT_TRANSLATE_NOOP("CoreMessage", "Text file busy"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "Bad magic number for central directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "Bad magic number for file header"),
    QT_TRANSLATE_NOOP("CoreMessage", "Bad offset for central directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("CoreMessage", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("CoreMessage", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("CoreMessage", "Expecting value"),
    QT_TRANSLATE_NOOP("CoreMessage", "Extra data"),
    QT_TRANSLATE_NOOP("CoreMessage", "File is not a zip file"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid \\uXXXX escape"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid control character"),
    QT_TRANSLATE_NOOP("CoreMessage", "Invalid control character at"),
    QT_TRANSLATE_NOOP("CoreMessage", "NoneType"),
    QT_TRANSLATE_NOOP("CoreMessage", "Truncated central directory"),
    QT_TRANSLATE_NOOP("CoreMessage", "Truncated file header"),
    QT_TRANSLATE_NOOP("CoreMessage", "Unterminated string starting"),
    QT_TRANSLATE_NOOP("CoreMessage", "Unterminated string starting at"),
    QT_TRANSLATE_NOOP("CoreMessage", "bool"),
    QT_TRANSLATE_NOOP("CoreMessage", "dict"),
    QT_TRANSLATE_NOOP("CoreMessage", "float"),
    QT_TRANSLATE_NOOP("CoreMessage", "int"),
    QT_TRANSLATE_NOOP("CoreMessage", "list"),
    QT_TRANSLATE_NOOP("CoreMessage", "str"),
    QT_TRANSLATE_NOOP("CoreMessage", "zipfiles that span multiple disks are not supported"),
    QT_TRANSLATE_NOOP("CoreMessage", "line contains NUL"),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected end of data"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "new-line character seen in unquoted field - do you need to open the file in "
        "universal-newline mode?",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
    ),
)
"""the texts of the system a core message passes on (``annotator.errors``: an ``OSError``'s
reason and its ``str``, a JSON error, zipfile's problems, Python's type names), in the context
``CoreMessage``; a test keeps the list equal to ``annotator.errors``' own"""


SYSTEM_TEMPLATES = (
    QT_TRANSLATE_NOOP("CoreMessage", "{strerror}"),
    QT_TRANSLATE_NOOP("CoreMessage", "Corrupt extra field {field} (size={size})"),
    QT_TRANSLATE_NOOP("CoreMessage", "Corrupt zip64 extra field. {field} not found."),
    QT_TRANSLATE_NOOP("CoreMessage", "Bad CRC-32 for file {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "File name in directory {name} and header {header} differ."),
    QT_TRANSLATE_NOOP("CoreMessage", "Overlapped entries: {name} (possible zip bomb)"),
    QT_TRANSLATE_NOOP("CoreMessage", "field larger than field limit ({limit})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{delimiter} expected after {quote}"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad CSV: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad CSV header: {problem}"),
)
"""the system's texts with a name or a number in them (``annotator.errors.SYSTEM_TEMPLATES``:
zipfile's and csv's, what the CSV readers put before them) and the operating-system error
whose errno has no text of its own here (``annotator.errors.OS_FALLBACK``), in the context
``CoreMessage``; a test keeps the list equal to ``annotator.errors``' own"""
