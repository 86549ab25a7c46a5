"""The words of a seizure's details: transport modes, detection methods, countries."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from importlib import resources

from bot.domain.catalogue import alias_words

TRANSPORT_MODES = (
    "air_passenger",
    "air_cargo",
    "express_courier",
    "postal",
    "sea_container",
    "sea_vessel",
    "land_vehicle",
    "rail",
    "pedestrian",
    "other",
)
DETECTION_METHODS = (
    "risk_profiling",
    "intelligence",
    "random_check",
    "x_ray",
    "canine",
    "physical_search",
    "other",
)

# Phrases are separated by "|"; each enumeration value also matches its own words.
_TRANSPORT_PHRASES = {
    "air_passenger": "passenger|passengers|air passenger|air passengers|airline passenger|pax|"
    "traveller|travellers|traveler|travelers|luggage|baggage|checked baggage|checked luggage|"
    "hand luggage|carry on|suitcase|suitcases|flight|plane|airplane|aeroplane|"
    "passenger luggage|passenger baggage|passengers luggage|passengers baggage",
    "air_cargo": "air cargo|cargo|air freight|airfreight|freight|air waybill|awb",
    "express_courier": "courier|couriers|express|express courier|express cargo|express parcel|"
    "express consignment|dhl|fedex|fed ex|ups|tnt|aramex|sf express|courier parcel",
    # EMS travels in the postal stream (UPU), and customs count it with the mail.
    "postal": "post|postal|mail|mails|parcel post|postal parcel|post parcel|parcel|parcels|"
    "letter|letters|ems|international mail|registered mail|small packet|postal service",
    "sea_container": "container|containers|sea container|shipping container|sea cargo|"
    "sea freight|container ship|reefer",
    "sea_vessel": "ship|vessel|boat|ferry|yacht|sea|fishing boat|speedboat|speed boat|"
    "cruise ship|sailing boat",
    "land_vehicle": "truck|lorry|car|vehicle|vehicles|bus|van|coach|taxi|motorbike|"
    "motorcycle|road|land|trailer|pickup",
    "rail": "train|rail|railway|railroad",
    "pedestrian": "on foot|foot|walking|walker|pedestrian|pedestrians",
    "other": "other",
}
_DETECTION_PHRASES = {
    "risk_profiling": "profiling|profile|risk profiling|risk profile|risk analysis|"
    "risk assessment|risk|targeting|selectivity",
    "intelligence": "intelligence|intel|tip off|tipoff|tip|tips|informant|information|"
    "prior information|hotline|source|tip from police",
    "random_check": "random|random check|random search|random inspection|random selection|"
    "spot check|routine check|routine",
    "x_ray": "x ray|xray|x rays|scanner|scan|scanning|ct|ct scan|ct scanner|x ray scanner|"
    "x ray machine|non intrusive inspection|nii|body scanner",
    "canine": "dog|dogs|sniffer dog|sniffer dogs|detector dog|detection dog|canine|k9|k 9|"
    "dog unit|drug dog",
    "physical_search": "search|body search|physical|physical search|physical inspection|"
    "physical examination|physical check|inspection|examination|pat down|frisk|manual search|"
    "hand search|baggage search|luggage search|strip search",
    "other": "other",
}
_ARTICLES = frozenset({"a", "an", "the", "our", "his", "her", "their"})


def _phrases(table: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    phrases: dict[tuple[str, ...], str] = {}
    for value, spelled in table.items():
        for phrase in [value, *spelled.split("|")]:
            phrases[alias_words(phrase)] = value
    return phrases


_TRANSPORT = _phrases(_TRANSPORT_PHRASES)
_DETECTION = _phrases(_DETECTION_PHRASES)


def transport_at(words: Sequence[str]) -> tuple[str, int] | None:
    """The transport mode named at the start of `words`, and how many words it took."""
    return _phrase_at(words, _TRANSPORT)


def detection_at(words: Sequence[str]) -> tuple[str, int] | None:
    """The detection method named at the start of `words`, and how many words it took."""
    return _phrase_at(words, _DETECTION)


def _phrase_at(
    words: Sequence[str], phrases: Mapping[tuple[str, ...], str]
) -> tuple[str, int] | None:
    keys = [alias_words(word) for word in words]
    start = 0
    while start < len(keys) and keys[start] in {(article,) for article in _ARTICLES}:
        start += 1
    for end in range(min(len(keys), start + 5), start, -1):
        key = tuple(part for word in keys[start:end] for part in word)
        if key in phrases:
            return phrases[key], end
    return None


_CODE = re.compile(r"[A-Za-z]{2,3}")
# "to Thai", "from Korean": officers name a country by its adjective too. The region's first.
_ADJECTIVES = {
    "TH": "Thai|Siamese|태국산|ไทย",
    "KR": "Korean|South Korean|한국산",
    "KP": "North Korean",
    "LA": "Laotian|Lao",
    "MM": "Myanmar|Burmese|미얀마산",
    "CN": "Chinese|중국산",
    "HK": "Hong Konger|Hongkonger",
    "TW": "Taiwanese",
    "JP": "Japanese|일본산",
    "VN": "Vietnamese|베트남산",
    "KH": "Cambodian|Khmer",
    "MY": "Malaysian",
    "SG": "Singaporean",
    "ID": "Indonesian",
    "PH": "Filipino|Philippine",
    "IN": "Indian",
    "PK": "Pakistani",
    "BD": "Bangladeshi",
    "NP": "Nepalese|Nepali",
    "LK": "Sri Lankan",
    "AF": "Afghan",
    "IR": "Iranian",
    "TR": "Turkish",
    "AE": "Emirati",
    "NG": "Nigerian",
    "ZA": "South African",
    "KE": "Kenyan",
    "ET": "Ethiopian",
    "CO": "Colombian",
    "PE": "Peruvian",
    "BO": "Bolivian",
    "EC": "Ecuadorian",
    "BR": "Brazilian",
    "AR": "Argentinian|Argentine",
    "CL": "Chilean",
    "MX": "Mexican",
    "US": "American",
    "CA": "Canadian",
    "GB": "British|English",
    "NL": "Dutch",
    "BE": "Belgian",
    "DE": "German",
    "FR": "French",
    "ES": "Spanish",
    "IT": "Italian",
    "PT": "Portuguese",
    "AU": "Australian",
    "NZ": "New Zealander",
}


_OWN_SCRIPT_LOCALES = ("ko", "th")
# What officers say that CLDR spells longer ('สหรัฐอเมริกา', '아랍에미리트 연합').
_SHORT_FORMS = {
    "US": "สหรัฐ|สหรัฐฯ|อเมริกา|미합중국",
    "GB": "อังกฤษ|영국",
    "AE": "ยูเออี|아랍에미리트",
    "NL": "ฮอลแลนด์|홀랜드",
    "CZ": "체코|เช็ก",
    "HK": "ฮ่องกง|홍콩",
    "MO": "มาเก๊า|마카오",
}


def country_code(text: str, *, any_case_codes: bool = True) -> str | None:
    """ISO 3166 alpha-2 code of a country name or alpha-2/alpha-3 code, else None.

    With `any_case_codes` false, a code counts only when typed in capitals ("to be" is not
    Belgium).
    """
    names, codes = _countries()
    bare = text.strip().strip(".,;:!?")
    if _CODE.fullmatch(bare) and (any_case_codes or bare.isupper()):
        code = codes.get(bare.upper())
        if code is not None:
            return code
    # "S.Korea" as "S. Korea": a full stop may stand for a space as well as nothing (U.S.).
    return names.get(_place_key(text)) or names.get(_place_key(text.replace(".", ". ")))


def _place_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[.'’]", "", plain)
    words = re.sub(r"[\W_]+", " ", plain).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


@functools.cache
def _countries() -> tuple[Mapping[str, str], Mapping[str, str]]:
    text = resources.files("bot").joinpath("data/countries.toml").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for alpha2, entry in tomllib.loads(text).items():
        codes[alpha2] = alpha2
        codes[entry["alpha3"]] = alpha2
        for name in entry["names"]:
            key = _place_key(name)
            if names.setdefault(key, alpha2) != alpha2:
                raise ValueError(f'countries.toml: "{name}" names both {names[key]} and {alpha2}')
    for alpha2, spelled in _ADJECTIVES.items():
        for adjective in spelled.split("|"):
            names.setdefault(_place_key(adjective), alpha2)
    # Korean and Thai officers name every country in their own script: CLDR's names (through
    # Babel) after the file's, which win a clash; short forms CLDR does not spell come last.
    from babel import Locale  # with the first country read, not at start (#16)

    for locale in _OWN_SCRIPT_LOCALES:
        territories = Locale.parse(locale).territories
        for alpha2 in codes.values():
            for name in _cldr_forms(territories.get(alpha2, "")):
                names.setdefault(_place_key(name), alpha2)
    for alpha2, spelled in _SHORT_FORMS.items():
        for name in spelled.split("|"):
            names.setdefault(_place_key(name), alpha2)
    return names, codes


def _cldr_forms(name: str) -> list[str]:
    """'เมียนมา (พม่า)': the name, its head and a one-word aside (not '중국 특별행정구')."""
    head, _paren, aside = name.partition("(")
    aside = aside.rstrip(")") if len(aside.split()) == 1 else ""
    return [form for form in (name, head, aside) if _place_key(form)]


def transport_phrases() -> dict[str, tuple[str, ...]]:
    """Every transport mode with the words understood for it, as listed above."""
    return {mode: tuple(words.split("|")) for mode, words in _TRANSPORT_PHRASES.items()}


def detection_phrases() -> dict[str, tuple[str, ...]]:
    """Every detection method with the words understood for it."""
    return {method: tuple(words.split("|")) for method, words in _DETECTION_PHRASES.items()}
