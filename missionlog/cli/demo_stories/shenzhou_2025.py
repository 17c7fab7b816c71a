"""Shenzhou-20's cracked window: Tiangong on 2025-11-20, in the middle of the eleven days
(2025-11-14 to 2025-11-25) when the Shenzhou-21 crew had no usable ride home (facts:
lifeboat-crises-2024-2025.md §2, seat summary 2c): Shenzhou-20 judged unfit by CMSA,
Shenzhou-21 gone with the Shenzhou-20 crew, Shenzhou-22 not launched yet."""

from __future__ import annotations

from missionlog.cli.demo_stories.story import DemoStory

SHENZHOU_2025 = DemoStory(
    name="shenzhou-2025",
    file="shenzhou-20-2025.jsonl",
    label="the bundled Shenzhou-20 log",
    called="Tiangong",
    station="Tiangong",
    day="2025-11-20",
    vehicle="Shenzhou-20",
    headline="six days after Shenzhou-21 left with the Shenzhou-20 crew: Shenzhou-20's "
             "cracked window makes it unfit, so the three aboard have no usable ride home "
             "until Shenzhou-22 docks.",
    hints="missionlog explain crew_reassignment_required Shenzhou-21 --at 2025-11-20 · "
          "missionlog crew --at 2025-11-26 · missionlog decisions --at 2025-11-24 · "
          "missionlog timeline --station Tiangong --out tiangong.png · missionlog verify",
)
