"""The small words around an amount: package words, about, net/gross, suspected, times."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from bot.domain.catalogue import alias_words

# The words a date is written after: "on 28/11", "วันที่ 28 พ.ย.".
DATE_WORDS = frozenset({"on", "dated", "วันที่", "เมื่อ", "เมื่อวันที่", "ณวันที่"})

PACKAGE_WORDS = frozenset(
    "bag bags pack packs packet packets package packages parcel parcels brick bricks block "
    "blocks bottle bottles box boxes bundle bundles wrap wraps sachet sachets can cans jar jars "
    # 병 and ขวด are bottles: "케타민 5병 50ml each" is 5 × 50 ml, as "5 bottles of 50ml" is
    "pouch pouches 봉지 봉 병 ถุง ห่อ ขวด "
    # bundle, box, pack, lump/brick in Korean and Thai: "ยาบ้า 3 มัด" is three bundles, not tablets
    "มัด กล่อง แพ็ค ก้อน 상자 박스 팩 덩어리".split()
)
# Counted units that are containers too: "5 vials of 50ml ketamine" is 5 packages.
CONTAINER_UNITS = frozenset("vial vials ampoule ampoules ampule ampules".split())
# Counted units that also hold a weight: '80 capsules of 15g cocaine' (swallowed pellets),
# '3 pcs of 1kg cocaine', as '5 vials of 50ml ketamine' (rules, Containers times a content).
HOLDING_UNITS = frozenset("capsule capsules cap caps piece pieces pcs pc".split())
APPROXIMATE = frozenset(
    "approx approx. approximately about around roughly circa ca ca. est est. ~ ≈ 약 ประมาณ".split()
)


def _folded_set(words: set[str]) -> frozenset[str]:
    """Words as `folded` spells them: NFKC splits the Thai ำ (SARA AM) in two."""
    return frozenset(unicodedata.normalize("NFKC", word).casefold() for word in words)


# Net and gross weight in Korean and Thai too ("필로폰 1.5kg 총중량 1.8kg", "1 กก นน.รวม 1.2 กก");
# the two-word spellings ("총 중량", "นน. รวม") are one token (tokens.JOINED).
NET = _folded_set(
    {"net", "nett", "n.w", "nw", "n/w", "순중량", "순 중량", "정미", "정미중량"}
    | {"น้ำหนักสุทธิ", "น้ำหนัก สุทธิ", "นน.สุทธิ", "นน. สุทธิ", "นนสุทธิ"}
)
GROSS = _folded_set(
    {"gross", "g.w", "gw", "g/w", "총중량", "총 중량", "그로스"}
    | {"น้ำหนักรวม", "น้ำหนัก รวม", "นน.รวม", "นน. รวม", "นนรวม"}
)
SUSPECTED = frozenset(
    {"suspected", "suspect", "presumed", "possible", "probable", "unconfirmed", "presumptive"}
    # "(field-test)" typed as one word is "(field test)", which is two (is_field_test)
    | {"field-test", "field_test", "fieldtest"}
    # The same in Korean and Thai: 추정 (presumed), 의심 (suspected), ต้องสงสัย (suspected).
    | {"추정", "추정된", "의심", "의심되는", "ต้องสงสัย", "สงสัย"}
)
# "total 5kg", "meth total 5kg": the amount after it is the item's whole amount.
TOTAL = frozenset({"total", "totalling", "totaling", "총", "합계", "รวม"})
_WEIGHT = _folded_set({"weight", "wt", "wt.", "중량", "무게", "น้ำหนัก", "นน"})
TIMES = frozenset({"x", "×", "*"})
EACH = frozenset({"each", "apiece", "per", "씩"})  # "200정씩": 200 tablets each
# Before an amount, "each" in Thai and Korean: "10 ถุง ถุงละ 200 เม็ด", "10봉지 각 200정"; also
# glued to a package word or a piece counter ("ถุงละ" per bag, "봉지당" per bag, "개당" apiece).
PER = frozenset({"ละ", "각", "각각", "당"})
_PER_SUFFIXES = ("ละ", "당")
_PIECES = frozenset({"개", "ชิ้น", "อัน", "เม็ด", "정", "알"})


# Asked of each word of a report a dozen times (is it a package? times? about?...).
@lru_cache(maxsize=4096)
def folded(token: str) -> str:
    """A word as the marker sets spell it: NFKC, lower case, no surrounding brackets."""
    return unicodedata.normalize("NFKC", token).casefold().strip("()[]{},;:!?\"'")


def is_package(token: str) -> bool:
    """Whether a word names a package: bag, bricks, 봉지, ถุง..."""
    return folded(token).rstrip(".") in PACKAGE_WORDS


def is_approximate(token: str) -> bool:
    """Whether a word marks an amount as approximate: about, ca., ~, 약..."""
    word = folded(token)
    return word in APPROXIMATE or word.rstrip(".") in APPROXIMATE


def is_net(token: str) -> bool:
    """net, N.W."""
    return _bare(token) in NET


def is_gross(token: str) -> bool:
    """gross, G.W."""
    return _bare(token) in GROSS


def is_weight(token: str) -> bool:
    """The word "weight" (of "gross weight", "net weight")."""
    return _bare(token) in _WEIGHT


def is_total(token: str) -> bool:
    """total, totalling, 총, รวม: the amount after it is the whole amount."""
    return _bare(token) in TOTAL


def is_suspected(token: str) -> bool:
    """suspected, presumed, unconfirmed..."""
    return _bare(token) in SUSPECTED


def is_times(token: str) -> bool:
    """x or × between a count and an amount."""
    return folded(token) in TIMES


def is_each(token: str) -> bool:
    """each: the amount before it is per package."""
    return _bare(token) in EACH


def is_per(token: str) -> bool:
    """ละ, 각, ถุงละ, 봉지당, 개당: the amount after it is per package."""
    word = _bare(token)
    if word in PER:
        return True
    suffix = next((end for end in _PER_SUFFIXES if word.endswith(end)), None)
    counter = word.removesuffix(suffix) if suffix else ""
    return counter in PACKAGE_WORDS or counter in _PIECES


def is_marker(token: str) -> bool:
    """A word about an amount in any language (about, gross, net, weight, total, each, ละ,
    총중량, นน.รวม...): never the name of what was seized."""
    return (
        is_approximate(token)
        or is_gross(token)
        or is_net(token)
        or is_weight(token)
        or is_total(token)
        or is_suspected(token)
        or is_times(token)
        or is_each(token)
        or is_per(token)
    )


def is_field_test(first: str, second: str) -> bool:
    """The two words of "(field test)"."""
    return alias_words(first) == ("field",) and alias_words(second) == ("test",)


def _bare(token: str) -> str:
    return folded(token).rstrip(".")
