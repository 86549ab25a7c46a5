"""Details a Korean or Thai officer writes in their own grammar, read as the rules' keywords.

A Korean date stands alone (`11월 28일`, `2026년 11월28일`): it reads as `on DATE` wherever it
is. Korean puts the concealment before its marker (`여행가방에 은닉`, `가방 속에`), Thai after
(`ซ่อนในกล่อง`, `ใน กล่อง`): both read as `concealed in WHAT`, so a place before them ends there.
Thai ที่ or ณ before a place reads as `at` (thai_places.py says where it is no "at"), and so
does a Korean place with 에서 (`인천공항에서`).
"""

from __future__ import annotations

from bot.parsing.dates import date_at, month_number
from bot.parsing.details import _TRAILING, Detail, DetailScanner
from bot.parsing.own_grammar import korean_place_at, korean_place_run
from bot.parsing.thai_places import TH_AT, TH_HIDE, thai_from_or_to, thai_place_follows
from bot.parsing.tokens import Kind

# 은닉 "concealed", 숨긴/숨겨 "hidden": after a word ending in 에 ("in").
_KO_HIDE = frozenset(
    {"은닉", "은닉된", "은닉한", "은닉됨", "숨긴", "숨김", "숨겨", "숨겨진", "숨겨져", "숨겨서"}
)
# 속에/안에 "inside": a word of its own after the container ("가방 속에").
_KO_INSIDE = frozenset({"속에", "안에", "속에서", "안에서"})
# ซ่อนใน "hidden in", ซุกซ่อนใน "stashed in", ใน "in": before the container, often glued to it.
_TH_HIDE = ("ซุกซ่อนอยู่ใน", "ซ่อนอยู่ใน", "ซุกซ่อนใน", "ซ่อนใน", "ซุกใน")
_TH_IN = "ใน"


