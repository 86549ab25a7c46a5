"""Thai `ที่` (at) and `ณ` (at, formal) before a place, and the words ที่ starts that are no place.

ที่ is "at" before a place (`ที่ สุวรรณภูมิ`, `ที่BKK`), but it is also "that" before a verb
(`ที่ตรวจพบ`, that was found), an ordinal before a number (`ครั้งที่ 2`), "here" (`ที่นี่`) and
"-est" (`ที่สุด`); inside a word (`เจ้าหน้าที่`, officer; `วันที่`, date) it is no word at all.
"""

from __future__ import annotations

from bot.domain.quantities import read_number, thai_number
from bot.domain.vocabulary import country_code

TH_AT = ("ที่", "ณ")
# What a Thai place starts with: checkpoint, airport, port, station, customs, post office...
TH_PLACES = (
    "ด่าน",
    "สนามบิน",
    "ท่าอากาศยาน",
    "ท่าเรือ",
    "สถานี",
    "ศุลกากร",
    "ไปรษณีย์",
    "คลังสินค้า",
    "อาคาร",
    "ศูนย์",
    "จุดตรวจ",
    "อำเภอ",
    "จังหวัด",
)
# Words after ที่ that make it "that", "here", "-est" or an ordinal: exactly these words...
TH_NOT_PLACES = frozenset(
    {"สุด", "จะ", "ได้", "มี", "นี่", "นี้", "นั่น", "โน่น", "ไหน", "เป็น", "ใช้", "ถูก", "ผ่าน"}
    | {"มา", "แล้ว", "ไม่", "ยัง", "เคย", "ต้อง", "ส่ง", "เจอ", "นำ", "รับ", "อยู่", "พัก", "ดิน"}
    | {"นั่ง", "เก็บ", "ตั้ง", "เหลือ", "เกิด", "ทำการ", "ว่าการ", "จอด", "หนึ่ง", "สอง"}
)
# ...and these verbs with whatever is glued after them ("ที่ตรวจพบ", "ที่ซุกซ่อน").
_TH_VERBS = ("ตรวจ", "จับ", "ยึด", "ซ่อน", "ซุก", "พบ", "ได้", "ถูก", "กำลัง", "สุด", "นี่", "นี้")
# From and to, which end a place: "ที่ ด่านสะเดา จากมาเลเซีย" (own_grammar.py reads them).
TH_FROM_TO = ("จาก", "ไปยัง", "ไป", "สู่")
# A place hidden in after these is a concealment ("ซ่อน ที่ กระเป๋า"), not where it was seized.
TH_HIDE = ("ซ่อน", "ซุก", "ซ่อนอยู่", "ซุกซ่อน", "ซุกซ่อนอยู่")


def thai_place_follows(rest: str, glued: bool = False) -> bool:
    """Whether the word after ที่ or ณ (`rest`) is where something was seized: a code, a place
    word, a country, a name; not a verb, a number or one of the words that make ที่ no "at".
    A word `glued` to ที่ must not be the rest of a word ที่ starts (ที่นั่ง, seat)."""
    word = rest.strip(".,;:!?()")
    if not word or read_number(word) is not None or thai_number(word) is not None:
        return False
    if word[0].isascii():
        return word[0].isalpha()  # "ที่BKK", "ที่ ICN"; not "ที่ #tag" nor "ที่ 2"
    if word.startswith(TH_PLACES) or country_code(word) is not None:
        return True
    if word in TH_NOT_PLACES or word.startswith(_TH_VERBS):
        return False
    if word.startswith(("วันที่", "เมื่อ", "เวลา", "ตอน", "ครั้ง")):
        return False  # a date or a time, read as such
    return not glued or not word.startswith(tuple(TH_NOT_PLACES - {"มา", "จะ", "มี", "ดิน"}))


def thai_from_or_to(word: str) -> bool:
    """จาก (from), ไป, ไปยัง, สู่ (to), alone or glued to a country; not ไปรษณีย์ (post)."""
    return word.startswith(TH_FROM_TO) and not word.startswith(TH_PLACES)
