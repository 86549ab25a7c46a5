"""bench.seizure_profile still finds the /seizure handler and the reply it times.

Its handler is wrapped once the bot polls: the handlers are registered after the first
getUpdates (bot.after_start), and wrapping before start_polling found none (KeyError: 0).
"""

from __future__ import annotations

import asyncio

from bench import seizure_profile


def test_the_profile_times_every_step_of_a_report() -> None:
    figures = asyncio.run(seizure_profile.measure(samples=3))

    steps = figures["steps_median_ms"]
    assert steps["the whole handler"] > 0
    assert steps["parse the text"] > 0
    assert steps["reply: HTTP round trip to the Bot API"] > 0
    assert figures["seizure_median_ms"] >= steps["the whole handler"] / 2
