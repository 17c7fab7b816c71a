"""The bundled ISS 2022-2023 log: it imports, verifies, is consistent, and says what the
sourced timeline (../shared/facts/iss-2022-2023.md) says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from missionlog import MissionLog
from missionlog.bundled import bundled_log_path
from missionlog.projections.state import Recorded
from missionlog.projections.world import World

BUNDLED = bundled_log_path()


@pytest.fixture(scope="module")
def iss(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MissionLog]:
    log = MissionLog.open(tmp_path_factory.mktemp("iss") / "iss.db", create=True)
    with BUNDLED.open("rb") as handle:
        log.import_lines(handle)
    yield log
    log.close()


def bundled_lines() -> list[dict[str, object]]:
    return [orjson.loads(line) for line in BUNDLED.read_bytes().splitlines() if line.strip()]


def test_the_bundled_log_imports_verifies_and_reimports_as_a_no_op(iss: MissionLog) -> None:
    total = len(bundled_lines())
    assert iss.verify() == total
    with BUNDLED.open("rb") as handle:
        again = iss.import_lines(handle)
    assert (again.appended, again.skipped) == (0, total)


def test_every_bundled_event_has_a_stable_id_and_a_source() -> None:
    lines = bundled_lines()
    ids = [line.get("event_id") for line in lines]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(str(line.get("source", "")).startswith("http") for line in lines)


def test_events_known_only_to_the_day_or_hour_say_so_in_their_note() -> None:
    vague = [line for line in bundled_lines() if line.get("precision") in ("day", "hour")]
    assert vague, "the facts file has day- and hour-precision rows"
    assert all(line.get("note") for line in vague)


class ConsistencyWatcher:
    """Checks, after every event of the replay, what must hold at every instant."""

    def __init__(self) -> None:
        self.instants = 0

    def observe(self, world: World, record: Recorded) -> None:
        self.instants += 1
        for station in world.stations.values():
            held = [v for v in station["ports"].values() if v is not None]
            assert len(held) == len(set(held)), f"a vehicle on two ports at {record.key}"
        places = {}
        for person, state in world.people.items():
            assert state["return_vehicle"] is not None, f"{person} has no return vehicle"
            places[person] = state["location"]
        for vehicle in world.vehicles.values():
            if vehicle["status"] not in ("in_flight", "docked"):
                continue  # a landed vehicle keeps the names of the crew it brought home
            for person in vehicle["crew_aboard"]:
                assert places.get(person) == vehicle["name"], f"{person} in two places"
            if vehicle["status"] == "docked":
                station = world.stations[str(vehicle["station"])]
                assert station["ports"][str(vehicle["port"])] == vehicle["name"]


def test_the_whole_bundled_history_is_consistent_at_every_instant(iss: MissionLog) -> None:
    watcher = ConsistencyWatcher()
    iss.replay_world(observers=[watcher])
    assert watcher.instants == len(bundled_lines())


def test_every_docking_in_the_bundled_log_follows_that_vehicles_launch() -> None:
    launched: set[str] = set()
    aliases: dict[str, str] = {}
    for line in sorted(bundled_lines(), key=lambda e: str(e["occurred_at"])):
        if line["type"] == "launched":
            launched.add(str(line["vehicle"]))
            for alias in line.get("aliases", []):  # type: ignore[union-attr]
                aliases.setdefault(str(alias), str(line["vehicle"]))
        if line["type"] == "docked":
            name = str(line["vehicle"])
            assert name in launched or aliases.get(name) in launched, line


def ports(iss: MissionLog, at: str) -> dict[str, str | None]:
    return iss.station("ISS", at=at)["ports"]


def test_the_station_on_2022_09_01_holds_the_vehicles_docked_before_the_window(
    iss: MissionLog,
) -> None:
    held = {port: v for port, v in ports(iss, "2022-09-01").items() if v}
    assert held == {
        "Prichal nadir": "Soyuz MS-21",
        "Harmony zenith": "Crew-4",
        "Poisk zenith": "Progress MS-19",
        "Zvezda aft": "Progress MS-20",
    }


def test_on_the_day_of_the_seed_article_five_ports_are_taken(iss: MissionLog) -> None:
    held = {port: v for port, v in ports(iss, "2023-02-12").items() if v}
    assert held == {
        "Rassvet nadir": "Soyuz MS-22",
        "Poisk zenith": "Progress MS-21",
        "Zvezda aft": "Progress MS-22",
        "Harmony forward": "Crew-5",
        "Unity nadir": "Cygnus NG-18",
    }


def test_progress_82_is_docked_with_a_coolant_leak_on_2023_02_12(iss: MissionLog) -> None:
    state = iss.state("Progress 82", at="2023-02-12")
    assert (state["vehicle"], state["status"], state["port"]) == (
        "Progress MS-21", "docked", "Poisk zenith")
    assert [leak["system"] for leak in state["leaks"]] == ["coolant"]


def test_after_the_relocations_of_may_2023_crew_6_is_forward_and_ax_2_on_zenith(
    iss: MissionLog,
) -> None:
    held = ports(iss, "2023-05-25")
    assert held["Harmony forward"] == "Crew-6"
    assert held["Harmony zenith"] == "Ax-2"
    assert held["Prichal nadir"] == "Soyuz MS-23"
    assert held["Poisk zenith"] == "Progress MS-23"


def test_at_the_end_of_the_window_five_vehicles_remain(iss: MissionLog) -> None:
    held = {port: v for port, v in ports(iss, "2023-10-31").items() if v}
    assert held == {
        "Rassvet nadir": "Soyuz MS-24",
        "Poisk zenith": "Progress MS-23",
        "Zvezda aft": "Progress MS-24",
        "Harmony zenith": "Crew-7",
        "Unity nadir": "Cygnus NG-19",
    }


def return_vehicles(iss: MissionLog, at: str) -> dict[str, str | None]:
    return {p["name"]: p["return_vehicle"] for p in iss.station("ISS", at=at)["crew"]}


def test_rubios_seat_liner_moves_to_endurance_in_january_2023(iss: MissionLog) -> None:
    before, after = return_vehicles(iss, "2023-01-10"), return_vehicles(iss, "2023-01-20")
    assert before["Frank Rubio"] == "Soyuz MS-22"
    assert after["Frank Rubio"] == "Crew-5"
    assert after["Sergey Prokopyev"] == after["Dmitri Petelin"] == "Soyuz MS-22"


def test_by_march_7_2023_the_ms_22_crew_ride_home_in_soyuz_ms_23(iss: MissionLog) -> None:
    crew = {p["name"]: p for p in iss.station("ISS", at="2023-03-07")["crew"]}
    for person in ("Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"):
        assert crew[person]["return_vehicle"] == "Soyuz MS-23"
        assert crew[person]["return_vehicle_fit"] is True


def test_everyone_aboard_on_the_seed_day_has_a_return_vehicle(iss: MissionLog) -> None:
    crew = iss.station("ISS", at="2023-02-12")["crew"]
    assert len(crew) == 7
    assert all(person["return_vehicle"] for person in crew)


def test_endurance_means_the_dragon_in_space_at_the_time_asked(iss: MissionLog) -> None:
    assert iss.state("Endurance", at="2023-01-01")["vehicle"] == "Crew-5"
    assert iss.state("Endurance", at="2023-09-01")["vehicle"] == "Crew-7"
    between = iss.state("Endurance", at="2023-06-01")  # between flights: the last one
    assert (between["vehicle"], between["status"]) == ("Crew-5", "landed")


def test_the_nauka_radiator_leak_is_a_leak_on_the_station(iss: MissionLog) -> None:
    leaks = iss.station("ISS", at="2023-10-31")["leaks"]
    assert [(leak["module"], leak["system"]) for leak in leaks] == [("Nauka", "coolant")]


def test_soyuz_ms_22_is_unfit_from_its_leak_and_comes_home_empty(iss: MissionLog) -> None:
    assert iss.state("68S", at="2022-12-14")["fit_for_crew_return"] is True
    assert iss.state("68S", at="2022-12-16")["fit_for_crew_return"] is False
    landed = iss.state("Soyuz MS-22", at="2023-03-29")
    assert (landed["status"], landed["crew_aboard"]) == ("landed", [])


def test_the_december_2022_decision_opens_is_decided_and_is_resolved(iss: MissionLog) -> None:
    def replacement(at: str) -> dict[str, object]:
        found = [d for d in iss.decisions(at=at)
                 if d["kind"] == "replacement_required" and d["subject"] == "Soyuz MS-22"]
        assert len(found) == 1, found
        return found[0]

    opened = replacement("2022-12-20")
    assert opened["status"] == "open"
    assert sorted(opened["crew"]) == ["Dmitri Petelin", "Frank Rubio", "Sergey Prokopyev"]
    assert replacement("2023-01-12")["status"] == "decided"
    assert replacement("2023-03-29")["status"] == "resolved"


def test_progress_ms_21s_leak_changes_nothing(iss: MissionLog) -> None:
    no_change = [d for d in iss.decisions(at="2023-02-11")
                 if d["kind"] == "no_change" and d["subject"] == "Progress MS-21"]
    assert len(no_change) == 1 and no_change[0]["status"] == "resolved"


def test_the_bundled_file_is_what_the_generator_script_writes() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_iss_log.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
