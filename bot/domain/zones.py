"""Time zone names a person may mean: the IANA places, without the zone database's other files.

Apart from bot.parsing.validate so that the config reads them without importing the parser
(its grammar compiles hundreds of patterns: a tenth of the start-up to the first getUpdates, #16).
"""

from __future__ import annotations

import functools
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Files of the zone database that are not places: the host's own setting, leap-second and
# POSIX copies, and the placeholder zone. A person who types them means none of them.
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def known_zones() -> frozenset[str]:
    """The IANA zone names a person may mean: Asia/Seoul, UTC, Etc/GMT+7 ..."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in _NOT_PLACES and not name.startswith(("posix/", "right/"))
    )


def is_zone(name: str) -> bool:
    """True for a canonical IANA time zone name."""
    return name in known_zones()


def loads_as_zone(name: str) -> bool:
    """True when zoneinfo loads `name` and it is a place: is_zone without listing every zone."""
    # Listing them opens the whole zone database, tens of ms of a start-up (#16): a config's
    # zones are checked this way, and only one it refuses goes to is_zone (bot.config).
    if name in _NOT_PLACES or name.startswith(("posix/", "right/")):
        return False
    try:
        ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):
        return False
    return True
