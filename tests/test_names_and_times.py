"""One resolver and one time parser: the same answer from the fold, the API and the CLI.

The Endeavour cases: Crew-6 flew the capsule Endeavour (launched 2023-03-02, landed
2023-09-04), Crew-8 flew it again (launched 2024-03-04). Between the flights the name
means the last flight launched (never one that had not launched); before either it is
ambiguous, and the error lists both with their launch dates and says how to pick one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from strategies import ev
from test_cli_log import cli, log_lines, ok

from missionlog import AmbiguousName, MissionLog, UnknownName
from missionlog.errors import NothingRecorded
from missionlog.resolver import Flight, pick

CREW_6 = ["Stephen Bowen", "Warren Hoburg", "Sultan AlNeyadi", "Andrey Fedyaev"]
CREW_8 = ["Matthew Dominick", "Michael Barratt", "Jeanette Epps", "Alexander Grebenkin"]
ENDEAVOUR = [
    ev("launched", "2023-03-02T05:34:00Z", event_id="c6", vehicle="Crew-6",
       vehicle_class="crew_dragon", crew=CREW_6, aliases=["Endeavour"]),
    ev("landed", "2023-09-04T04:17:00Z", event_id="c6-home", vehicle="Crew-6"),
    ev("launched", "2024-03-04T03:53:00Z", event_id="c8", vehicle="Crew-8",
       vehicle_class="crew_dragon", crew=CREW_8, aliases=["Endeavour"]),
]


@pytest.fixture
def endeavour(db_path: Path) -> Path:
    with MissionLog.open(db_path, create=True) as log:
        log.append(ENDEAVOUR)
    return db_path


def test_between_flights_the_api_answers_with_the_last_flight_launched(endeavour: Path) -> None:
    with MissionLog.open(endeavour) as log:
        between = log.state("Endeavour", at="2023-12-01")
        assert (between["vehicle"], between["status"]) == ("Crew-6", "landed")
        assert log.state("Endeavour", at="2023-06-01")["vehicle"] == "Crew-6"
        assert log.state("Endeavour", at="2024-04-01")["vehicle"] == "Crew-8"
        with pytest.raises(AmbiguousName) as caught:
            log.state("Endeavour", at="2023-01-01")
    message = str(caught.value)
    assert "Crew-6 (launched 2023-03-02T05:34:00Z)" in message
    assert "Crew-8 (launched 2024-03-04T03:53:00Z)" in message
    assert "--at" in message and "canonical name" in message


def test_between_flights_the_cli_answers_with_the_last_flight_launched(endeavour: Path) -> None:
    db = str(endeavour)
    view = json.loads(ok("state", "Endeavour", "--at", "2023-12-01", "--json", "--db", db).stdout)
    assert (view["vehicle"], view["status"]) == ("Crew-6", "landed")
    before = cli("state", "Endeavour", "--at", "2023-01-01", "--db", db)
    assert before.exit_code == 5
    assert "Crew-6 (launched 2023-03-02" in before.stderr
    assert "Crew-8 (launched 2024-03-04" in before.stderr


def test_a_note_between_flights_is_filed_where_state_answers(endeavour: Path) -> None:
    """The fold (writing) and the store's index (reading) apply the same rule."""
    with MissionLog.open(endeavour) as log:
        log.append([ev("note", "2024-03-02T12:00:00Z", event_id="n", text="Endeavour ready",
                       subject="Endeavour")])
        note = next(e for e in log.log() if e["event_id"] == "n")
        assert note["stream"] == log.state("Endeavour", at="2024-03-02T12:00:00Z")["vehicle"]
        assert note["stream"] == "Crew-6"


def test_a_note_filed_under_a_name_before_its_launch_does_not_hide_the_vehicle(
    db_path: Path,
) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append([ev("note", "2023-02-01T00:00:00Z", event_id="early", text="named",
                       subject="Endeavour")])
        log.append(ENDEAVOUR[:1])
        assert next(iter(log.log(types=["note"])))["stream"] == "Endeavour"  # as written
        assert log.state("Endeavour", at="2023-04-01")["vehicle"] == "Crew-6"
        assert {e["stream"] for e in log.history("Endeavour", at="2023-04-01")} == {"Crew-6"}


def test_an_alias_of_one_vehicle_not_launched_yet_is_nothing_recorded(endeavour: Path) -> None:
    with MissionLog.open(endeavour) as log, pytest.raises(NothingRecorded, match="Crew-6"):
        log.state("Crew-6", at="2023-01-01")


