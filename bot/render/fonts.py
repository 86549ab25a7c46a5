"""The typefaces of every document and chart: Noto Sans, Noto Sans Thai and Noto Sans KR.

All three come from PyPI packages (fontpkg-noto-sans, fontpkg-noto-sans-thai,
pylopdf-fonts-ko), each under the SIL Open Font License shipped inside it, so a fresh machine
has them after `pip install` alone, with no system fonts. The PDF takes the paths (Thai needs
text shaping, fpdf2 with uharfbuzz); charts take the family names from `chart_families`.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

LATIN = "NotoSans"
THAI = "NotoSansThai"
KOREAN = "NotoSansKR"
# Text is set in Latin first; a character it lacks is taken from these, in order.
FALLBACKS = (THAI, KOREAN)

_REGISTERING = threading.Lock()


@dataclass(frozen=True)
class Face:
    """One font file, and whether it has a weight axis (variable) or is one weight."""

    family: str
    path: Path
    variable: bool


def faces() -> tuple[Face, ...]:
    """The three faces: Latin (with Greek and Cyrillic), Thai, Korean."""
    import fontpkg_noto_sans
    import fontpkg_noto_sans_thai
    import pylopdf_fonts_ko

    return (
        Face(LATIN, fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf", True),
        Face(THAI, fontpkg_noto_sans_thai.ROOT / "files" / "NotoSansThai[wdth,wght].ttf", True),
        Face(KOREAN, Path(pylopdf_fonts_ko.sans_path()), False),
    )


def path_of(family: str) -> Path:
    """The file of one of the faces."""
    for face in faces():
        if face.family == family:
            return face.path
    raise KeyError(family)


@functools.cache
def chart_families() -> tuple[str, ...]:
    """matplotlib's family names for the faces, registered once: use as rcParams font.family."""
    from matplotlib import font_manager

    names = []
    with _REGISTERING:
        for face in faces():
            font_manager.fontManager.addfont(str(face.path))
            names.append(font_manager.FontProperties(fname=str(face.path)).get_name())
    return tuple(names)
