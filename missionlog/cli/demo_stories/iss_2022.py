"""The seed story: the ISS on 2023-02-12, the day after Progress MS-21's coolant leak,
two months after Soyuz MS-22's (../shared/seed/article-2023-02-12.txt)."""

from __future__ import annotations

from missionlog.cli.demo_stories.story import DemoStory

ISS_2022 = DemoStory(
    name="iss-2022",
    file="iss-2022-2023.jsonl",
    label="the bundled ISS log",
    called="The ISS",
    station="ISS",
    day="2023-02-12",
    vehicle="Progress 82",
    headline="the day after Progress MS-21 (Progress 82) lost its coolant, two months "
             "after Soyuz MS-22 did.",
    hints="missionlog explain replacement_required 'Soyuz MS-22' · missionlog state 68S "
          "--at 2022-12-20 · missionlog history 'Progress 82' · missionlog plans "
          "--known-at 2023-02-12",
)
