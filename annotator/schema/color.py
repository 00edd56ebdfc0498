"""Which colour strings a label may have: what Qt's ``QColor`` draws, in the core's words.

The app writes ``#RRGGBB`` (the schema editor's colour dialog, the palettes); a user types
``#rgb`` or ``#rrggbb``; brat's visual.conf may give a colour name (``darkgreen``). Anything
else ("notacolor", "red; x") was drawn grey, as if it were a colour: a schema refuses it
(``Schema.problems``), naming the label. The names are the SVG colour names ``QColor`` knows
(``QColor.colorNames()``; a UI test checks the two agree).
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8,9}|[0-9a-fA-F]{12})")

COLOR_NAMES = frozenset(
    """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro
    ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo
    ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen
    linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple
    mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
    midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab
    orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip
    peachpuff peru pink plum powderblue purple red rosybrown royalblue saddlebrown salmon
    sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow
    springgreen steelblue tan teal thistle tomato transparent turquoise violet wheat white
    whitesmoke yellow yellowgreen
    """.split()  # noqa: SIM905 (a list of 148 names, one a line, would be 150 lines)
)
"""the SVG colour names (as ``QColor.colorNames()`` lists them; case is ignored)"""


def is_color(text: str) -> bool:
    """Whether ``text`` is a colour a label may have: ``#`` and 3, 6, 8 (``#AARRGGBB``), 9 or 12
    hex digits, or an SVG colour name (``darkgreen``, any case): what ``QColor`` accepts."""
    return _HEX.fullmatch(text) is not None or text.lower() in COLOR_NAMES
