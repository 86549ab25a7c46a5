"""The one wording of transport modes and detection methods, for every place that shows them.

The reply, the summary, the export's label columns, the digest and /help all read these tables,
so an officer never sees "vehicle" in one place and "land vehicle" in another.
"""

from __future__ import annotations

from bot.domain.vocabulary import DETECTION_METHODS, TRANSPORT_MODES

TRANSPORT_LABELS = {
    "air_passenger": "air passenger",
    "air_cargo": "air cargo",
    "express_courier": "express courier",
    "postal": "postal",
    "sea_container": "sea container",
    "sea_vessel": "sea vessel",
    "land_vehicle": "land vehicle",
    "rail": "rail",
    "pedestrian": "on foot",
    "other": "other",
}
DETECTION_LABELS = {
    "risk_profiling": "risk profiling",
    "intelligence": "intelligence",
    "random_check": "random check",
    "x_ray": "X-ray / scanner",
    "canine": "detector dog",
    "physical_search": "physical search",
    "other": "other",
}
# Every value the vocabulary knows has a label: a new mode without one fails at import time.
assert set(TRANSPORT_LABELS) == set(TRANSPORT_MODES)
assert set(DETECTION_LABELS) == set(DETECTION_METHODS)


def transport_label(value: str) -> str:
    """'land vehicle' for 'land_vehicle'; an unknown value (an old import) in plain words."""
    return TRANSPORT_LABELS.get(value, value.replace("_", " "))


def detection_label(value: str) -> str:
    """'X-ray / scanner' for 'x_ray'; an unknown value in plain words."""
    return DETECTION_LABELS.get(value, value.replace("_", " "))