def test_known_at_before_the_second_flight_was_recorded_sees_one_flight(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.import_lines([json.dumps({**e, "recorded_at": f"2024-0{i}-05T00:00:00Z"})
                          for i, e in enumerate(ENDEAVOUR, start=1)])
        then = log.state("Endeavour", at="2024-04-01", known_at="2024-02-15")
        assert then["vehicle"] == "Crew-6"  # Crew-8 was recorded on 2024-03-05
        assert log.state("Endeavour", at="2024-04-01")["vehicle"] == "Crew-8"
        with pytest.raises(NothingRecorded, match="Crew-6"):
            log.state("Endeavour", at="2023-01-01", known_at="2024-02-15")  # one, not launched
        with pytest.raises(AmbiguousName):
            log.state("Endeavour", at="2023-01-01")


def test_history_and_log_pick_a_flight_with_at_or_list_all_flights(endeavour: Path) -> None:
    db = str(endeavour)
    with MissionLog.open(endeavour) as log:
        assert {e["stream"] for e in log.history("Endeavour")} == {"Crew-8"}
        assert {e["stream"] for e in log.history("Endeavour", at="2023-05-01")} == {"Crew-6"}
        both = log.history("Endeavour", all_flights=True)
    assert [e["event_id"] for e in both] == ["c6", "c6-home", "c8"]
    history = json.loads(ok("history", "Endeavour", "--at", "2023-05-01", "--json",
                            "--db", db).stdout)
    assert {e["stream"] for e in history} == {"Crew-6"}
    assert {e["stream"] for e in log_lines(endeavour, "--vehicle", "Endeavour")} == {"Crew-8"}
    every = log_lines(endeavour, "--vehicle", "Endeavour", "--all-flights")
    assert [e["event_id"] for e in every] == ["c6", "c6-home", "c8"]
    assert {e["stream"] for e in log_lines(endeavour, "--vehicle", "Endeavour", "--at",
                                           "2023-05-01")} == {"Crew-6"}


def test_two_flights_in_space_with_one_name_are_ambiguous_in_the_fold(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append([ev("launched", "2023-01-01T00:00:00Z", vehicle="A", vehicle_class="progress",
                       aliases=["Twin"]),
                    ev("launched", "2023-01-02T00:00:00Z", vehicle="B", vehicle_class="progress",
                       aliases=["Twin"])])
        with pytest.raises(AmbiguousName, match=r"A \(launched.*B \(launched"):
            log.append([ev("deorbited", "2023-01-03T00:00:00Z", vehicle="Twin")])


def test_the_pure_rule() -> None:
    one = Flight("One", "2020-01-01T00:00:00Z", "2020-06-01T00:00:00Z")
    two = Flight("Two", "2021-01-01T00:00:00Z", None)
    assert pick("Cap", "2020-03-01T00:00:00Z", [one, two]) == "One"  # in space
    assert pick("Cap", "2020-12-01T00:00:00Z", [one, two]) == "One"  # between: last launched
    assert pick("Cap", "2020-06-01T00:00:00Z", [one, two]) == "One"  # landed that instant
    assert pick("Cap", "2022-01-01T00:00:00Z", [one, two]) == "Two"
    with pytest.raises(AmbiguousName):
        pick("Cap", "2019-01-01T00:00:00Z", [one, two])  # neither launched: never guess


# ---- case-insensitive names and suggestions from aliases (issue 14, item 8) ------------


def test_names_match_without_case_when_the_match_is_unique(iss: MissionLog) -> None:
    assert iss.state("progress 82", at="2023-02-12")["vehicle"] == "Progress MS-21"
    assert iss.state("progress ms-21", at="2023-02-12")["vehicle"] == "Progress MS-21"
    assert iss.station("iss", at="2023-02-12")["station"] == "ISS"
    with pytest.raises(UnknownName, match="'Progress 82'"):
        iss.state("Progres 82", at="2023-02-12")  # suggestions come from aliases too


def test_the_cli_matches_names_without_case(db_path: Path) -> None:
    from strategies import SEED_STORY

    with MissionLog.open(db_path, create=True) as log:
        log.append(list(SEED_STORY))
    db = str(db_path)
    view = json.loads(ok("state", "progress 82", "--at", "2023-02-12", "--json", "--db", db).stdout)
    assert view["vehicle"] == "Progress MS-21"
    ok("station", "iss", "--at", "2023-02-12", "--db", db)


# ---- one time parser -------------------------------------------------------------------


def test_since_and_from_agree_and_take_the_whole_day(iss: MissionLog, db_path: Path) -> None:
    api = [e["event_id"] for e in iss.log(since="2022-12-15")]
    cli_ids = [e["event_id"] for e in log_lines(db_path, "--from", "2022-12-15")]
    assert api == cli_ids
    days = {e["occurred_at"][:10] for e in iss.log(since="2022-12-15")}
    assert "2022-12-15" in days  # the leak at 00:45 that day is included
    up_to = [e["occurred_at"][:10] for e in iss.log(until="2022-12-15")]
    assert up_to[-1] <= "2022-12-15" and "2022-12-15" in up_to  # --to: the end of that day
    assert [e["event_id"] for e in iss.log(until="2022-12-15")] == [
        e["event_id"] for e in log_lines(db_path, "--to", "2022-12-15")]


def test_append_at_takes_a_plain_date_and_now(db_path: Path) -> None:
    db = str(db_path)
    ok("init", "--db", db)
    ok("append", "note", "--text", "day", "--at", "2023-02-11", "--db", db)
    ok("append", "note", "--text", "hour", "--at", "2023-02-12", "--precision", "hour",
       "--db", db)
    ok("append", "note", "--text", "now", "--at", "now", "--db", db)
    lines = log_lines(db_path)
    assert [(e["occurred_at"], e["precision"]) for e in lines[:2]] == [
        ("2023-02-11T00:00:00Z", "day"), ("2023-02-12T00:00:00Z", "hour")]
    assert lines[2]["precision"] == "second" and lines[2]["occurred_at"] > "2026"
