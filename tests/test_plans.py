"""Plans beside what happened, the knowledge clock, and how sure an answer is.

The story is tests/plans_story.py: Progress MS-21's leak and the Soyuz MS-23 slips,
with each event recorded when it was reported.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from plans_story import STORY, story_lines
from strategies import ev
from test_cli_log import cli, ok

from missionlog import HistoryConflict, InvalidEvent, MissionLog, NothingRecorded, UnknownName


@pytest.fixture
def story(db_path: Path) -> Path:
    with MissionLog.open(db_path, create=True) as log:
        log.import_lines(story_lines())
    return db_path


def planned_for(db: Path, known_at: str) -> dict[tuple[str, str], str]:
    with MissionLog.open(db) as log:
        view = log.plans(known_at=known_at)
    return {(p["vehicle"], p["activity"]): p["planned_for"] for p in view["plans"]}


def test_plans_known_at_a_past_day_are_told_as_they_stood_that_day(story: Path) -> None:
    """`--known-at` alone: the plans as of that day, not as of today, when every plan the
    log had not yet seen fulfilled would be overdue."""
    with MissionLog.open(story) as log:
        then = log.plans(known_at="2023-02-12")
        explicit = log.plans(at="2023-02-12", known_at="2023-02-12")
        as_of_today = log.plans(at="now", known_at="2023-02-12")
    assert then == explicit
    assert then["as_of"].startswith("2023-02-12T23:59:59")
    assert then["plans"] and not any(p["overdue"] for p in then["plans"])
    assert any(p["overdue"] for p in as_of_today["plans"])


def test_plans_known_on_feb_12_and_feb_19_tell_the_ms_23_slip(story: Path) -> None:
    before = planned_for(story, "2023-02-12")
    assert before[("Soyuz MS-23", "launch")] == "2023-02-20T12:00:00Z"
    assert before[("Soyuz MS-23", "dock")] == "2023-02-22T12:00:00Z"
    after = planned_for(story, "2023-02-19")
    assert after[("Soyuz MS-23", "launch")] == "2023-02-24T00:34:00Z"
    assert ("Soyuz MS-23", "dock") not in after  # cancelled on 2023-02-13
    assert ("Progress MS-21", "deorbit") not in after  # fulfilled on 2023-02-19


def test_the_plans_command_lists_them_and_says_when_it_is_past_the_log(story: Path) -> None:
    out = ok("plans", "--known-at", "2023-02-12", "--db", str(story)).stdout
    assert "Soyuz MS-23" in out and "~2023-02-20 (day)" in out
    assert "beyond coverage" in out
    data = json.loads(ok("plans", "--known-at", "2023-02-19", "--json", "--db",
                         str(story)).stdout)
    assert [p["planned_for"] for p in data["plans"]] == ["2023-02-24T00:34:00Z"]
    assert data["beyond_coverage"] is True
    at = json.loads(ok("plans", "--at", "2023-02-12", "--station", "ISS", "--json",
                       "--db", str(story)).stdout)
    assert {(p["vehicle"], p["activity"]) for p in at["plans"]} == {
        ("Soyuz MS-23", "dock"), ("Progress MS-21", "undock")}
    assert at["beyond_coverage"] is False


def test_a_fulfilled_plan_says_how_late_or_early_against_its_window(story: Path) -> None:
    with MissionLog.open(story) as log:
        done = {(f["vehicle"], f["activity"]): f for f in log.plans()["fulfilled"]}
    undock = done[("Progress MS-21", "undock")]  # planned for the day: on time
    assert undock["within_precision"] and undock["late_by_seconds"] == 0
    deorbit = done[("Progress MS-21", "deorbit")]  # planned 03:15 (minute), at 04:05
    assert deorbit["late_by_seconds"] == 49 * 60 + 1
    launch = done[("Soyuz MS-23", "launch")]  # planned 00:34 (minute), at 00:24:27
    assert launch["late_by_seconds"] == -(9 * 60 + 33)


def test_state_shows_next_and_a_decision_shows_its_planned_resolution(story: Path) -> None:
    with MissionLog.open(story) as log:
        state = log.state("Progress MS-21", at="2023-02-12", known_at="2023-02-12")
        assert [(p["activity"], p["planned_for"][:10]) for p in state["next"]] == [
            ("deorbit", "2023-02-18"), ("undock", "2023-02-18")]
        assert state["status"] == "docked"  # plans never change what happened
        found = {d["kind"]: d for d in log.decisions(at="2023-02-12", known_at="2023-02-12")}
        planned = found["replacement_required"]["planned_resolution"]
        assert planned is not None
        assert (planned["vehicle"], planned["when"]) == ("Soyuz MS-23", "2023-02-20T12:00:00Z")
        later = {d["kind"]: d for d in log.decisions(at="2023-02-20", known_at="2023-02-20")}
        assert later["replacement_required"]["planned_resolution"]["when"] == (  # type: ignore[index]
            "2023-02-24T00:34:00Z")
        story_lines_ = log.explain("replacement_required", "Soyuz MS-22", at="2023-02-12",
                                   known_at="2023-02-12")
    assert any("planned resolution: Soyuz MS-23 to launch on ~2023-02-20 (day)" in line
               for line in story_lines_)


def recorded_then(event: dict[str, object]) -> str:
    """EVENT as an import line recorded when it happened."""
    return json.dumps({**event, "recorded_at": event["occurred_at"]})


def test_plans_are_superseded_cancelled_and_checked(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.import_lines(story_lines()[:3])
        with pytest.raises(HistoryConflict, match="no plan for Soyuz MS-23 to dock"):
            log.import_lines([recorded_then(ev(
                "plan_cancelled", "2022-10-01T00:00:00Z", vehicle="Soyuz MS-23",
                activity="dock", reason="none"))])
        with pytest.raises(HistoryConflict, match="already in space"):
            log.import_lines([recorded_then(ev(
                "planned", "2022-10-01T00:00:00Z", vehicle="Soyuz MS-22", activity="launch",
                planned_for="2022-10-05T00:00:00Z"))])
        with pytest.raises(UnknownName, match="did you mean 'Poisk zenith'"):
            log.import_lines([recorded_then(ev(
                "planned", "2022-10-01T00:00:00Z", vehicle="Soyuz MS-22", activity="relocate",
                planned_for="2022-10-05T00:00:00Z", station="ISS", port="Poisk zenit"))])
        for day in ("05", "07"):
            log.import_lines([recorded_then(ev(
                "planned", f"2022-10-0{int(day) - 4}T00:00:00Z", vehicle="Soyuz MS-22",
                activity="relocate", station="ISS", port="Poisk zenith",
                planned_for=f"2022-10-{day}T00:00:00Z"))])
        plans = log.plans(at="2022-10-04")["plans"]
    assert [(p["planned_for"], p["replaces"]) for p in plans] == [
        ("2022-10-07T00:00:00Z", "2022-10-05T00:00:00Z")]


def test_a_plan_for_an_unlaunched_vehicle_is_filed_under_its_name(story: Path) -> None:
    with MissionLog.open(story) as log:
        streams = {e["event_id"]: e["stream"] for e in log.log(types=["planned"])}
        with pytest.raises(NothingRecorded, match="a launch is planned for 2023-02-20"):
            log.state("Soyuz MS-23", at="2023-02-12", known_at="2023-02-12")
    assert streams["plan-ms23-launch-1"] == "Soyuz MS-23"
    assert streams["plan-ms23-dock-1"] == "Soyuz MS-23"


# ---- the clocks ------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_fact_from_the_future_is_refused_with_the_planned_hint(story: Path) -> None:
    tomorrow = _iso(datetime.now(UTC) + timedelta(days=1))
    result = cli("append", "launched", "--vehicle", "Soyuz MS-24", "--vehicle-class",
                 "soyuz", "--at", tomorrow, "--db", str(story))
    assert result.exit_code == 4
    assert "in the future of its recording" in result.stderr
    assert "append a `planned` event" in result.stderr
    soon = _iso(datetime.now(UTC) + timedelta(seconds=60))  # clock skew is tolerated
    ok("append", "note", "--text", "skew", "--at", soon, "--db", str(story))


def test_a_day_precision_fact_dated_today_is_not_from_the_future(db_path: Path) -> None:
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    ok("init", "--db", str(db_path))
    ok("append", "note", "--text", "today, some time", "--at", today, "--db", str(db_path))
    later_today = datetime.now(UTC).strftime("%Y-%m-%dT23:59:00Z")
    ok("append", "note", "--text", "placeholder late today", "--at", later_today,
       "--precision", "day", "--db", str(db_path))


def test_a_plan_for_the_past_of_its_recording_is_refused(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        with pytest.raises(InvalidEvent, match="already past when the plan is recorded"):
            log.append([ev("planned", "2023-01-01T00:00:00Z", vehicle="X",
                           activity="launch", planned_for="2023-02-01T00:00:00Z")])
        with pytest.raises(InvalidEvent, match="before the plan was made"):
            log.import_lines([json.dumps({
                **ev("planned", "2023-01-10T00:00:00Z", vehicle="X", activity="launch",
                     planned_for="2023-01-05T00:00:00Z"),
                "recorded_at": "2023-01-11T00:00:00Z"})])
        assert log.count() == 0


def test_an_import_that_would_move_recorded_time_back_offers_recorded_now(
    story: Path, tmp_path: Path
) -> None:
    late = tmp_path / "late.jsonl"
    late.write_text(json.dumps({**ev("note", "2023-03-01T00:00:00Z", text="old news"),
                                "recorded_at": "2023-03-02T00:00:00Z"}) + "\n")
    result = cli("import", str(late), "--db", str(story))
    assert result.exit_code == 4
    assert "--recorded-now" in result.stderr and "only moves forward" in result.stderr
    ok("import", str(late), "--recorded-now", "--db", str(story))
    note = [e for e in json.loads("[" + ",".join(
        ok("log", "--type", "note", "--json", "--db", str(story)).stdout.splitlines()) + "]")]
    assert note[0]["recorded_at"] > "2026"


def test_log_filters_on_the_recording_clock(story: Path) -> None:
    lines = ok("log", "--json", "--recorded-since", "2023-02-18", "--recorded-until",
               "2023-02-18", "--db", str(story)).stdout.splitlines()
    ids = [json.loads(line)["event_id"] for line in lines]
    assert ids == ["p21-undock", "cancel-p21-deorbit", "plan-p21-deorbit-2",
                   "plan-ms23-launch-2"]


def test_answers_after_the_logs_last_event_say_beyond_coverage(story: Path) -> None:
    with MissionLog.open(story) as log:
        assert log.station("ISS", at="2023-03-01")["beyond_coverage"] is False
        assert log.station("ISS", at="2024-01-01")["beyond_coverage"] is True
        assert log.state("Soyuz MS-23", at="2024-01-01")["beyond_coverage"] is True
    out = ok("station", "ISS", "--at", "2024-01-01", "--db", str(story)).stdout
    assert "beyond coverage" in out


# ---- precision ---------------------------------------------------------------------------

PORT_STORY = [
    ev("station_configured", "2023-01-01T00:00:00Z", station="ISS", ports=["P", "Q"]),
    ev("launched", "2023-01-02T00:00:00Z", vehicle="A", vehicle_class="progress"),
    ev("docked", "2023-01-03T00:00:00Z", vehicle="A", station="ISS", port="P"),
    ev("launched", "2023-03-05T00:00:00Z", vehicle="B", vehicle_class="progress"),
]


@pytest.mark.parametrize("placeholder", ["12:00:00", "00:00:00", "23:59:59"])
def test_a_day_precision_undocking_does_not_refuse_a_docking_earlier_that_day(
    db_path: Path, placeholder: str
) -> None:
    undock = ev("undocked", f"2023-03-06T{placeholder}Z", vehicle="A", precision="day")
    dock = ev("docked", "2023-03-06T08:10:00Z", vehicle="B", station="ISS", port="P")
    with MissionLog.open(db_path, create=True) as log:
        log.append(PORT_STORY)
        log.append([undock])
        log.append([dock])  # recorded later: merged into the history
        assert log.station("ISS", at="2023-03-06T09:00:00Z")["ports"]["P"] == "B"
        assert log.state("A", at="2023-03-06T09:00:00Z")["status"] == "in_flight"
        assert log.replay()["stations"][0]["ports"]["P"] == "B"


def test_the_same_case_in_one_batch_or_one_file_is_accepted(db_path: Path) -> None:
    lines = [json.dumps(e) for e in [
        *PORT_STORY,
        ev("docked", "2023-03-06T08:10:00Z", vehicle="B", station="ISS", port="P"),
        ev("undocked", "2023-03-06T12:00:00Z", vehicle="A", precision="day")]]
    with MissionLog.open(db_path, create=True) as log:
        assert log.import_lines(lines).appended == 6
        assert log.verify() == 6


@pytest.mark.parametrize("undock", [
    ev("undocked", "2023-03-06T12:00:00Z", vehicle="A"),  # exact: after the docking
    ev("undocked", "2023-03-07T00:00:00Z", vehicle="A", precision="day"),  # the next day
    ev("undocked", "2023-03-06T12:00:00Z", vehicle="A", precision="hour"),  # 12:00-12:59
])
def test_a_history_consistent_for_no_placement_is_refused(
    db_path: Path, undock: dict[str, str]
) -> None:
    dock = ev("docked", "2023-03-06T08:10:00Z", vehicle="B", station="ISS", port="P")
    with MissionLog.open(db_path, create=True) as log:
        log.append(PORT_STORY)
        log.append([undock])
        with pytest.raises(HistoryConflict, match="port P of ISS is held by A"):
            log.append([dock])
        with pytest.raises(HistoryConflict, match="port P of ISS is held by A"):
            log.import_lines([json.dumps(dock), json.dumps({**undock, "event_id": "other"})])
        assert log.count() == len(PORT_STORY) + 1


def test_rubios_ride_home_is_uncertain_inside_its_window(story: Path) -> None:
    with MissionLog.open(story) as log:
        def rubio(at: str) -> dict[str, object]:
            crew = log.station("ISS", at=at)["crew"]
            return next(dict(p) for p in crew if p["name"] == "Frank Rubio")

        assert rubio("2023-03-01")["uncertain"] is False
        inside_before = rubio("2023-03-04")  # before the placeholder: still MS-22
        assert inside_before["uncertain"] is True
        assert inside_before["return_vehicle"] == "Soyuz MS-22"
        inside_after = rubio("2023-03-08")
        assert inside_after["uncertain"] is True
        assert inside_after["return_vehicle"] == "Soyuz MS-23"
        assert inside_after["return_since_precision"] == "day"
        assert rubio("2023-03-12")["uncertain"] is False
        state = log.state("Soyuz MS-23", at="2023-02-26T12:00:00Z")
        assert (state["since_precision"], state["uncertain"]) == ("second", False)
    out = ok("station", "ISS", "--at", "2023-03-08", "--db", str(story)).stdout
    assert "~ (uncertain)" in out


def test_the_window_must_hold_the_placeholder() -> None:
    from pydantic import ValidationError

    from missionlog.events import EVENT

    rubio = {k: v for k, v in STORY[-1].items() if k != "recorded_at"}
    assert EVENT.validate_python(rubio).earliest is not None
    with pytest.raises(ValidationError, match="earliest"):
        EVENT.validate_python({**rubio, "earliest": "2023-03-07T00:00:00Z"})
    with pytest.raises(ValidationError, match="latest"):
        EVENT.validate_python({**rubio, "latest": "2023-03-05T00:00:00Z"})


# ---- leaks -------------------------------------------------------------------------------


def test_a_leak_is_resolved_and_a_station_module_is_checked(story: Path) -> None:
    with MissionLog.open(story) as log:
        with pytest.raises(UnknownName, match="did you mean 'Zvezda'"):
            log.append([ev("leak_detected", "2023-03-01T00:00:00Z", station="ISS",
                           module="Zvesda", system="atmosphere", severity="minor")])
        log.append([ev("leak_detected", "2023-03-01T00:00:00Z", station="ISS",
                       module="Zvezda", system="atmosphere", severity="minor")])
        with pytest.raises(HistoryConflict, match="no open coolant leak"):
            log.append([ev("leak_resolved", "2023-03-02T00:00:00Z", station="ISS",
                           module="Zvezda", system="coolant", how="repaired")])
        log.append([ev("leak_resolved", "2023-03-02T00:00:00Z", station="ISS",
                       module="Zvezda", system="atmosphere", how="isolated", by="crew")])
        with MissionLog.open(story) as again:
            leaks = again.store.world_at().stations["ISS"]["leaks"]
    assert [(leak["module"], leak.get("resolved_at"), leak.get("how")) for leak in leaks] == [
        ("Zvezda", "2023-03-02T00:00:00Z", "isolated")]


def test_the_timeline_draws_planned_stays_apart_from_real_ones(story: Path,
                                                                tmp_path: Path) -> None:
    data = json.loads(ok("timeline", "--known-at", "2023-02-12", "--at", "2023-02-12",
                         "--from", "2023-01-01", "--to", "2023-03-10", "--json", "--db",
                         str(story)).stdout)
    planned = data["planned_bars"]
    assert [(p["vehicle"], p["start"], p["port"]) for p in planned] == [
        ("Soyuz MS-23", "2023-02-22T12:00:00Z", None)]
    assert "Soyuz MS-23" not in {bar["vehicle"] for bar in data["bars"]}
    now_known = json.loads(ok("timeline", "--from", "2023-01-01", "--to", "2023-03-10",
                              "--json", "--db", str(story)).stdout)
    assert now_known["planned_bars"] == []  # the dock plan was cancelled, then it docked
    picture = tmp_path / "planned.png"
    ok("timeline", "--known-at", "2023-02-12", "--at", "2023-02-12", "--from", "2023-01-01",
       "--to", "2023-03-10", "--out", str(picture), "--db", str(story))
    assert picture.stat().st_size > 10_000


# ---- the bundled log on both clocks ------------------------------------------------------


@pytest.mark.slow
def test_demo_shows_known_then_beside_known_now_and_loads_each_story(tmp_path: Path) -> None:
    demo_db = tmp_path / "demo.db"
    data = json.loads(ok("demo", "--json", "--db", str(demo_db)).stdout)
    differences = {d["what"]: d for d in data["known_then"]["differences"]}
    launch = differences["plan: Soyuz MS-23 launch"]
    assert launch["known_then"] == "~2023-02-20 (day)"
    assert launch["known_now"].startswith("happened 2023-02-24")
    assert set(data["stories"]) == {"starliner-cft-2024", "shenzhou-20-2025"}
    for path in data["stories"].values():
        with MissionLog.open(path) as story:
            assert story.count() > 20
    human = ok("demo", "--db", str(demo_db)).stdout
    assert "known on 2023-02-12" in human and "as we know it now" in human


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from missionlog.bundled import bundled_log_path

    path = tmp_path_factory.mktemp("bundled") / "iss.db"
    with MissionLog.open(path, create=True) as log:
        log.import_lines(bundled_log_path().read_bytes().splitlines())
    return path


def test_on_the_bundled_log_plans_known_on_feb_12_and_feb_19(bundled: Path) -> None:
    before = planned_for(bundled, "2023-02-12")
    assert before[("Soyuz MS-23", "launch")][:10] == "2023-02-20"
    after = planned_for(bundled, "2023-02-19")
    assert after[("Soyuz MS-23", "launch")][:10] == "2023-02-24"
    assert ("Progress MS-21", "deorbit") not in after  # set, then done on 2023-02-19


def test_on_the_bundled_log_changes_tell_the_ms_21_ms_23_story(bundled: Path) -> None:
    with MissionLog.open(bundled) as log:
        found = log.changes("2023-02-11", until="2023-02-19")
        then = log.decisions(at="2023-02-12", known_at="2023-02-12")
    events = {(e["type"], e["subject"]) for e in found["events"]}
    assert {("leak_detected", "Progress MS-21"), ("undocked", "Progress MS-21"),
            ("deorbited", "Progress MS-21")} <= events
    plans = {(p["change"], p["vehicle"], p["activity"]) for p in found["plans"]}
    assert {("cancelled", "Soyuz MS-23", "launch"), ("made", "Soyuz MS-23", "launch")} <= plans
    assert found["picture"]["ISS"]["ports"]["Poisk zenith"] == {
        "before": "Progress MS-21", "after": None}
    opened = {(d["change"], d["kind"], d["subject"]) for d in found["decisions"]}
    assert ("opened", "no_change", "Progress MS-21") in opened
    no_change = next(d for d in then if d["kind"] == "no_change")
    assert no_change["subject"] == "Progress MS-21"
    replacement = next(d for d in then if d["kind"] == "replacement_required")
    assert replacement["planned_resolution"]["vehicle"] == "Soyuz MS-23"  # type: ignore[index]


def test_on_the_bundled_log_rubio_is_uncertain_inside_his_window(bundled: Path) -> None:
    with MissionLog.open(bundled) as log:
        def rubio(at: str) -> tuple[str | None, bool]:
            person = next(p for p in log.station("ISS", at=at)["crew"]
                          if p["name"] == "Frank Rubio")
            return person["return_vehicle"], person["uncertain"]

        assert rubio("2023-03-01") == ("Crew-5", False)
        assert rubio("2023-03-04") == ("Crew-5", True)
        assert rubio("2023-03-08") == ("Soyuz MS-23", True)
        assert rubio("2023-03-12") == ("Soyuz MS-23", False)
