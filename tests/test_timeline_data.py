"""The data behind the timeline picture, checked against the projections on a small log.

A hand-written month at a four-port station: a Soyuz whose coolant leak strands
its crew until a replacement Soyuz arrives and is assigned to them, a Progress,
a Crew Dragon that moves ports by undocking and redocking, a Soyuz relocation,
and a leak on the station itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from missionlog.api import MissionLog
from missionlog.decisions import DecisionBook
from missionlog.errors import UnknownName
from missionlog.timeline.table import COLUMNS, table_rows

EARLY: list[dict[str, Any]] = [
    {"type": "station_configured", "occurred_at": "2022-12-01T00:00:00Z", "station": "ISS",
     "ports": ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Harmony forward"]},
    {"type": "launched", "occurred_at": "2023-01-01T00:00:00Z", "vehicle": "Soyuz MS-22",
     "vehicle_class": "soyuz", "crew": ["Sergey Prokopyev", "Dmitri Petelin"],
     "aliases": ["68S"]},
    {"type": "docked", "occurred_at": "2023-01-01T03:00:00Z", "vehicle": "Soyuz MS-22",
     "station": "ISS", "port": "Rassvet nadir"},
    {"type": "launched", "occurred_at": "2023-01-02T00:00:00Z", "vehicle": "Progress MS-21",
     "vehicle_class": "progress", "aliases": ["82P"]},
    {"type": "docked", "occurred_at": "2023-01-04T00:00:00Z", "vehicle": "Progress MS-21",
     "station": "ISS", "port": "Poisk zenith"},
    {"type": "launched", "occurred_at": "2023-01-05T00:00:00Z", "vehicle": "Crew-5",
     "vehicle_class": "crew_dragon", "crew": ["Nicole Mann"], "aliases": ["Endurance"]},
    {"type": "docked", "occurred_at": "2023-01-06T00:00:00Z", "vehicle": "Crew-5",
     "station": "ISS", "port": "Harmony forward"},
    {"type": "leak_detected", "occurred_at": "2023-01-10T00:00:00Z", "vehicle": "Soyuz MS-22",
     "system": "coolant", "severity": "major", "event_id": "ms22-leak"},
    {"type": "decision_recorded", "occurred_at": "2023-01-12T00:00:00Z",
     "subject": "Soyuz MS-22", "decision": "Send Soyuz MS-23 uncrewed as a replacement."},
    {"type": "launched", "occurred_at": "2023-01-20T00:00:00Z", "vehicle": "Soyuz MS-23",
     "vehicle_class": "soyuz", "aliases": ["69S"]},
    {"type": "docked", "occurred_at": "2023-01-22T00:00:00Z", "vehicle": "Soyuz MS-23",
     "station": "ISS", "port": "Prichal nadir"},
    {"type": "crew_assigned", "occurred_at": "2023-01-23T00:00:00Z", "vehicle": "Soyuz MS-23",
     "crew": ["Sergey Prokopyev", "Dmitri Petelin"]},
    {"type": "undocked", "occurred_at": "2023-01-25T00:00:00Z", "vehicle": "Soyuz MS-22"},
    {"type": "landed", "occurred_at": "2023-01-25T04:00:00Z", "vehicle": "Soyuz MS-22"},
]
LATE: list[dict[str, Any]] = [
    {"type": "leak_detected", "occurred_at": "2023-01-26T00:00:00Z", "station": "ISS",
     "module": "Nauka", "system": "coolant", "severity": "minor"},
    {"type": "relocated", "occurred_at": "2023-01-27T00:00:00Z", "vehicle": "Soyuz MS-23",
     "port": "Rassvet nadir"},
    {"type": "undocked", "occurred_at": "2023-01-30T00:00:00Z", "vehicle": "Progress MS-21"},
    {"type": "deorbited", "occurred_at": "2023-01-30T05:00:00Z", "vehicle": "Progress MS-21"},
    {"type": "undocked", "occurred_at": "2023-02-01T00:00:00Z", "vehicle": "Crew-5",
     "crew": ["Nicole Mann"]},
    {"type": "docked", "occurred_at": "2023-02-01T01:00:00Z", "vehicle": "Crew-5",
     "station": "ISS", "port": "Poisk zenith"},
]


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MissionLog, datetime]]:
    """The small log, appended in two batches; also the moment between them."""
    log = MissionLog.open(Path(tmp_path_factory.mktemp("timeline")) / "log.db", create=True)
    log.append(EARLY)
    between = datetime.now(UTC)
    log.append(LATE)
    yield log, between
    log.close()


@pytest.fixture(scope="module")
def log(logged: tuple[MissionLog, datetime]) -> MissionLog:
    return logged[0]


def stays(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (bar["port"], bar["vehicle"], bar["start"], bar["end"], bar["relocated_from"],
         bar["relocated_to"])
        for bar in data["bars"]
    ]


def test_every_stay_is_a_bar_on_its_port_and_moves_show_where_the_vehicle_went(
    log: MissionLog,
) -> None:
    data = log.timeline("ISS")
    assert stays(data) == [
        ("Rassvet nadir", "Soyuz MS-22", "2023-01-01T03:00:00Z", "2023-01-25T00:00:00Z",
         None, None),
        ("Poisk zenith", "Progress MS-21", "2023-01-04T00:00:00Z", "2023-01-30T00:00:00Z",
         None, None),
        ("Harmony forward", "Crew-5", "2023-01-06T00:00:00Z", "2023-02-01T00:00:00Z",
         None, "Poisk zenith"),
        ("Prichal nadir", "Soyuz MS-23", "2023-01-22T00:00:00Z", "2023-01-27T00:00:00Z",
         None, "Rassvet nadir"),
        ("Rassvet nadir", "Soyuz MS-23", "2023-01-27T00:00:00Z", None,
         "Prichal nadir", None),
        ("Poisk zenith", "Crew-5", "2023-02-01T01:00:00Z", None, "Harmony forward", None),
    ]
    assert data["ports"] == ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Harmony forward"]
    assert {bar["vehicle"]: bar["vehicle_class"] for bar in data["bars"]} == {
        "Soyuz MS-22": "soyuz", "Progress MS-21": "progress", "Crew-5": "crew_dragon",
        "Soyuz MS-23": "soyuz",
    }


def test_each_bar_agrees_with_the_station_view_at_its_start_and_just_before_its_end(
    log: MissionLog,
) -> None:
    data = log.timeline("ISS")
    for bar in data["bars"]:
        assert log.station("ISS", at=bar["start"])["ports"][bar["port"]] == bar["vehicle"]
        if bar["end"] is not None:
            before = _second_before(bar["end"])
            assert log.station("ISS", at=before)["ports"][bar["port"]] == bar["vehicle"]
            assert log.station("ISS", at=bar["end"])["ports"][bar["port"]] != bar["vehicle"]


def test_vehicles_still_docked_run_to_the_edge_of_a_span_that_ends_at_the_last_event(
    log: MissionLog,
) -> None:
    data = log.timeline("ISS")
    assert data["span"] == {"start": "2023-01-01T03:00:00Z", "end": "2023-02-01T01:00:00Z"}
    still_docked = [bar for bar in data["bars"] if bar["end"] is None]
    assert {bar["vehicle"] for bar in still_docked} == {"Soyuz MS-23", "Crew-5"}
    assert all(bar["drawn_end"] == data["span"]["end"] for bar in still_docked)


def test_the_coolant_leak_is_marked_on_the_soyuz_bar_and_the_module_leak_on_the_station(
    log: MissionLog,
) -> None:
    leaks = log.timeline("ISS")["leaks"]
    assert leaks == [
        {"vehicle": "Soyuz MS-22", "port": "Rassvet nadir", "module": None,
         "at": "2023-01-10T00:00:00Z", "system": "coolant", "severity": "major"},
        {"vehicle": None, "port": None, "module": "Nauka", "at": "2023-01-26T00:00:00Z",
         "system": "coolant", "severity": "minor"},
    ]
    soyuz = log.state("Soyuz MS-22", at="2023-01-10T00:00:00Z")
    assert soyuz["port"] == "Rassvet nadir"
    assert soyuz["fit_for_crew_return"] is False


def test_the_stranded_crew_is_shaded_from_the_leak_until_the_replacement_is_assigned(
    log: MissionLog,
) -> None:
    spans = log.timeline("ISS")["unfit_spans"]
    assert [(s["people"], s["start"], s["end"]) for s in spans] == [
        (["Dmitri Petelin", "Sergey Prokopyev"], "2023-01-10T00:00:00Z",
         "2023-01-23T00:00:00Z"),
    ]
    for moment, fit in (("2023-01-09T23:59:59Z", True), ("2023-01-10T00:00:00Z", False),
                        ("2023-01-22T23:59:59Z", False), ("2023-01-23T00:00:00Z", True)):
        crew = {c["name"]: c["return_vehicle_fit"] for c in log.station("ISS", at=moment)["crew"]}
        assert crew["Sergey Prokopyev"] is fit
        assert crew["Dmitri Petelin"] is fit


def test_decision_markers_are_the_decision_books_opened_decided_and_resolved_moments(
    log: MissionLog,
) -> None:
    book = DecisionBook()
    log.replay_world(observers=[book])
    expected = {
        (d["kind"], d["subject"], phase, d[f"{phase}_at"])
        for d in book.decisions()
        for phase in ("opened", "decided", "resolved")
        if d[f"{phase}_at"] is not None
    }
    markers = log.timeline("ISS")["decisions"]
    assert expected, "the coolant leak opens at least one decision"
    assert {(m["kind"], m["subject"], m["phase"], m["at"]) for m in markers} == expected
    assert ("opened", "2023-01-10T00:00:00Z") in {(m["phase"], m["at"]) for m in markers}
    assert ("decided", "2023-01-12T00:00:00Z") in {(m["phase"], m["at"]) for m in markers}


def test_a_decision_opened_before_the_span_and_unresolved_in_it_is_drawn_as_under_way(
    log: MissionLog,
) -> None:
    data = log.timeline("ISS", since="2023-01-15", until="2023-01-20")
    assert data["decisions"] == [], "no decision moment falls in those days"
    lives = data["decision_spans"]
    assert lives, "but the coolant leak's decisions were pending all along"
    assert all(life["opened_at"] == "2023-01-10T00:00:00Z" for life in lives)
    assert all(life["status"] == "decided" for life in lives), "as replayed up to --to"
    late = log.timeline("ISS", since="2023-01-26", until="2023-01-31")
    assert late["decision_spans"] == [], "every decision was resolved by the 25th"


def test_a_span_clips_stays_that_overlap_it_and_drops_what_lies_outside(
    log: MissionLog,
) -> None:
    data = log.timeline("ISS", since="2023-01-24", until="2023-01-26")
    assert data["span"] == {"start": "2023-01-24T00:00:00Z", "end": "2023-01-26T23:59:59Z"}
    drawn = {(b["port"], b["vehicle"]): (b["drawn_start"], b["drawn_end"]) for b in data["bars"]}
    assert drawn == {
        ("Rassvet nadir", "Soyuz MS-22"): ("2023-01-24T00:00:00Z", "2023-01-25T00:00:00Z"),
        ("Poisk zenith", "Progress MS-21"): ("2023-01-24T00:00:00Z", "2023-01-26T23:59:59Z"),
        ("Harmony forward", "Crew-5"): ("2023-01-24T00:00:00Z", "2023-01-26T23:59:59Z"),
        ("Prichal nadir", "Soyuz MS-23"): ("2023-01-24T00:00:00Z", "2023-01-26T23:59:59Z"),
    }
    assert [leak["at"] for leak in data["leaks"]] == ["2023-01-26T00:00:00Z"]
    assert data["unfit_spans"] == []
    assert all("2023-01-24" <= m["at"] <= "2023-01-27" for m in data["decisions"])


def test_at_replays_only_up_to_now_so_later_departures_are_unknown(log: MissionLog) -> None:
    data = log.timeline("ISS", until="2023-01-31", at="2023-01-15T12:00:00Z")
    assert data["at"] == "2023-01-15T12:00:00Z"
    assert data["span"]["end"] == "2023-01-31T23:59:59Z"
    soyuz = next(bar for bar in data["bars"] if bar["vehicle"] == "Soyuz MS-22")
    assert soyuz["end"] is None, "its undocking on the 25th has not happened yet"
    assert soyuz["drawn_end"] == "2023-01-15T12:00:00Z", "nothing is drawn after now"
    assert "Soyuz MS-23" not in {bar["vehicle"] for bar in data["bars"]}
    assert data["unfit_spans"][0]["end"] is None
    assert all(m["at"] <= "2023-01-15T12:00:00Z" for m in data["decisions"])


def test_without_to_the_span_ends_at_now(log: MissionLog) -> None:
    data = log.timeline("ISS", at="2023-01-20")
    assert data["span"] == {"start": "2023-01-01T03:00:00Z", "end": "2023-01-20T23:59:59Z"}


def test_known_at_draws_the_station_as_the_log_knew_it_then(
    logged: tuple[MissionLog, datetime],
) -> None:
    log, between = logged
    data = log.timeline("ISS", known_at=between)
    assert data["known_at"] is not None
    assert all(bar["relocated_from"] is None for bar in data["bars"]), "moves came later"
    assert [leak["vehicle"] for leak in data["leaks"]] == ["Soyuz MS-22"]
    assert data["span"]["end"] == "2023-01-25T04:00:00Z", "the landing was the last known event"


def test_an_unknown_station_is_refused_with_a_suggestion(log: MissionLog) -> None:
    with pytest.raises(UnknownName, match="did you mean 'ISS'"):
        log.timeline("ISSS")


def test_the_only_station_is_the_default(log: MissionLog) -> None:
    assert log.timeline()["station"] == "ISS"


def test_the_table_has_one_row_per_thing_drawn(log: MissionLog) -> None:
    data = log.timeline("ISS")
    rows = list(table_rows(data))
    kinds = [row["kind"] for row in rows]
    assert kinds.count("stay") == len(data["bars"])
    assert kinds.count("leak") == len(data["leaks"])
    assert kinds.count("decision") == len(data["decisions"])
    assert kinds.count("decision_span") == len(data["decision_spans"])
    assert kinds.count("unfit") == len(data["unfit_spans"])
    assert all(set(row) <= set(COLUMNS) for row in rows)


def _second_before(text: str) -> str:
    from datetime import timedelta

    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return (moment - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
