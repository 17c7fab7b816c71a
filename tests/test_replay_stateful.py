"""A stateful test: random valid and invalid events, late ones and retractions, appended one
by one to a real log, with the projections checked against `ReferenceModel` after each step.

The model predicts whether each event is accepted (it replays the accepted events plus the
new one in mission order and sees whether the rules hold); the store must agree, and a
refused event must leave the file untouched.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event as hypothesis_event
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from strategies import (
    LEAK_SYSTEMS,
    SEVERITIES,
    SURNAMES,
    VEHICLE_CLASSES,
    VEHICLE_PREFIX,
    Rejected,
    log_fingerprint,
    model_after,
    scratch_dir,
    utc_text,
    without_as_of,
)

from missionlog import MissionLog, MissionLogError, UnknownName
from missionlog.events import CREW_CAPABLE

PORTS = ["Poisk zenith", "Rassvet nadir", "Prichal nadir"]
START = datetime(2023, 1, 1, tzinfo=UTC)


class MissionLogMachine(RuleBasedStateMachine):
    """One log file; `self.accepted` is what the model says the log holds (mission order is
    recovered by a stable sort on occurred_at, the same tie-break as the store's position)."""

    @initialize(classes=st.lists(st.sampled_from(VEHICLE_CLASSES), min_size=1, max_size=2))
    def open_log_with_a_fleet_in_space(self, classes: list[str]) -> None:
        """A log whose station already has a few vehicles docked: short runs would otherwise
        rarely get past launching, and every later rule needs something to act on."""
        self.tmp = scratch_dir()
        self.path = Path(self.tmp.name, "log.db")
        self.log = MissionLog.open(self.path, create=True)
        self.accepted: list[dict[str, Any]] = []
        self.retracted: set[str] = set()
        self.stored = 0
        self.clock = START
        self.serial = 0
        self.people = (f"{name} {n}" for n in range(1, 1000) for name in SURNAMES)
        self._append({"type": "station_configured", "station": "ISS", "ports": PORTS},
                     at=self.clock)
        for index, vehicle_class in enumerate(classes):
            self.launch(vehicle_class, crew=2, seconds=3600)
            name = self.accepted[-1]["vehicle"]
            self._append({"type": "docked", "vehicle": name, "station": "ISS",
                          "port": PORTS[index]}, at=self._tick(3600))

    def teardown(self) -> None:
        if hasattr(self, "log"):
            self.log.close()
            self.tmp.cleanup()

    # ---- helpers -------------------------------------------------------------------------

    def _live_events(self) -> list[dict[str, Any]]:
        return [e for e in self.accepted if e["event_id"] not in self.retracted]

    def _model(self, extra: dict[str, Any] | None = None, until: str | None = None) -> Any:
        events = self._live_events() + ([extra] if extra else [])
        return model_after(events, until)

    def _append(self, fields: dict[str, Any], *, at: datetime) -> bool:
        """Append one event; assert the store agrees with the model's verdict."""
        self.serial += 1
        event = {"type": fields["type"], "occurred_at": utc_text(at),
                 "event_id": f"s{self.serial:03d}", **fields}
        try:
            self._model(event)
            expected = True
        except Rejected:
            expected = False
        before = log_fingerprint(self.path)
        late = event["occurred_at"] < max(e["occurred_at"] for e in self.accepted) \
            if self.accepted else False
        event_kind = f"{event['type']}{' (late)' if late else ''}"
        try:
            self.log.append([event])
        except MissionLogError as error:
            assert not expected, f"refused a valid event {event}: {error}"
            assert log_fingerprint(self.path) == before
            hypothesis_event(f"{event_kind} refused")
            return False
        hypothesis_event(f"{event_kind} accepted")
        assert expected, f"accepted an impossible event {event}"
        self.accepted.append(event)
        self.stored += 1
        return True

    def _tick(self, seconds: int) -> datetime:
        self.clock += timedelta(seconds=seconds)
        return self.clock

    def _earlier(self, fraction: float) -> datetime:
        """A moment inside the history so far: a late event."""
        span = (self.clock - START).total_seconds()
        return START + timedelta(seconds=1 + int(span * fraction))

    def _vehicles(self) -> list[str]:
        """Vehicles the model knows, or a name nobody launched (which must be refused)."""
        return sorted(self._model().vehicles) or ["Ghost-0"]

    # ---- rules ---------------------------------------------------------------------------

    @rule(vehicle_class=st.sampled_from(VEHICLE_CLASSES), crew=st.integers(0, 3),
          seconds=st.integers(1, 86400))
    def launch(self, vehicle_class: str, crew: int, seconds: int) -> None:
        name = f"{VEHICLE_PREFIX[vehicle_class]}{self.serial + 1}"
        people = [next(self.people) for _ in range(crew)] if vehicle_class in CREW_CAPABLE \
            else []
        self._append({"type": "launched", "vehicle": name, "vehicle_class": vehicle_class,
                      "crew": people, "aliases": [f"A{self.serial + 1}"]},
                     at=self._tick(seconds))

    @rule(data=st.data(), port=st.sampled_from([*PORTS, "Zvezda aft"]),
          seconds=st.integers(1, 86400))
    def dock(self, data: st.DataObject, port: str, seconds: int) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        self._append({"type": "docked", "vehicle": vehicle, "station": "ISS", "port": port},
                     at=self._tick(seconds))

    @rule(data=st.data(), port=st.sampled_from(PORTS), seconds=st.integers(1, 86400))
    def relocate(self, data: st.DataObject, port: str, seconds: int) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        self._append({"type": "relocated", "vehicle": vehicle, "port": port},
                     at=self._tick(seconds))

    @rule(data=st.data(), take_crew=st.booleans(), seconds=st.integers(1, 86400))
    def undock(self, data: st.DataObject, take_crew: bool, seconds: int) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        model = self._model()
        riders = sorted(p for p, s in model.people.items() if s.on_station and s.ride == vehicle)
        self._append({"type": "undocked", "vehicle": vehicle,
                      "crew": riders if take_crew else []}, at=self._tick(seconds))

    @rule(data=st.data(), landing=st.booleans(), seconds=st.integers(1, 86400))
    def end_flight(self, data: st.DataObject, landing: bool, seconds: int) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        self._append({"type": "landed" if landing else "deorbited", "vehicle": vehicle},
                     at=self._tick(seconds))

    @rule(data=st.data(), system=st.sampled_from(LEAK_SYSTEMS),
          severity=st.sampled_from(SEVERITIES), late=st.none() | st.floats(0, 1))
    def leak(self, data: st.DataObject, system: str, severity: str, late: float | None) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        at = self._tick(60) if late is None else self._earlier(late)
        self._append({"type": "leak_detected", "vehicle": vehicle, "system": system,
                      "severity": severity}, at=at)

    @rule(data=st.data(), seconds=st.integers(1, 86400))
    def assign_crew(self, data: st.DataObject, seconds: int) -> None:
        vehicle = data.draw(st.sampled_from(self._vehicles()))
        in_space = sorted(self._model().people) or ["Nobody Up There"]
        crew = data.draw(st.lists(st.sampled_from(in_space), min_size=1, max_size=2, unique=True))
        self._append({"type": "crew_assigned", "vehicle": vehicle, "crew": crew},
                     at=self._tick(seconds))

    @rule(late=st.floats(0, 1))
    def late_note(self, late: float) -> None:
        self._append({"type": "note", "text": "learned late", "subject": "ISS"},
                     at=self._earlier(late))

    @rule(data=st.data())
    def retract(self, data: st.DataObject) -> None:
        target = data.draw(st.sampled_from(self.accepted[1:] or self.accepted))
        survivors = [e for e in self._live_events() if e["event_id"] != target["event_id"]]
        try:
            model_after(survivors)
            expected = target["event_id"] not in self.retracted
        except Rejected:
            expected = False
        before = log_fingerprint(self.path)
        self.serial += 1
        try:
            self.log.append([{"type": "retracted", "occurred_at": utc_text(self._tick(60)),
                              "event_id": f"s{self.serial:03d}",
                              "retracts": target["event_id"], "reason": "entered in error"}])
        except MissionLogError as error:
            assert not expected, f"refused retracting {target}: {error}"
            assert log_fingerprint(self.path) == before
            return
        assert expected, f"accepted retracting {target}"
        hypothesis_event(f"retraction of a {target['type']} accepted")
        self.retracted.add(target["event_id"])
        self.stored += 1

    @rule(bad=st.sampled_from([
        {"type": "note", "occurred_at": "2023-06-01T00:00:00", "text": "naive"},
        {"type": "docked", "occurred_at": "2023-06-01T00:00:00Z", "vehicle": "Ghost",
         "station": "ISS", "port": "Poisk zenith"},
        {"type": "retracted", "occurred_at": "2023-06-01T00:00:00Z", "retracts": "nope",
         "reason": "x"},
        {"type": "docked", "occurred_at": "2023-06-01T00:00:00Z", "vehicle": "X",
         "station": "ISS"},
    ]))
    def garbage(self, bad: dict[str, Any]) -> None:
        before = log_fingerprint(self.path)
        try:
            self.log.append([bad])
        except MissionLogError:
            pass
        else:
            raise AssertionError(f"accepted {bad}")
        assert log_fingerprint(self.path) == before

    # ---- invariants ----------------------------------------------------------------------

    @invariant()
    def projections_match_the_model(self) -> None:
        if not hasattr(self, "log"):
            return
        assert self.log.count() == self.stored
        times = sorted({e["occurred_at"] for e in self._live_events()})[-4:]
        for at in [*times, utc_text(self.clock + timedelta(days=1))]:
            model = self._model(until=at)
            if "ISS" in model.ports:
                assert without_as_of(self.log.station("ISS", at=at)) == model.station_view("ISS")
            else:  # its configuration was retracted, or lies after AT
                with pytest.raises(UnknownName):
                    self.log.station("ISS", at=at)
            for name in model.vehicles:
                assert without_as_of(self.log.state(name, at=at)) == model.vehicle_view(name)

    @invariant()
    def the_chain_is_intact(self) -> None:
        if hasattr(self, "log"):
            assert self.log.verify() == self.stored


MissionLogMachine.TestCase.settings = settings(
    max_examples=15, stateful_step_count=20, deadline=None
)
TestMissionLogAgainstTheModel = MissionLogMachine.TestCase
TestMissionLogAgainstTheModel.pytestmark = [pytest.mark.slow]  # type: ignore[attr-defined]