class OwnDetailScanner(DetailScanner):
    """Reads Korean dates and Korean and Thai concealment besides the rules' keywords."""

    def _find_detail(self, index: int) -> Detail | None:
        found = super()._find_detail(index)
        if found is not None or self.tokens[index].kind is not Kind.WORD:
            return found
        if self._korean_date_at(index):
            return Detail("date", index)
        if self._thai_at(index):
            return Detail("location", index + 1)
        if self._korean_place(index) is not None:
            return Detail("ko_location", index)
        if self._korean_place_run(index) is not None:
            return Detail("ko_location_run", index)
        return self._concealment_at(index)

    def _korean_place_run(self, index: int) -> str | None:
        """'인천 국제우편센터' of '인천 국제우편센터에서': a place of two words, with 에서 (at)."""
        if not self._is_value(index + 1) or self.tokens[index].kind is not Kind.WORD:
            return None
        before = self.words[index].strip(_TRAILING)
        if self.catalogue.match([before]) is not None:
            return None  # "필로폰 국제우편센터에서": the substance, then the place
        return korean_place_run(before, self.words[index + 1])

    def _korean_place(self, index: int) -> str | None:
        """'인천공항' of '인천공항에서' (at Incheon airport), as `at 인천공항`."""
        before = self.words[index - 1] if index > 0 and self._is_value(index - 1) else ""
        if self.catalogue.match([before.strip(_TRAILING)]) is not None:
            before = ""  # "2 kg 필로폰 세관에서": the substance is no name the place runs on from
        return korean_place_at(self.words[index], before.strip(_TRAILING))

    def _thai_at(self, index: int) -> bool:
        """ที่ or ณ (at) before a place, as `at`: "ยาบ้า 200 เม็ด ที่ สุวรรณภูมิ", "ที่BKK"."""
        if self.words[index] not in TH_AT or not self._is_value(index + 1):
            return False
        hidden = index > 0 and self.words[index - 1].endswith(TH_HIDE)
        return not hidden and thai_place_follows(self.words[index + 1])

    def _take_detail(self, index: int, detail: Detail) -> int:
        if detail.field == "date" and detail.value_start == index:
            return self._take_date(index, index)
        if detail.field == "ko_location":
            self._set("location", self._korean_place(index) or "", index, index + 1)
            return index + 1
        if detail.field == "ko_location_run":
            self._set("location", self._korean_place_run(index) or "", index, index + 2)
            return index + 2
        if detail.field == "ko_concealment":
            return self._take_own_concealment(index, detail.value_start, self.words[index])
        if detail.field == "th_concealment":
            word = self.words[index]
            glued = next((p for p in (*_TH_HIDE, _TH_IN) if word.startswith(p)), "")
            return self._take_own_concealment(index, detail.value_start, word[len(glued) :])
        return super()._take_detail(index, detail)

    def _run_end(self, start: int) -> int:
        # "at แม่สาย 29 พ.ย.", "at Mae Sai 29 Nov": a date with its month named is no part of
        # a place; it stands alone, and is asked to follow `on` as any date so written.
        end = super()._run_end(start)
        # "ที่ ด่านสะเดา จาก มาเลเซีย": Thai from and to end the place (the reply offers them)
        for at in range(start + 1, end):
            if thai_from_or_to(self.words[at]):
                return at
        for at in range(start + 1, end - 1):
            if self.numbers[at] is not None and month_number(self.words[at + 1]) is not None:
                found = date_at(self.words[at : at + 3], self.today)
                if found is not None:
                    return at
        return end

    def _refuse_date(self, reason: str, start: int, end: int, fixed: str | None = None) -> None:
        # A Korean date refused: the example writes today as the officer wrote the day, since
        # an ISO date standing alone after a place would read as part of it.
        if fixed is None and self._korean_date_at(start):
            fixed = f"{self.today.month}월 {self.today.day}일"
        super()._refuse_date(reason, start, end, fixed)

    def _korean_date_at(self, index: int) -> bool:
        """'11월 28일', '11월28일', '2026년 11월 28일': a Korean date starts here."""
        words = self.words[index : index + 3]
        found = date_at(words, self.today)
        return found is not None and "월" in "".join(words[: found[1]])

    def _concealment_at(self, index: int) -> Detail | None:
        word = self.words[index].rstrip(_TRAILING)
        following = self.words[index + 1].rstrip(_TRAILING) if self._is_value(index + 1) else ""
        # Korean: the container, then its marker: "여행가방에 은닉", "가방 속에 (숨긴)".
        if len(word) > 1 and word.endswith("에") and following in _KO_HIDE:
            return Detail("ko_concealment", index + 2)
        if following in _KO_INSIDE:
            after = index + 2
            hidden = self._is_value(after) and self.words[after].rstrip(_TRAILING) in _KO_HIDE
            return Detail("ko_concealment", after + 1 if hidden else after)
        # Thai: the marker, then the container, glued or not: "ซ่อนในกล่อง", "ใน กล่อง".
        for marker in _TH_HIDE:
            if word == marker and following:
                return Detail("th_concealment", index + 1)
            if word.startswith(marker) and len(word) > len(marker):
                return Detail("th_concealment", index + 1)
        if word == _TH_IN and following:
            return Detail("th_concealment", index + 1)
        if word.startswith(_TH_IN) and len(word) > 2 and self._after_a_place(index):
            return Detail("th_concealment", index + 1)
        return None

    def _after_a_place(self, index: int) -> bool:
        """Whether a place (`at`, `@`, ที่) was given before `index` in the same part."""
        for before in range(index - 1, -1, -1):
            token = self.tokens[before]
            if token.kind is Kind.SEP:
                return False
            if token.kind is Kind.AT or self._norm(before) in {"at", "ที่"}:
                return True
        return False

    def _take_own_concealment(self, index: int, start: int, glued: str) -> int:
        """The container (`glued` to the marker, or the words after it) as `concealed in`."""
        if self.tokens[index].kind is Kind.WORD and self.words[index][-1:] == "에":
            glued = self.words[index][:-1]  # Korean: "여행가방에" is the container
        elif self.words[index + 1 : index + 2] and self.words[index + 1] in _KO_INSIDE:
            glued = self.words[index]
        end = start
        if not glued.strip(_TRAILING) or glued in _TH_HIDE or glued == _TH_IN:
            glued, end = "", self._free_run(start)
        elif self._thai(index):
            end = self._free_run(start) if self._is_value(start) else start
        words = " ".join(part for part in (glued, self._value_text(start, end)) if part)
        value = words.rstrip(_TRAILING)
        if not value:
            return super()._take_detail(index, Detail("note", end))
        self._set("concealment", value, index, end)
        return end

    def _thai(self, index: int) -> bool:
        return any("\u0e00" <= char <= "\u0e7f" for char in self.words[index])
