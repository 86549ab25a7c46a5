"""Shaped text in the pack copies out as it was written: each shaped run carries its words.

harfbuzz places Thai marks as glyphs of their own, moved up and back over their consonant; a
reader copying the text (or a search) rebuilt it from the glyphs' positions and got 'ยาบา้'
for 'ยาบ้า', with lines broken where a mark sits higher. fpdf2 (2.8) writes no ActualText of
its own, so each shaped fragment's operators are wrapped in a marked-content span whose
/ActualText is the fragment's text (PDF 32000-1, 14.9.4): viewers copy that, print the glyphs.
Unshaped text (Latin, Korean) is left as fpdf2 writes it: its ToUnicode map reads it back.
"""

from __future__ import annotations

from typing import Any

from fpdf.line_break import Fragment

_render = Fragment.render_pdf_text


def _with_actual_text(fragment: Fragment, *args: Any, **kwargs: Any) -> str:
    operators: str = _render(fragment, *args, **kwargs)
    if not fragment.text_shaping_parameters or not operators:
        return operators
    words = "".join(fragment.characters).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <FEFF{words}>>> BDC {operators} EMC"


def install() -> None:
    """Wrap fpdf2's rendering of a fragment; idempotent (the pack is built in one process)."""
    Fragment.render_pdf_text = _with_actual_text  # type: ignore[assignment]
