"""The stories `missionlog demo --story` can show: one module per story, each naming its
bundled file, its station, its key day and what to say about it. Kept apart from the
command so that a story is data, and a new one is a new small module."""

from __future__ import annotations

from missionlog.cli.demo_stories.iss_2022 import ISS_2022
from missionlog.cli.demo_stories.shenzhou_2025 import SHENZHOU_2025
from missionlog.cli.demo_stories.starliner_2024 import STARLINER_2024
from missionlog.cli.demo_stories.story import DemoStory

__all__ = ["DEFAULT_STORY", "STORIES", "DemoStory"]

STORIES: dict[str, DemoStory] = {s.name: s for s in (ISS_2022, STARLINER_2024, SHENZHOU_2025)}
DEFAULT_STORY = ISS_2022.name
