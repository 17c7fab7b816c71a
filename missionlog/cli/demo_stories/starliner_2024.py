"""Starliner's crewed flight test: the ISS on 2024-08-25, the day after NASA ruled
Starliner not fit for a crewed return (facts: lifeboat-crises-2024-2025.md §1, seat
summary 1c). Starliner stays Wilmore's and Williams' emergency ride until it leaves on
2024-09-06; Crew-9 is to bring them home."""

from __future__ import annotations

from missionlog.cli.demo_stories.story import DemoStory

STARLINER_2024 = DemoStory(
    name="starliner-2024",
    file="starliner-cft-2024.jsonl",
    label="the bundled Starliner CFT log",
    called="The ISS",
    station="ISS",
    day="2024-08-25",
    vehicle="Starliner CFT",
    headline="the day after NASA ruled Starliner not fit for a crewed return: it stays "
             "Wilmore's and Williams' emergency ride until it leaves, and Crew-9 is to "
             "bring them home.",
    hints="missionlog explain replacement_required 'Starliner CFT' --at 2024-08-25 · "
          "missionlog crew --at 2024-09-10 · missionlog crew --at 2024-09-30 · "
          "missionlog plans --known-at 2024-08-25 · missionlog verify",
)
