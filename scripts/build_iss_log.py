"""Build events/iss-2022-2023.jsonl, the bundled ISS mission log (2022-09-01 to 2023-10-31).

Why this script exists: the JSONL file is the shipped artefact (missionlog imports it as is),
but ~160 long JSON lines are hard to review and easy to break by hand. This script is the
reviewable form: each event is one call that can be held against the sourced timeline in
/work/shared/facts/iss-2022-2023.md (sections 1-5): its UTC time and precision, its source
URLs, and its CONFLICT/UNCONFIRMED flags in the note. Nothing here is invented.

The second clock comes from /work/shared/facts/iss-2022-2023-reported.md: REPORTED gives each
event its first public report (Table 1), which logkit turns into `recorded_at` (the rule for
unknown dates is in logkit's docstring and in each such note); the plans of its Table 2 are
`planned` / `plan_cancelled` events, recorded when they were announced.

It is deterministic and stdlib-only (missionlog's models validate the types they know, when
importable). Before writing, it replays its own events under the rules the missionlog store
enforces (no double-booked port, dock only after launch, each person in one place, everyone
aboard holding a docked return vehicle, ...) after every line on the knowledge clock, and
stops at the first broken rule.

    python scripts/build_iss_log.py          # check, then write the JSONL
    python scripts/build_iss_log.py --check  # check, and fail if the committed file differs

Times: ISO 8601 UTC, whole seconds (minute precision is written with ":00"). For day
precision only the date is known; the clock time is a placeholder (12:00Z unless the note
names a better-sourced time) that keeps the replay order physically sensible.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from logkit import UNKNOWN, Log, Registry, build

OUT = Path(__file__).resolve().parent.parent / "events" / "iss-2022-2023.jsonl"
ISS = "ISS"
# fmt: off
PORTS = ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Zvezda aft",
         "Harmony forward", "Harmony zenith", "Unity nadir", "Harmony nadir"]
MODULES = ["Zvezda", "Poisk", "Rassvet", "Nauka", "Prichal", "Harmony", "Unity"]
# canonical name -> (vehicle_class, aliases): NASA numbering and capsule names from the facts.
VEHICLES = {
    "Progress MS-19": ("progress", ("Progress 80", "80P")), "Soyuz MS-21": ("soyuz", ("67S",)),
    "Crew-4": ("crew_dragon", ("Freedom", "C212")),
    "Progress MS-20": ("progress", ("Progress 81", "81P")),
    "Soyuz MS-22": ("soyuz", ("68S", "K.E. Tsiolkovsky")),
    "Crew-5": ("crew_dragon", ("Endurance",)),
    "Progress MS-21": ("progress", ("Progress 82", "82P")),
    "Cygnus NG-18": ("cygnus", ("NG-18", "S.S. Sally Ride")),
    "CRS-26": ("cargo_dragon", ("C211",)),
    "Progress MS-22": ("progress", ("Progress 83", "83P")), "Soyuz MS-23": ("soyuz", ("69S",)),
    "Crew-6": ("crew_dragon", ("Endeavour",)), "CRS-27": ("cargo_dragon", ("C209",)),
    "Ax-2": ("crew_dragon", ("Freedom", "Axiom Ax-2")),
    "Progress MS-23": ("progress", ("Progress 84", "84P")),
    "CRS-28": ("cargo_dragon", ("C208",)),
    "Cygnus NG-19": ("cygnus", ("NG-19", "S.S. Laurel Clark")),
    "Progress MS-24": ("progress", ("Progress 85", "85P")),
    "Crew-7": ("crew_dragon", ("Endurance",)), "Soyuz MS-24": ("soyuz", ()),
}
STILL_DOCKED = {"Progress MS-23", "Progress MS-24", "Cygnus NG-19", "Soyuz MS-24", "Crew-7"}
MS21 = ["Oleg Artemyev", "Denis Matveev", "Sergey Korsakov"]
CREW4 = ["Kjell Lindgren", "Bob Hines", "Jessica Watkins", "Samantha Cristoforetti"]
PROKOPYEV, PETELIN, RUBIO = "Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"
MS22 = [PROKOPYEV, PETELIN, RUBIO]
CREW5 = ["Nicole Mann", "Josh Cassada", "Koichi Wakata", "Anna Kikina"]
CREW6 = ["Stephen Bowen", "Warren Hoburg", "Sultan AlNeyadi", "Andrey Fedyaev"]
AX2 = ["Peggy Whitson", "John Shoffner", "Ali Alqarni", "Rayyanah Barnawi"]
CREW7 = ["Jasmin Moghbeli", "Andreas Mogensen", "Satoshi Furukawa", "Konstantin Borisov"]
MS24 = ["Oleg Kononenko", "Nikolai Chub", "Loral O'Hara"]
# fmt: on
RSW = "https://russianspaceweb.com/"
SPO = "https://spacepolicyonline.com/"
DR = "https://thedailyripple.org/index.php/component/content/article/100-space/"
SEL = "https://seradata.com/"
AX2_SRC = "https://seradata.com/axiom-space-launch-puts-first-arab-woman-in-iss-with-the-second-ever-private-astronaut-mission-to-the-station"
NG18_OUT = "https://sallyridescience.ucsd.edu/cygnus-supply-craft-s-s-sally-ride-departs-international-space-station-for-planned-destructive-re-entry/"
MS22_DECISION_SRC = (
    "https://counter.social/users/WordsmithFL/statuses/109670979847323743"
    " https://www.albanyherald.com/news/roscosmos-will-send-replacement-soyuz-spacecraft-to-return-crew-to-earth/article_9400d414-0d13-55c9-a75a-a8f107c31d9c.html"
    " https://vuink.com/post/fcnpr-d-dpbz/russia-replacement-soyuz-launching-february-2023"
    " https://www.wjhg.com/prnewswire/2023/01/10/nasa-host-media-update-space-station-plans-soyuz-status/"
    " https://interfax.com/newsroom/top-stories/89093/")
AIF = "https://aif.ru/society/kosmonavty_na_mks_perenosyat_lozhementy_v_korabl_dlya_vozvrashcheniya_na_zemlyu"

Crew = list[str]
Note = str | None
LOG = Log()
U = UNKNOWN
# First public report of each event (../shared/facts/iss-2022-2023-reported.md, Table 1 row in
# the comment): an instant, a date, or U (not found: the logkit rule, stated in the note).
# fmt: off
REPORTED = {
    # pre-window (section 4 rows 1-9: "not researched") and the port layout
    "iss-ports-configured": U, "progress-ms-19-launched": U, "progress-ms-19-docked": U,
    "soyuz-ms-21-launched": U, "soyuz-ms-21-docked": U, "crew-4-launched": U,
    "crew-4-docked": U, "crew-4-hatch-opened": U, "progress-ms-20-launched": U,
    "progress-ms-20-docked": U,
    "soyuz-ms-22-launched": "2022-09-26", "soyuz-ms-22-docked": "2022-09-26",  # rows 1-2
    "soyuz-ms-21-undocked": "2022-09-29T08:50Z", "soyuz-ms-21-landed": "2022-09-29T11:58Z",
    "crew-5-launched": "2022-10-05", "crew-5-docked": "2022-10-06",  # rows 5-6
    "crew-4-undock-waived-for-weather": "2022-10-13",  # row 7: its second half, the Oct 13 waiver
    "crew-4-undocked": "2022-10-14", "crew-4-landed": "2022-10-14",  # rows 8-9
    "progress-ms-19-undocked": "2022-10-24", "progress-ms-19-deorbited": "2022-10-24",
    "progress-ms-21-launched": "2022-10-26", "progress-ms-21-docked": "2022-10-28",
    "cygnus-ng-18-launched": "2022-11-07", "cygnus-ng-18-solar-array-stuck": "2022-11-07",
    "cygnus-ng-18-docked": U,  # row 17
    "crs-26-launch-scrubbed": "2022-11-23T03:13Z", "crs-26-launched": "2022-11-26",
    "crs-26-docked": U,  # row 20: month only (2022-11)
    "soyuz-ms-22-coolant-leak": "2022-12-15", "russian-eva-cancelled-2022-12-15": "2022-12-15",
    "soyuz-ms-22-coolant-depleted": "2022-12-19", "soyuz-ms-22-systems-test": "2022-12-16",
    "soyuz-ms-22-radiator-inspection": "2022-12-19",
    "soyuz-ms-22-interim-2022-12-19": "2022-12-20",  # row 26: the Feb 19 item, Interfax Dec 20
    "soyuz-ms-22-interim-2022-12-22": "2022-12-22",
    "soyuz-ms-22-decision-deferred": U,  # row 28: the meeting's own report is undated
    "crs-26-undocked": "2023-01-09T22:25Z",
    "soyuz-ms-22-chief-designers-recommendation": "2023-01-11", "crs-26-landed": "2023-01-11",
    "soyuz-ms-22-return-uncrewed-ms-23-replacement": "2023-01-11",
    "soyuz-ms-22-return-uncrewed-decided": "2023-01-11",  # row 31
    "rubio-seat-liner-to-endurance-go": "2023-01-13",  # row 33
    "crew-5-five-aboard-go": "2023-01-13",  # row 33 (the same go)
    "soyuz-ms-23-schedule-2023-01-14": "2023-01-14", "soyuz-ms-22-emergency-only": "2023-01-14",
    "rubio-seat-liner-removal-began": "2023-01-19",  # row 35: the NASA blog text, pledgetimes
    "rubio-assigned-to-crew-5": "2023-01-18",
    "progress-ms-20-undocked": "2023-02-07", "progress-ms-20-deorbited": "2023-02-07",
    "progress-ms-22-launched": U,  # row 38: month only (2023-02)
    "progress-ms-22-docked": "2023-02-11", "progress-ms-21-coolant-leak": "2023-02-11",
    "soyuz-ms-23-launch-postponed": "2023-02-13", "progress-ms-21-undocked": "2023-02-18",
    "progress-ms-21-deorbit-chosen": "2023-02-18", "soyuz-ms-23-launch-recommended": "2023-02-18",
    "progress-ms-21-deorbited": "2023-02-19",
    "soyuz-ms-23-launch-approved": "2023-02-24",  # row 45
    "soyuz-ms-23-launched": "2023-02-24", "soyuz-ms-23-landing-set-2023-09-27": "2023-02-24",
    "soyuz-ms-23-docked": "2023-02-26", "crew-6-launch-scrubbed": "2023-02-27",
    "crew-6-launched": "2023-03-03",  # row 51 (lowered by the docking report, same vehicle)
    "prokopyev-petelin-assigned-to-soyuz-ms-23": "2023-03-02",  # section 4 row 14
    "crew-6-docked": "2023-03-03T12:58Z",
    "rubio-assigned-to-soyuz-ms-23": "2023-03-24",  # section 4 row 15: completion known
    "crew-5-undocked": "2023-03-11", "crew-5-landed": "2023-03-12",  # row 54: UTC date
    "crs-27-launched": U,  # row 55
    "soyuz-ms-22-emergency-return-test": "2023-03-15", "crs-27-docked": "2023-03-16",
    "soyuz-ms-22-uncrewed-return-approved": "2023-03-24",
    "soyuz-ms-24-launch-date-set": "2023-03-24",
    "soyuz-ms-22-undocked": "2023-03-28", "soyuz-ms-22-landed": "2023-03-28",
    "soyuz-ms-23-return-date-confirmed": U,  # row 61
    "soyuz-ms-23-relocated": "2023-04-06", "crs-27-undocked": "2023-04-15",
    "crs-27-landed": U, "cygnus-ng-18-undocked": U, "cygnus-ng-18-deorbited": U,  # rows 65-66
    "russian-eva-2023-05-03-airlock-move": U,  # not a Table 1 row
    "crew-6-relocated": "2023-05-06", "ax-2-launched": "2023-05-21", "ax-2-docked": U,
    "progress-ms-23-launched": "2023-05-24", "progress-ms-23-docked": "2023-05-24",
    "ax-2-undocked": "2023-05-31", "ax-2-landed": "2023-05-31",
    "crs-28-launch-delayed-weather": "2023-06-04T15:00Z", "crs-28-launched": "2023-06-05",
    "crs-28-docked": U, "crs-28-undocked": U, "crs-28-landed": U,  # rows 77-79
    "cygnus-ng-19-launched": "2023-08-02", "cygnus-ng-19-docked": "2023-08-05",
    "progress-ms-22-undocked": "2023-08-21", "progress-ms-22-deorbited": "2023-08-21",
    "progress-ms-24-launched": "2023-08-23", "progress-ms-24-docked": "2023-08-25",
    "crew-7-launch-slipped-one-day": "2023-08-25", "crew-7-launched": "2023-08-26",
    "crew-7-docked": U,  # row 89
    "crew-6-departure-stood-down": "2023-09-01", "crew-6-undocked": "2023-09-03",
    "crew-6-landed": "2023-09-04", "soyuz-ms-24-launched": "2023-09-15",
    "soyuz-ms-24-docked": "2023-09-15", "soyuz-ms-23-undocked": "2023-09-27",
    "soyuz-ms-23-landed": "2023-09-27", "nauka-backup-radiator-coolant-leak": "2023-10-09",
    "russian-eva-vkd-61": "2023-10-28",
}
# fmt: on


def _add(etype: str, when: str, precision: str, eid: str, src: str, note: Note, **fields) -> None:
    """Append one wire event; `when` may be a bare date (noon placeholder) or lack seconds."""
    LOG.add(etype, when, precision, eid, src, note, REPORTED[eid], **fields)


def _id(vehicle: str, kind: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", vehicle.lower()).strip("-") + "-" + kind


def launched(when: str, prec: str, vehicle: str, crew: Crew, src: str, note: Note = None) -> None:
    vclass, aliases = VEHICLES[vehicle]
    fields = {"vehicle_class": vclass, "crew": list(crew), "aliases": list(aliases)}
    _add("launched", when, prec, _id(vehicle, "launched"), src, note, vehicle=vehicle, **fields)


def docked(when: str, prec: str, vehicle: str, port: str, src: str, note: Note = None) -> None:
    fields = {"vehicle": vehicle, "station": ISS, "port": port}
    _add("docked", when, prec, _id(vehicle, "docked"), src, note, **fields)


def relocated(when: str, prec: str, vehicle: str, port: str, src: str, note: str) -> None:
    _add("relocated", when, prec, _id(vehicle, "relocated"), src, note, vehicle=vehicle, port=port)


def undocked(when: str, prec: str, vehicle: str, crew: Crew, src: str, note: Note = None) -> None:
    fields = {"vehicle": vehicle, "crew": list(crew)}
    _add("undocked", when, prec, _id(vehicle, "undocked"), src, note, **fields)


def landed(when: str, prec: str, vehicle: str, site: str, src: str, note: Note = None) -> None:
    _add("landed", when, prec, _id(vehicle, "landed"), src, note, vehicle=vehicle, site=site)


def deorbited(when: str, prec: str, vehicle: str, src: str, note: Note = None) -> None:
    _add("deorbited", when, prec, _id(vehicle, "deorbited"), src, note, vehicle=vehicle)


def leak(
    when: str,
    prec: str,
    eid: str,
    where: str,
    severity: str,
    src: str,
    note: str,
    module: str | None = None,
    cause: str | None = None,
) -> None:
    on = {"station": where, "module": module} if module else {"vehicle": where}
    found = {"cause": cause} if cause else {}
    _add("leak_detected", when, prec, eid, src, note, **on, system="coolant", severity=severity,
         **found)


def assigned(
    when: str, prec: str, eid: str, vehicle: str, crew: Crew, src: str, note: str,
    *, bounds: tuple[str, str] | None = None,
) -> None:
    """A seat-liner move; BOUNDS (earliest, latest) when the facts bound it more widely
    than its precision (the log's `earliest`/`latest`)."""
    window = {"earliest": bounds[0], "latest": bounds[1]} if bounds else {}
    _add("crew_assigned", when, prec, eid, src, note, vehicle=vehicle, crew=list(crew), **window)


def decided(
    when: str,
    prec: str,
    eid: str,
    subject: str,
    decision: str,
    by: str,
    src: str,
    note: Note = None,
    *,
    kind: str,
    crew: Crew | None = None,
) -> None:
    """A ruling, with the decision kind it decides (and the people it concerns, if named)."""
    fields = {"subject": subject, "decision": decision, "by": by, "kind": kind}
    named = {"crew": crew} if crew else {}
    _add("decision_recorded", when, prec, eid, src, note, **fields, **named)


def assessed(when: str, prec: str, eid: str, vehicle: str, fitness: str, reason: str, by: str,
             src: str, note: Note = None, max_crew: int | None = None) -> None:
    fields = {"vehicle": vehicle, "fitness": fitness, "reason": reason, "by": by}
    _add("vehicle_assessed", when, prec, eid, src, note, **fields,
         **({"max_crew": max_crew} if max_crew is not None else {}))


def plan(announced: str, vehicle: str, activity: str, planned_for: str, planned_prec: str,
         src: str, note: str, *, reported: str | None = None, **extra: object) -> None:
    """A `planned` event, announced (occurred and, unless told, first reported) on `announced`,
    a date with a placeholder time unless it carries one."""
    eid = f"plan-{_id(vehicle, activity)}-{announced[:10]}"
    LOG.planned(announced, eid, vehicle, activity, planned_for, planned_prec, src,
                f"Table 2 {note}", reported=reported or announced[:10], **extra)


def noted(
    when: str, prec: str, eid: str, subject: str, text: str, src: str, note: Note = None
) -> None:
    _add("note", when, prec, eid, src, note, text=text, subject=subject)


# fmt: off
# ---- the station (facts sections 2 and 5) -------------------------------------------------
_add("station_configured", "2021-11-26T15:20Z", "minute", "iss-ports-configured",
     f"{SEL}new-prichal-docking-module-is-launched-on-soyuz-to-international-space-station"
     " https://wiki.studentb.eu/view_html.php?lang=en&q=Prichal_%28ISS_module%29&sq=albert+einstein"
     " https://www.hubbry.com/Harmony_node https://www.russianspaceweb.com/soyuz-ms-22.html"
     " https://friendlywiki.com/article/index.php?title=International_Docking_Adapter%23IDA-2"
     f" {AX2_SRC}"
     " https://www.liquisearch.com/unity_iss_module/connections_to_other_station_components",
     "Dated by Prichal's berthing to Nauka nadir (~15:19-15:20 UTC), which set the port layout "
     "of the window. Left out: Prichal forward/aft/port/starboard (passive, covered, unused); "
     "Prichal zenith + Nauka nadir (mated to each other); Nauka zenith (mated to Zvezda nadir); "
     "Nauka forward (berthing port for the airlock); Zvezda forward/zenith/nadir, Unity's other "
     "CBMs, Harmony port/starboard (module-to-module joints). Harmony nadir: available CBM, no "
     "use found in the window. Modules: only those the facts name (section 2 ports, the Nauka "
     "leak); the others were not researched.", station=ISS, ports=PORTS, modules=MODULES)

# ---- docked on 2022-09-01: their own launch and docking (facts section 4) -----------------
launched("2022-02-15T04:25:40Z", "second", "Progress MS-19", [],
         "https://news.realpressglobal.com/russian-cargo-spacecraft-propels-into-sky-to-resupply-cosmonauts-on-iss/"
         " https://scitechdaily.com/russian-progress-80-cargo-craft-blasts-off-to-resupply-space-station/"
         " https://starshipsls.wixsite.com/futureastronaut/post/roscosmos-to-launch-progress-ms-19-to-resupply-the-iss",
         "Roscosmos 07:25:40 MSK; der-orion.com 04:26 UTC (rounding only). 34-orbit rendezvous.")
docked("2022-02-17T07:03Z", "minute", "Progress MS-19", "Poisk zenith",
       "https://spacenews247.com/?p=956"
       " https://www.digitaltrends.com/space/nasa-video-docking-progress-80-spacecraft/"
       " https://scitechdaily.com/russian-progress-80-cargo-craft-blasts-off-to-resupply-space-station/",
       "2:03 a.m. EST (plan 07:06 UTC); no time to the second found.")
launched("2022-03-18T15:55:18Z", "second", "Soyuz MS-21", MS21,
         "https://www.russianspaceweb.com/soyuz-ms-21.html"
         " https://www.nasaspaceflight.com/2022/03/soyuz-ms-21/"
         " https://scitechdaily.com/russian-cosmonauts-arrive-at-international-space-station/",
         "RSW 18:55:18.451 MSK; Artemyev commander; first crew of three Roscosmos cosmonauts only; "
         "fast two-orbit profile.")
docked("2022-03-18T19:12:06Z", "second", "Soyuz MS-21", "Prichal nadir",
       "https://www.russianspaceweb.com/soyuz-ms-21.html"
       " https://scitechdaily.com/russian-cosmonauts-arrive-at-international-space-station/"
       " https://interfax.com/newsroom/top-stories/77020/"
       " https://www.knowpia.com/knowpedia/Soyuz_MS-21 https://tass.com/science/1424387",
       "RSW 22:12:06 MSK; manual docking after an automated-rendezvous problem; first vehicle "
       "at Prichal. UNCONFIRMED: hatch open 'about two hours later' (plan 21:20-21:40 UTC).")
launched("2022-04-27T07:52Z", "minute", "Crew-4", CREW4,
         f"{SEL}spacex-launches-four-person-crew-mission-to-iss-uses-new-dragon-capsule"
         " https://cbreviewproduct.com/four-astronauts-arrive-at-the-space-station-for-a-long-term-stay-spaceflight-now2022-04-28-001435/"
         f" {DR}935981-crew-4-nasa-tv-coverage-continues-dragon-ahead-of-schedule-for-docking",
         "3:52 a.m. EDT, Falcon 9 B1067.4; Lindgren commander, Hines pilot; first flight of C212.")
docked("2022-04-27T23:37Z", "minute", "Crew-4", "Harmony zenith",
       "https://www.spaceflightinsider.com/missions/iss/crew-4-arrives-at-international-space-station-in-dragon-freedom/"
       f" {SEL}spacex-launches-four-person-crew-mission-to-iss-uses-new-dragon-capsule"
       " https://cbreviewproduct.com/four-astronauts-arrive-at-the-space-station-for-a-long-term-stay-spaceflight-now2022-04-28-001435/",
       "IDA-3 on PMA-3; ~40 min ahead of plan (Seradata plan 00:15 GMT Apr 28).")
noted("2022-04-28T01:15Z", "minute", "crew-4-hatch-opened", "Crew-4",
      "Crew-4 hatch open: Lindgren, Hines, Watkins, Cristoforetti joined the Expedition 67 crew "
      "of 7, making 11.",
      "https://www.spaceflightinsider.com/missions/iss/crew-4-arrives-at-international-space-station-in-dragon-freedom/",
      "UNCONFIRMED: single source.")
launched("2022-06-03T09:32:16Z", "second", "Progress MS-20", [],
         f"{RSW}progress-ms-20.html"
         " http://russianspacenews.com/russian-spacecraft-delivered-2-5-tons-of-cargo-to-the-iss/"
         " https://orbiterchspacenews.blogspot.com/2022/06/progress-cargo-craft-launches-on-quick.html",
         "RSW 12:32:16 MSK (plan 12:32:54).")
docked("2022-06-03T13:02:03Z", "second", "Progress MS-20", "Zvezda aft",
       f"{RSW}progress-ms-20.html https://www.nasaspaceflight.com/2022/06/progress-ms-20/"
       " https://orbiterchspacenews.blogspot.com/2022/06/progress-cargo-craft-launches-on-quick.html"
       " http://russianspacenews.com/russian-spacecraft-delivered-2-5-tons-of-cargo-to-the-iss/"
       " https://www.spaceintel101.com/post/russia-launches-progress-ms-20-to-iss",
       "RSW 16:02:03 MSK (plan 16:02:29); hatches 15:55/16:04 UTC. CONFLICT (seconds only): "
       "Roscosmos 13:02:01 UTC. A pre-launch mirror gave Poisk zenith as the planned port; all "
       "post-docking sources say Zvezda aft.")

# ---- the window (facts section 1, with section 4 additions) --------------------------------
launched("2022-09-21T13:54:49Z", "second", "Soyuz MS-22", MS22,
         "http://www.russianspaceweb.com/soyuz-ms-22.html"
         " http://russianspacenews.com/soyuz-ms-22-successfully-launched-to-the-iss/"
         " http://www.kosmonavtika.com/vaisseaux/mks/missions/mkseo68/chrono.html",
         "RSW 16:54:49.531 MSK; Prokopyev commander; two-orbit rendezvous; planned 188 days.")
docked("2022-09-21T17:06Z", "minute", "Soyuz MS-22", "Rassvet nadir",
       "http://www.russianspaceweb.com/soyuz-ms-22.html"
       " http://www.kosmonavtika.com/vaisseaux/mks/missions/mkseo68/chrono.html"
       " https://scitechdaily.com/soyuz-ms-22-spacecraft-docks-to-space-station-new-crew-begins-six-month-mission/",
       "CONFLICT (seconds only): RSW 17:06:33, kosmonavtika 17:06:36 UTC; NASA 1:06 p.m. EDT.")
undocked("2022-09-29T07:34Z", "minute", "Soyuz MS-21", MS21,
         "https://blogs.nasa.gov/spacestation/tag/nasa/page/78"
         " https://www.space.com/soyuz-ms21-cosmonauts-landing",
         "Expedition 68 begins (Cristoforetti commander).")
landed("2022-09-29T10:57Z", "minute", "Soyuz MS-21", "Kazakh steppe SE of Dzhezkazgan",
       "https://www.space.com/soyuz-ms21-cosmonauts-landing"
       " https://spaceflightnow.com/2022/09/29/russian-soyuz-brings-three-cosmonauts-home-from-space-station/",
       "4:57 p.m. local; 195-day mission.")
launched("2022-10-05T16:00:57Z", "second", "Crew-5", CREW5,
         "https://interplanetary.tv/crew-5-flight-day-1-highlights-expedition-68-5-october-2022-mp4/"
         " https://en.wikipedia.org/wiki/SpaceX_Crew-5"
         " https://www.spacescout.info/2022/10/crew-5-prelaunch/",
         "NASA 12 p.m. EDT, Wikipedia 16:00:57; Falcon 9 B1077; Mann commander, Cassada pilot. "
         "Earlier delays (undated): booster interstage damage, Hurricane Ian.")
docked("2022-10-06T21:01Z", "minute", "Crew-5", "Harmony forward",
       "https://scitechdaily.com/nasa-spacex-crew-5-astronauts-dock-arrive-at-international-space-station/"
       " https://en.wikipedia.org/wiki/SpaceX_Crew-5", "Hatch open 22:49 UTC; briefly 11 aboard.")
noted("2022-10-12", "day", "crew-4-undock-waived-for-weather", "Crew-4",
      "Crew-4's Oct 12 and Oct 13 undock opportunities waived for splashdown-zone weather.",
      f"{DR}978952-nasa%E2%80%99s-spacex-crew-4-space-station-departure-delayed-for-weather"
      " https://www.devdiscourse.com/article/science-environment/2211051-nasas-spacex-crew-4-astronauts-wrap-up-six-month-science-mission-returning-to-earth-tomorrow"
      " https://spacenews247.com/spacexs-crew-4-mission-leaves-space-station-and-heads-for-home",
      "Recorded when its second half, the Oct 13 waiver, was first reported (Oct 13).")
undocked("2022-10-14T16:05Z", "minute", "Crew-4", CREW4,
         "http://collectspace.com/news/news-101422a-spacex-crew4-freedom-landing.html"
         " https://www.cbsnews.com/news/spacex-crew-dragon-undocks-from-space-station-to-bring-four-astronauts-back-to-earth/",
         "~30 min late, to check hatch alignment; 170-day mission.")
landed("2022-10-14T20:55Z", "minute", "Crew-4", "Atlantic off Jacksonville, Florida",
       "http://collectspace.com/news/news-101422a-spacex-crew4-freedom-landing.html"
       " http://www.nasa.gov/image-feature/safe-return-for-nasa-s-spacex-crew-4-astronauts",
       "Splashdown; recovery ship Megan.")
undocked("2022-10-23T22:45:34Z", "second", "Progress MS-19", [],
         "https://ria.ru/amp/20221024/roskosmos-1826153668.html"
         " https://www.spaceflightinsider.com/missions/iss/progress-spacecraft-departs-iss-another-set-to-launch-soon/",
         "Roscosmos 01:45:34 MSK Oct 24 (NASA 22:46 UTC); frees Poisk for Progress MS-21.")
deorbited("2022-10-24T01:51Z", "minute", "Progress MS-19",
          "https://kosmosnews.fr/2022/10/24/progress-ms-19-separe-de-liss-et-immerge-dans-le-pacifique/"
          " https://forum.raumfahrer.net/index.php?topic=19190.50",
          "04:51 MSK braking burn; debris fell ~02:32 UTC in the South Pacific.")
launched("2022-10-26T00:20:09Z", "second", "Progress MS-21", [],
         f"{RSW}progress-ms-21.html"
         " https://www.thehamdenjournal.com/science/russian-space-freighter-with-three-tons-of-cargo-docks-to-station/391980/",
         "RSW 03:20:09.237 MSK; ~2.5 t cargo.")
docked("2022-10-28T02:48:54Z", "second", "Progress MS-21", "Poisk zenith",
       f"{RSW}progress-ms-21.html https://tass.com/science/1528947/amp",
       "RSW 05:48:54 MSK; monitored by Prokopyev, Petelin, Kikina.")
launched("2022-11-07T10:32:42Z", "second", "Cygnus NG-18", [],
         f"{SPO}news/northrop-grummans-cygnus-on-its-way-to-iss-but-with-a-stuck-solar-array/"
         " https://www.americaspace.com/2022/11/07/northrop-grumman-launches-ng-18-cygnus-to-space-station-honors-pioneer-sally-ride/",
         "Antares from Wallops; the Nov 6 attempt was scrubbed after a fire alarm at NG mission "
         "control.")
noted("2022-11-07", "day", "cygnus-ng-18-solar-array-stuck", "Cygnus NG-18",
      "One of Cygnus NG-18's two solar arrays did not deploy; NASA/NG chose not to retry before "
      "arrival. A 2023 report blames debris in the separation mechanism.",
      "https://www.cnet.com/science/space/cargo-craft-headed-to-space-station-troubled-by-unusual-glitch/"
      " https://citylife.capetown/science/final-antares-flight-successfully-launches-space-station-resupply-mission/316202/",
      "Placed after the launch. The debris cause was first reported in Aug 2023 (reported-dates "
      "row 15).")
docked("2022-11-09", "day", "Cygnus NG-18", "Unity nadir",
       f"{DR}986563-ground-controllers-install-cygnus-on-station"
       " https://scitechdaily.com/cygnus-space-freighter-arrives-at-iss-with-only-one-working-solar-array/"
       " https://world-today-news.com/?p=3094371",
       "Only the date is known: berthed by the ground-commanded arm 'later the same day'; 12:00Z "
       "is a placeholder after the capture (Canadarm2, 10:20 UTC; Mann prime, Cassada backup). "
       "UNCONFIRMED berth time. CONFLICT: one copy gives capture 09:20 UTC ("
       "https://thelatestnews.world/a-cygnus-spacecraft-docks-at-the-space-station-with-a-single-solar-panel);"
       f" a later NASA text says it arrived Nov 10 ({NG18_OUT}).")
noted("2022-11-22T20:54Z", "day", "crs-26-launch-scrubbed", "CRS-26",
      "CRS-26 launch attempt (3:54 p.m. EST) scrubbed for weather; next try Nov 26. An earlier "
      "slip was announced Nov 18.",
      "https://blogs.nasa.gov/spacex-crs-26/tag/international-space-station/"
      " https://blogs.nasa.gov/spacex-crs-26/2022/11/18/nasa-spacex-target-new-launch-date-for-next-commercial-cargo-mission/",
      "Only the date is known; placed at the attempt's time. UNCONFIRMED: the Nov 18 slip was "
      "for a Dragon coolant/propellant leak (https://sciencetimes.com/amp/articles/40993/20221120/spacexs-next-cargo-launch-international-space-station-rescheduled-november-22.htm).")
launched("2022-11-26T19:20Z", "minute", "CRS-26", [],
         "https://teslanorth.com/2022/11/26/spacex-launches-26th-dragon-resupply-mission-to-international-space-station"
         " https://www.keneci.com/science/spacex-dragons-crs-26-mission-to-iss-delivers-solar-arrays-scientific-exp",
         "First flight of C211; carries a pair of iROSA solar arrays.")
docked("2022-11-27T12:39Z", "minute", "CRS-26", "Harmony zenith",
       "https://www.friendsofnasa.org/2022/11/spacex-falcon-9-rocket-launch-for-nasa_27.html"
       " https://www.keneci.com/science/spacex-dragons-crs-26-mission-to-iss-delivers-solar-arrays-scientific-exp",
       "Monitored by Mann, Cassada. CONFLICT on port: pre-launch NASA texts said forward, but "
       "Crew-5 held Harmony forward; post-docking and departure texts say space-facing.")
leak("2022-12-15T00:45Z", "minute", "soyuz-ms-22-coolant-leak", "Soyuz MS-22", "major",
     "https://www.nasaspaceflight.com/2022/12/soyuz-ms-22-leak/ https://spaceref.com/?p=205228",
     "Around 7:45 p.m. EST Dec 14: low pressure in the external cooling loop of the instrument "
     "(aft) module, coolant flakes seen. Prokopyev and Petelin suited in a depressurizing Poisk "
     "for an EVA; Rubio aboard. The cause field holds what was found later, not what was "
     "known on Dec 15: first attributed to 'a micrometeorite or space debris' by Borisov "
     "(2022-12-21, "
     "https://sputniknews.com/20221221/micrometeorite-or-space-debris-could-have-damaged-radiator-on-soyuz-ms-22-roscosmos-1105662497.html"
     "), "
     "to external mechanical damage by the TsNIIMash meeting (2022-12-27), to a meteoroid impact "
     "by Roscosmos on 2023-01-11 with NASA concurring. (The contract has no later-finding event, "
     "so on the knowledge clock the cause shows from Dec 15.)",
     cause="a meteoroid impact (Roscosmos, 2023-01-11; NASA concurred)")
noted("2022-12-15T02:45Z", "minute", "russian-eva-cancelled-2022-12-15", ISS,
      "Russian EVA by Prokopyev and Petelin from Poisk (NSF: EVA-56) called off by Moscow.",
      "https://www.nasaspaceflight.com/2022/12/soyuz-ms-22-leak/"
      " https://scitechdaily.com/engineers-assessing-soyuz-spacecraft-leak-spacewalk-cancelled/",
      "Around 9:45 p.m. EST Dec 14.")
noted("2022-12-15T18:30Z", "minute", "soyuz-ms-22-coolant-depleted", "Soyuz MS-22",
      "Leak end state: NASA data show most of Soyuz MS-22's coolant had leaked out.",
      "https://spaceref.com/?p=205228", "About 1:30 p.m. EST.")
noted("2022-12-16", "day", "soyuz-ms-22-systems-test", "Soyuz MS-22",
      "Roscosmos tested Soyuz MS-22 systems, incl. a short propulsion demonstration (cosmonauts "
      "assisting); no further issues.", "https://spaceref.com/?p=205228")
noted("2022-12-18", "day", "soyuz-ms-22-radiator-inspection", "Soyuz MS-22",
      "Canadarm2 cameras: small hole in the Soyuz MS-22 radiator, discoloured surface around it.",
      "https://spaceref.com/?p=205228"
      " https://www.wjhg.com/prnewswire/2023/01/10/nasa-host-media-update-space-station-plans-soyuz-status/")
noted("2022-12-19", "day", "soyuz-ms-22-interim-2022-12-19", "Soyuz MS-22",
      "Interim, no decision (Borisov): hole about 0.8 mm; working groups report by Dec 27; Soyuz "
      "MS-23 could be readied and sent by Feb 19 if needed.",
      "https://interfax.com/newsroom/top-stories/86300/"
      " https://www.republicworld.com/science/space/roscosmos-finds-hole-in-soyuz-that-caused-coolant-leak-mulls-over-replacement-capsule-articleshow.html")
noted("2022-12-22", "day", "soyuz-ms-22-interim-2022-12-22", "Soyuz MS-22",
      "Interim, no decision (Krikalev, Montalbano briefing): Soyuz MS-23 could fly uncrewed 2-3 "
      "weeks early; the Geminid shower was ruled out.",
      f"{SPO}news/roscosmos-still-deciding-next-steps-for-soyuz-ms-22/"
      " https://ironbladeonline.com/the-soyuz-rescue-vehicle-could-arrive-at-the-space-station-in-february/")
noted("2022-12-27", "day", "soyuz-ms-22-decision-deferred", "Soyuz MS-22",
      "Deferred: TsNIIMash meeting attributed the leak to external mechanical damage; decision on "
      "the ship pushed to January.", f"{SPO}news/soyuz-ms-22-decision-delayed-to-january/")
undocked("2023-01-09T22:05Z", "minute", "CRS-26", [],
         "https://www.space.com/spacex-dragon-crs-26-return-to-earth"
         " https://cruzersoftech.com/spacex-dragon-resupply-ship-splashes-down-returning-critical-science-to-earth/",
         "~4,400 lb returned.")
decided("2023-01-10", "day", "soyuz-ms-22-chief-designers-recommendation", "Soyuz MS-22",
        "Technical decision: recommendations on Soyuz MS-22 issued; the state commission then "
        "decided it returns without crew.", "RSC Energia council of chief designers",
        "https://it.topwar.ru/208477-roskosmos-prinjal-okonchatelnoe-reshenie-po-spusku-na-zemlju-povrezhdennogo-korablja-sojuz-ms-22.html",
        "A recommendation, not the ruling: recorded as kind 'ruling' so it decides nothing "
        "itself; the state commission's ruling follows on 2023-01-11.", kind="ruling")
landed("2023-01-11T10:19Z", "minute", "CRS-26", "off Florida",
       "https://www.space.com/spacex-dragon-crs-26-splashdown"
       " https://clickorlando.com/news/space-news/2023/01/11/spacex-cargo-capsule-returns-to-earth-via-splashdown-off-florida-coast",
       "Splashdown, not broadcast, confirmed by SpaceX. CONFLICT on location: space.com says off "
       "Tampa; a NASA-text copy says north of Cape Canaveral (https://cruzersoftech.com/spacex-dragon-resupply-ship-splashes-down-returning-critical-science-to-earth/).")
decided("2023-01-11T14:00Z", "day", "soyuz-ms-22-return-uncrewed-ms-23-replacement", "Soyuz MS-22",
        "Soyuz MS-23 launches uncrewed Feb 20 (instead of crewed Mar 16) as the replacement for "
        "Prokopyev, Petelin and Rubio, whose stay is extended. Cause: meteoroid impact.",
        "Roscosmos (NASA concurred)", MS22_DECISION_SRC,
        "Only the date is known; placed at the NASA telecon (9 a.m. EST). The same announcement "
        "ruled that MS-22 returns uncrewed (soyuz-ms-22-return-uncrewed-decided).",
        kind="replacement_required", crew=MS22)
decided("2023-01-11T14:00:01Z", "day", "soyuz-ms-22-return-uncrewed-decided", "Soyuz MS-22",
        "Soyuz MS-22 lands without crew.", "Roscosmos (NASA concurred)", MS22_DECISION_SRC,
        "Only the date is known; placed one second after the replacement ruling it was announced "
        "with (NASA telecon, 9 a.m. EST).", kind="return_uncrewed")
decided("2023-01-12", "day", "rubio-seat-liner-to-endurance-go", "Soyuz MS-22",
        "Go to move Frank Rubio's Soyuz MS-22 seat liner to Crew-5 Endurance as his lifeboat.",
        "NASA ISS Mission Management Team",
        "https://behindtheblack.com/behind-the-black/points-of-information/american-astronaut-seat-liner-shifted-to-dragon-temporarily/"
        " https://gizmodo.com/spacex-crew-dragon-5-astronauts-iss-damaged-soyuz-1850012743",
        "First reported Jan 13 (NASA update, per space.com).",
        kind="crew_reassignment_required", crew=[RUBIO])
decided("2023-01-12T12:00:01Z", "day", "crew-5-five-aboard-go", "Crew-5",
        "Crew-5 Endurance may carry five in an emergency: Frank Rubio in a contingency place "
        "beside its crew of four.",
        "NASA ISS Mission Management Team",
        "https://behindtheblack.com/behind-the-black/points-of-information/american-astronaut-seat-liner-shifted-to-dragon-temporarily/"
        " https://gizmodo.com/spacex-crew-dragon-5-astronauts-iss-damaged-soyuz-1850012743"
        " https://driveteslacanada.ca/spacex/iss-reconfigures-the-spacex-crew-dragon-to-carry-five-people/",
        "The same go as rubio-seat-liner-to-endurance-go (facts rows 33 and 35: Endurance "
        "reconfigured to carry five). Recorded as its own ruling on the seats so that the "
        "contingency place it approves is not shown as undecided; placed one second after "
        "that ruling's noon placeholder. First reported Jan 13 (NASA update, per space.com).",
        kind="seats_exceeded")
noted("2023-01-14", "day", "soyuz-ms-23-schedule-2023-01-14", "Soyuz MS-23",
      "Roscosmos: uncrewed Soyuz MS-23 launch Feb 20, docking Feb 22; Rubio's seat to Crew "
      "Dragon Jan 17-18; in an emergency MS-22 would carry only the two cosmonauts.",
      "https://www.urdupoint.com/en/world/russias-soyuz-ms-23-spacecraft-to-dock-to-is-1625400.html")
assessed("2023-01-14", "day", "soyuz-ms-22-emergency-only", "Soyuz MS-22", "emergency_only",
         "Coolant lost from the external radiator loop (2022-12-15); in an emergency MS-22 would "
         "carry only the two cosmonauts, Prokopyev and Petelin.", "Roscosmos",
         "https://www.urdupoint.com/en/world/russias-soyuz-ms-23-spacecraft-to-dock-to-is-1625400.html",
         "Dated by the Roscosmos statement of Jan 14 (facts row 34), the first dated source for "
         "the two-person limit; the Jan 11 rulings imply it but do not state it.", max_crew=2)
noted("2023-01-17", "day", "rubio-seat-liner-removal-began", "Soyuz MS-22",
      "Mann and Cassada began removing Rubio's seat liner from Soyuz MS-22; a load stack went "
      "into his Soyuz seat for balance.",
      "https://pledgetimes.com/they-adapt-a-seat-to-the-iss-dragon-ship-as-a-life-preserver/"
      " https://driveteslacanada.ca/spacex/iss-reconfigures-the-spacex-crew-dragon-to-carry-five-people/",
      "CONFLICT (minor): space.com said work would start Jan 18 (https://www.space.com/nasa-equipping-spacex-dragon-iss-lifeboat).")
assigned("2023-01-18", "day", "rubio-assigned-to-crew-5", "Crew-5", [RUBIO],
         "https://kosmosnews.fr/2023/01/18/le-siege-de-frank-rubio-a-ete-provisoirement-transfere-de-soyouz-ms-22-a-crew-dragon/"
         " https://www.eco-r.eu/2023/01/seat-of-nasa-astronaut-moved-from-souyz.html"
         " https://sputniknews.com/20230118/seat-of-nasa-astronaut-moved-from-souyz-ms-22-spacecraft-to-crew-dragon-1106461647.html"
         " https://pledgetimes.com/they-adapt-a-seat-to-the-iss-dragon-ship-as-a-life-preserver/"
         " https://www.leonarddavid.com/seating-arrangements-soyuz-lifeboat/",
         "Seat liner moved from Soyuz MS-22 into Crew-5 Endurance (Roscosmos: Jan 18; NASA: "
         "removal began Jan 17, installation continued Jan 18).")
undocked("2023-02-07T04:00Z", "day", "Progress MS-20", [],
         "https://lenta.ru/news/2023/02/07/ms20/amp https://tass.com/science/1561563"
         " https://spaceref.com/space-stations/departing-cargo-droid-progress-81/"
         " https://www.devdiscourse.com/article/science-environment/2345715-watch-russian-cargo-spacecraft-launch-to-the-space-station-this-week",
         "Only the date is known (UNCONFIRMED clock time): 'morning of Feb 7' Moscow, NASA "
         "'Monday night' (Feb 6 EST); 04:00Z is a placeholder before the 08:04Z planned burn. "
         "Frees Zvezda aft for Progress MS-22.")
deorbited("2023-02-07T08:04Z", "minute", "Progress MS-20",
          "https://socialbites.ca/news/progress-ms-20-deorbit-and-iss-operations-overview"
          " https://www.tellerreport.com/tech/2023-02-07-cargo-ship-%22progress-ms-20%22-flooded-in-the-pacific-ocean.SyQPx_51pi.html",
          "UNCONFIRMED: planned burn (about 11:04 MSK), secondary source; Roscosmos confirmed the "
          "deorbit that day.")
launched("2023-02-09T06:15:36Z", "second", "Progress MS-22", [],
         f"{RSW}progress-ms-22.html"
         " https://www.devdiscourse.com/article/science-environment/2345715-watch-russian-cargo-spacecraft-launch-to-the-space-station-this-week",
         "RSW 09:15:36.381 MSK.")
docked("2023-02-11T08:45Z", "minute", "Progress MS-22", "Zvezda aft",
       "https://orbiterchspacenews.blogspot.com/2023/02/progress-resupply-mission-docks-to.html"
       f" {RSW}progress-ms-22.html",
       "RSW 11:45 MSK (plan 11:47:30).")
leak("2023-02-11T09:40Z", "hour", "progress-ms-21-coolant-leak", "Progress MS-21", "major",
     "https://www.spaceintel101.com/post/russian-cargo-ship-docked-at-iss-leaks-the-agency-delays-the-soyuz-ms-23-launch"
     " https://universemagazine.com/en/progress-ms-21-lost-the-entire-coolant/"
     " https://spaceref.com/space-stations/space-station-progress-82-cargo-ship-experiences-coolant-loss/"
     " https://sputniknews.com/20230211/hull-of-russias-progress-ms-21-cargo-spacecraft-depressurized-roscosmos-says-1107341989.html"
     " https://sputniknews.com/20230211/nasa-specialists-assisting-roscosmos-to-identify-cause-of-coolant-leak-in-progress-ms-21-1107346851.html"
     " https://www.urdupoint.com/en/world/coolant-leak-occurs-on-progress-ms-21-similar-1641296.html"
     " https://eu-west-3.democraticunderground.com/122883322",
     "External thermal-control (SOTR) loop depressurized, all coolant lost; Krikalev: similar to "
     "MS-22. Crew informed, not in danger; hatch closed afterwards. UNCONFIRMED clock time: "
     "'after 09:40 UTC' (one source citing Russian sources); Houston: 'this morning'. CONFLICT: "
     "~09:15 UTC ('half an hour after' MS-22 docked: universemagazine, https://mezha.media/en/2023/02/13/the-russians-have-a-spaceship-leaking-again-this-time-it-s-progress-ms-21/amp).")
noted("2023-02-13", "day", "soyuz-ms-23-launch-postponed", "Soyuz MS-23",
      "Borisov: uncrewed Soyuz MS-23 launch postponed to no later than the first ten days of "
      "March, pending the Progress MS-21 investigation.",
      "https://tass.com/science/1575777/amp"
      " https://ngstage.aviationweek.com/space/roscosmos-delays-soyuz-ms-23-launch-until-early-march")
undocked("2023-02-18T02:26Z", "minute", "Progress MS-21", [],
         "https://blogs.nasa.gov/spacestation/2023/02/page/2"
         f" {SPO}news/progress-ms-21-departs-iss-as-russia-sets-launch-date-for-soyuz-ms-23/"
         " https://news.livedoor.com/topics/detail/23751638",
         "Prokopyev and Petelin commanded a rotation for inspection; the planned 11:02 p.m. EST "
         "burn was cancelled to study imagery; no visible damage found.")
decided("2023-02-18", "day", "progress-ms-21-deorbit-chosen", "Progress MS-21",
        "Deorbit Progress MS-21 (redocking it to Prichal was weighed and rejected).",
        "Roscosmos state commission",
        "https://forum.nasaspaceflight.com/index.php?topic=55095.100"
        f" {SPO}news/progress-ms-21-departs-iss-as-russia-sets-launch-date-for-soyuz-ms-23/"
        " https://socialbites.ca/news/progress-ms-21-mission-update-and-iss-proceedings",
        kind="ruling")
decided("2023-02-18", "day", "soyuz-ms-23-launch-recommended", "Soyuz MS-22",
        "Replacement Soyuz MS-23 to launch Feb 24 MSK (Feb 23 EST) after its radiator is "
        "rechecked.", "Roscosmos",
        f"{SPO}news/progress-ms-21-departs-iss-as-russia-sets-launch-date-for-soyuz-ms-23/"
        " https://socialbites.ca/news/progress-ms-21-mission-update-and-iss-proceedings",
        "Recorded on Soyuz MS-22: MS-23 had not launched yet.", kind="ruling")
deorbited("2023-02-19T03:15Z", "minute", "Progress MS-21",
          "https://blogs.nasa.gov/spacestation/2023/02/page/2"
          " https://news.livedoor.com/topics/detail/23751638"
          f" {SPO}news/progress-ms-21-departs-iss-as-russia-sets-launch-date-for-soyuz-ms-23/",
          "Reentry over the Pacific expected ~42 min later.")
decided("2023-02-23", "day", "soyuz-ms-23-launch-approved", "Soyuz MS-22",
        "Launch of replacement Soyuz MS-23 approved.", "Roscosmos state commission",
        "https://www.weeklyblitz.net/news/the-return-of-the-soyuz-ms-22-crew-was-scheduled-for-the-end-of-september/",
        "Recorded on Soyuz MS-22: MS-23 had not launched yet.", kind="ruling")
launched("2023-02-24T00:24Z", "minute", "Soyuz MS-23", [],
         "https://en.wikipedia.org/wiki/Soyuz_MS-23 https://tass.com/science/1581033"
         " https://www.thehamdenjournal.com/science/russian-replacement-soyuz-spacecraft-docks-to-the-space-station/538708/",
         "Uncrewed, 03:24 MSK; ~429 kg cargo; return crew Prokopyev, Petelin, Rubio.")
decided("2023-02-24", "day", "soyuz-ms-23-landing-set-2023-09-27", "Soyuz MS-23",
        "Soyuz MS-23 to land Sep 27 (215 days in space) and move from Poisk to Prichal on Apr 6; "
        "the crew's stay becomes about one year.", "Russian Mission Control Center",
        "https://tass.com/science/1581033"
        " https://www.weeklyblitz.net/news/the-return-of-the-soyuz-ms-22-crew-was-scheduled-for-the-end-of-september/",
        kind="ruling")
docked("2023-02-26T00:58Z", "minute", "Soyuz MS-23", "Poisk zenith",
       "https://www.thehamdenjournal.com/science/russian-replacement-soyuz-spacecraft-docks-to-the-space-station/538708/"
       " http://spacefacts.de/mission/german/soyuz-ms-23.htm"
       " https://astrophilatelist.com/news/russian_soyuz_ms_23_uncrewed_spacecraft_docked_to_the_iss/2024-04-07-2194",
       "Spacefacts 00:58:00 UTC (plan 04:01 MSK). CONFLICT (minor): one report gives 01:01 GMT "
       "'as scheduled', probably the plan (https://whatsnextmagazine.net/russian-soyuz-ms-23-unmanned-spacecraft-docks-seamlessly-with-the-iss/).")
noted("2023-02-27T06:45Z", "day", "crew-6-launch-scrubbed", "Crew-6",
      "Crew-6 launch attempt (1:45 a.m. EST) scrubbed for a TEA-TEB ignition-system issue.",
      "https://www.nasaspaceflight.com/2023/03/crew-6-launch/"
      " https://nasa-img-viewer.pages.dev/?q=Crew-6+Preflight",
      "Only the date is known; placed at the target launch time.")
launched("2023-03-02T05:34Z", "minute", "Crew-6", CREW6,
         "https://www.nasaspaceflight.com/2023/03/crew-6-launch/"
         " https://pragativadi.com/nasas-spacex-crew-6-launched-into-space/",
         "Bowen commander, Warren 'Woody' Hoburg pilot.")
assigned("2023-03-02", "day", "prokopyev-petelin-assigned-to-soyuz-ms-23", "Soyuz MS-23",
         [PROKOPYEV, PETELIN], AIF,
         "Seat liners moving from Soyuz MS-22 into MS-23 on 2 March (AiF citing Roscosmos "
         "Telegram). UNCONFIRMED: one secondary source.")
docked("2023-03-03T06:40Z", "minute", "Crew-6", "Harmony zenith",
       "https://www.spaceintel101.com/post/crew-6-mission-arrives-at-the-space-station"
       " https://spacetech108.blogspot.com/2023/03/spacex-crew-6-mission-docks-to-stations.html"
       " https://www.friendsofnasa.org/2023/03/nasas-spacex-crew-6-dragon-endeavour.html",
       "Held ~20 m out for a software override of a faulty docking-hook sensor.")
assigned("2023-03-06", "day", "rubio-assigned-to-soyuz-ms-23", "Soyuz MS-23", [RUBIO],
         f"{AIF}"
         " https://minhodiario.com/spacex-dragon-endurance-mit-crew-5-legt-von-der-raumstation-ab/"
         " https://www.spacevoyaging.com/news/2023/04/05/sojuz-ms-23-is-being-prepared-for-relocation-to-iss/",
         "Only the date is known, and only as the plan: placed at the planned day, 2023-03-06 "
         "12:00Z. BOUNDS: actual between 2023-03-02 (still in Dragon) and 2023-03-11T05:29Z "
         "(Endurance's hatch closed); 'day' is the coarsest precision the log has, so the "
         "window (9 days) is wider than the precision says. UNCONFIRMED: Rubio's liner planned "
         "to move from Crew-5 Endurance into Soyuz MS-23 on 6 March (AiF citing Roscosmos, 2 "
         "March); actual date not found. Completion first reported 2023-03-24 "
         "("
         "https://www.urdupoint.com/en/technology/soyuz-ms-24-spacecraft-with-russian-us-crew-o-1665258.html"
         "); "
         "by 5 April all three liners were in MS-23.",
         bounds=("2023-03-02T00:00:00Z", "2023-03-11T05:29:00Z"))
undocked("2023-03-11T07:20Z", "minute", "Crew-5", CREW5,
         "https://scitechdaily.com/splashdown-NASA-spacex-crew-5-safely-returns-to-earth/"
         " https://en.wikipedia.org/wiki/SpaceX_Crew-5"
         " https://minhodiario.com/spacex-dragon-endurance-mit-crew-5-legt-von-der-raumstation-ab/",
         "Hatch closed 05:29 UTC. CONFLICT (minor): a German Wikipedia copy gives 07:19 UTC "
         "(https://askwikinow.com/view_html.php?lang=de&q=SpaceX_Crew-5&sq=Google).")
landed("2023-03-12T02:02Z", "minute", "Crew-5", "Gulf of Mexico off Tampa",
       "https://scitechdaily.com/splashdown-NASA-spacex-crew-5-safely-returns-to-earth/"
       " https://www.seradata.com/spacex-crew-dragon-endurance-returns/",
       "Splashdown; 157 days; recovery ship Shannon.")
launched("2023-03-15T00:30Z", "minute", "CRS-27", [],
         "https://www.space.com/spacex-go-crs-27-launch-international-space-station"
         " https://www.americaspace.com/2023/04/15/crs-27-cargo-dragon-departs-space-station-heads-home/",
         "Third flight of C209.")
noted("2023-03-15", "day", "soyuz-ms-22-emergency-return-test", "Soyuz MS-22",
      "Prokopyev, Petelin, Fedyaev sat in Soyuz MS-22 (hatch closed, not latched) for 3 h 45 min "
      "to measure thermal and humidity conditions of an emergency return.",
      "https://ngstage.aviationweek.com/space/spacex-dragon-cargo-mission-docks-space-station"
      " https://tass.com/science/1588829/amp",
      "TASS announced the tests the same day (reported-dates row 56), which lifts the earlier "
      "single-source flag.")
docked("2023-03-16T11:31Z", "minute", "CRS-27", "Harmony forward",
       "https://ngstage.aviationweek.com/space/spacex-dragon-cargo-mission-docks-space-station"
       " https://english.tachyonbeam.com/2023/03/16/"
       " https://www.spacedaily.com/reports/SpaceX_launches_Cargo_Dragon_carrying_supplies_and_experiments_to_ISS_999.html",
       "~20 min ahead of the 7:52 a.m. EDT plan; monitored by Hoburg.")
decided("2023-03-24", "day", "soyuz-ms-22-uncrewed-return-approved", "Soyuz MS-22",
        "Uncrewed return of Soyuz MS-22 on Mar 28 approved (plan: undock 12:57 MSK, land 14:45 "
        "MSK).", "Roscosmos state commission",
        "https://tass.com/science/1594171 https://interfax.com/newsroom/top-stories/89009/",
        kind="ruling")
decided("2023-03-24", "day", "soyuz-ms-24-launch-date-set", "Soyuz MS-23",
        "Soyuz MS-24 to launch Sep 15; Soyuz MS-23 to land Sep 27.", "Roscosmos",
        "https://tass.com/science/1594171"
        f" {SPO}events/soyuz-ms-24-launch-sept-15-2023-kazakhstan/",
        "Recorded on Soyuz MS-23, which MS-24 relieves: MS-24 had not launched yet.", kind="ruling")
undocked("2023-03-28T09:57Z", "minute", "Soyuz MS-22", [],
         "https://scitechdaily.com/leaky-soyuz-spaceship-departs-space-station-and-lands-in-kazakhstan/"
         f" {SEL}damaged-soyuz-ms-22-returns-uncrewed",
         "Uncrewed; ~218 kg return cargo; Expedition 69 begins.")
landed("2023-03-28T11:46Z", "minute", "Soyuz MS-22", "SE of Zhezkazgan (Interfax: 147 km)",
       "https://scitechdaily.com/leaky-soyuz-spaceship-departs-space-station-and-lands-in-kazakhstan/"
       " https://interfax.com/newsroom/top-stories/89093/"
       f" {SEL}damaged-soyuz-ms-22-returns-uncrewed",
       "Uncrewed; NASA 7:46 a.m. EDT. CONFLICT: Interfax 14:45 MSK (11:45 UTC); Seradata 11:42.")
decided("2023-03-29", "day", "soyuz-ms-23-return-date-confirmed", "Soyuz MS-23",
        "Sep 27 return date for Soyuz MS-23 confirmed.", "NASA ISS manager Montalbano",
        f"{SPO}events/soyuz-ms-23-return-to-earth-sept-27-2023-kazakhstan/", kind="ruling")
relocated("2023-04-06T09:22Z", "minute", "Soyuz MS-23", "Prichal nadir",
          "https://tass.com/science/1600379 https://cerebral-overload.com/?p=88020"
          " https://www.thehamdenjournal.com/science/astronaut-and-cosmonauts-fly-soyuz-crew-ship-to-new-docking-port-on-space-station/593768/"
          " https://www.upi.com/Science_News/2023/04/06/Soyuz-23-moved-International-Space-Station/9281680784056/",
          "Undocked from Poisk zenith 08:45 UTC (TASS; NASA plan 4:45 a.m. EDT); redocked 5:22 "
          "a.m. EDT (plan 5:23). Prokopyev flying manually, Petelin and Rubio aboard. Frees the "
          "Poisk airlock for EVAs and Progress 84; 26th ISS relocation.")
undocked("2023-04-15T15:05Z", "minute", "CRS-27", [],
         "https://www.americaspace.com/2023/04/15/crs-27-cargo-dragon-departs-space-station-heads-home/"
         " https://thepacket.ca/the-spacex-dragon-cargo-ship-takes-off-from-the-space-station-to-return-to-earth",
         "~4,300 lb return.")
landed("2023-04-15T20:58Z", "minute", "CRS-27", "off Tampa",
       "http://qiche0769.net/news/splashdown-spacex-cargo-dragon-returns-science-experiments-to-earth-for-nasa.html"
       " https://clickorlando.com/news/space-news/2023/04/15/spacex-cargo-capsule-undocks-from-international-space-station",
       "Splashdown (NASA 4:58 p.m. EDT); SpaceX posted confirmation at 4:59 p.m.")
undocked("2023-04-21T11:22Z", "minute", "Cygnus NG-18", [], NG18_OUT,
         "Released from Canadarm2 SW of Ireland; the arm had unberthed it from Unity nadir.")
deorbited("2023-04-21T22:00Z", "day", "Cygnus NG-18", NG18_OUT,
          "Only the date is known: deorbit firing 'that evening' (time not found); 22:00Z is a "
          "placeholder after the 11:22Z release, on the same UTC date.")
noted("2023-05-03T20:00Z", "hour", "russian-eva-2023-05-03-airlock-move", ISS,
      "Russian spacewalk of 3-4 May (began ~20:00 UTC): the experiment airlock moved from Rassvet "
      "to Nauka with the ERA arm.",
      "https://tass.com/science/1613259/amp"
      " https://raumfahrtkalender.de/raumfahrtchronik/ereignis/2023/mai/2023_021",
      "UNCONFIRMED: the 'forward' label for Nauka's airlock port is from one low-quality mirror.")
relocated("2023-05-06T12:01Z", "minute", "Crew-6", "Harmony forward",
          "https://space.com/spacex-dragon-capsule-move-space-station-may-2023"
          " https://www.keneci.com/science/spacex-dragon-endeavor-relocates-to-new-port-on-the-space-station"
          " https://scitechdaily.com/spacex-dragon-crew-ship-completes-relocation-on-international-space-station/",
          "Undocked from Harmony zenith 11:10 UTC with Bowen, Hoburg, AlNeyadi, Fedyaev aboard. "
          "Opens zenith for CRS-28 (Canadarm2 reach to its iROSA trunk cargo); 27th relocation.")
launched("2023-05-21T21:37Z", "minute", "Ax-2", AX2,
         f"{AX2_SRC} https://raumfahrtkalender.de/raumfahrtchronik/ereignis/2023/mai/2023-070",
         "Private Axiom mission in Dragon Freedom, Whitson commander, Shoffner pilot; stay "
         "shortened by two days after a launch delay.")
docked("2023-05-22T13:12Z", "minute", "Ax-2", "Harmony zenith",
       f"{AX2_SRC}"
       " https://scitechdaily.com/four-axiom-mission-2-private-astronauts-arrive-at-international-space-station/",
       "IDA-3; hatch ~15:00 UTC.")
launched("2023-05-24T12:56:07Z", "second", "Progress MS-23", [],
         f"https://novosti-kosmonavtiki.ru/news/200440/ {RSW}progress-ms-23.html",
         "15:56:07.463 MSK.")
docked("2023-05-24T16:19Z", "minute", "Progress MS-23", "Poisk zenith",
       f"{DR}1019640-resupply-cargo-craft-docks-to-station"
       " https://www.spaceflightinsider.com/missions/iss/progress-ms-23-freighter-docks-with-international-space-station/",
       "Two-orbit profile; ~2.49 t cargo.")
undocked("2023-05-30T15:05Z", "minute", "Ax-2", AX2,
         f"{AX2_SRC} {DR}1020743-ax-2-astronauts-ending-station-mission-live-on-nasa-tv",
         "NASA's planned time (11:05 a.m. EDT).")
landed("2023-05-31T03:04Z", "minute", "Ax-2", "Gulf of Mexico off Panama City", AX2_SRC,
       "Splashdown after a 12 min 20 s deorbit burn.")
noted("2023-06-04T15:00Z", "day", "crs-28-launch-delayed-weather", "CRS-28",
      "CRS-28 Jun 4 attempt not flown for weather; launched the next day.",
      "https://db0nus869y26v.cloudfront.net/en/SpaceX_CRS-28"
      " https://www.der-orion.com/aktuell/newsflash/2273-spacex-cargo-dragon-208-versorgt-die-iss?tmpl=component&print=1&layout=default&page=",
      "Only the date is known; placed at its first report (Florida Today, 11 a.m. EDT: SpaceX "
      "confirmed the scrub), 1 h 12 min before the planned 16:12:41Z launch time.")
launched("2023-06-05T15:47Z", "minute", "CRS-28", [],
         "https://spaceref.com/space-stations/spacex-cargo-dragon-launched-to-the-international-space-station/"
         " https://space.com/spacex-crs-28-cargo-mission-june-2023",
         "Fourth flight of C208; carries the third pair of iROSAs.")
docked("2023-06-06T09:54Z", "minute", "CRS-28", "Harmony zenith",
       "https://db0nus869y26v.cloudfront.net/en/SpaceX_CRS-28"
       " https://blogs.nasa.gov/crs-28/tag/irosas",
       "Monitored by Hoburg, Rubio. UNCONFIRMED minute: 09:54 from one Wikipedia copy; NASA "
       "planned ~09:50 UTC.")
undocked("2023-06-29T16:30Z", "minute", "CRS-28", [],
         f"{DR}1025959-spacex-dragon-cargo-spacecraft-departs-from-station"
         " https://wikimili.com/en/SpaceX_CRS-28")
landed("2023-06-30T14:30Z", "minute", "CRS-28", "Atlantic off Florida",
       "https://wikimili.com/en/SpaceX_CRS-28",
       "Splashdown, recovery ship MV Shannon; not broadcast. UNCONFIRMED: single Wikipedia copy.")
launched("2023-08-02T00:31Z", "minute", "Cygnus NG-19", [],
         f"{DR}1031895-nasa-astronauts-capture-cygnus-cargo-craft-with-robotic-arm"
         " https://citylife.capetown/science/final-antares-flight-successfully-launches-space-station-resupply-mission/316202/",
         "Wallops; last Antares 200-series; both arrays deployed.")
docked("2023-08-04T12:30Z", "minute", "Cygnus NG-19", "Unity nadir",
       "https://citylife.capetown/science/cygnus-space-freighter-arrives-at-space-station-with-8200-pounds-of-cargo-aboard/319919/"
       f" {DR}1031895-nasa-astronauts-capture-cygnus-cargo-craft-with-robotic-arm"
       " https://spacescout.info/2023/08/ng-19-arrives-at-iss",
       "Berthing confirmed (ground-commanded). Capture by Canadarm2 09:52 UTC (Hoburg prime, "
       "Rubio backup). CONFLICT (minor): another NASA-text copy gives capture at 5:55 a.m. EDT "
       f"({DR}1032038-robotic-arm-installing-cygnus-live-on-nasa-tv).")
undocked("2023-08-20T23:50Z", "minute", "Progress MS-22", [],
         f"{DR}1034834-roscosmos-cargo-craft-departs-station https://tass.com/science/1662797",
         "TASS 02:50 MSK Aug 21.")
deorbited("2023-08-21T02:58Z", "minute", "Progress MS-22",
          "https://tass.com/science/1662771 https://tass.com/science/1662797",
          "UNCONFIRMED: planned burn (05:58 MSK), actual not found; Roscosmos confirmed the "
          "deorbit that day over the South Pacific.")
launched("2023-08-23T01:08:10Z", "second", "Progress MS-24", [],
         "https://www.russianspaceweb.com/progress-ms-24.html"
         f" {DR}1035250-progress-cargo-craft-successfully-launches-to-station",
         "RSW 04:08:10.412 MSK.")
docked("2023-08-25T03:45Z", "minute", "Progress MS-24", "Zvezda aft",
       f"{DR}1035433-progress-cargo-craft-docks-to-station-replenishing-crew"
       " https://www.russianspaceweb.com/progress-ms-24.html", "RSW 06:45 MSK.")
noted("2023-08-25T03:00Z", "day", "crew-7-launch-slipped-one-day", "Crew-7",
      "Crew-7 launch moved back a day (to Aug 26) to assess ECLSS valves, after similar valves "
      "corroded on the June 2023 uncrewed cargo Dragon.",
      "https://ngtest.aviationweek.com/defense-space/space/nasas-multinational-crew-launches-space-station",
      "Only the date is known: decided at the Aug 24 (EDT) mission management meeting and "
      "announced that night, before the planned 07:50Z Aug 25 launch (reported-dates row 86: "
      "https://www.upi.com/Science_News/2023/08/25/crew7-astronauts-launch-postponed/8281692892355/"
      "); "
      "03:00Z Aug 25 (11 p.m. EDT Aug 24) is a placeholder.")
launched("2023-08-26T07:27Z", "minute", "Crew-7", CREW7,
         "http://819391.elmit.asia/news/news-082623a-spacex-crew-7-endurance-launch.html"
         " https://ngtest.aviationweek.com/defense-space/space/nasas-multinational-crew-launches-space-station",
         "Moghbeli commander, Mogensen pilot; third flight of Endurance.")
docked("2023-08-27T13:16Z", "minute", "Crew-7", "Harmony zenith",
       "http://819391.elmit.asia/news/news-082623a-spacex-crew-7-endurance-launch.html"
       " https://usatimes.newsx.agency/triumphant-launch-of-international-crew-ushers-in-new-era-of-space-collaboration-for-scientific-exploration/"
       " https://spaceref.com/space-stations/endurance-arrives-at-the-international-space-station/",
       "Plan was 8:39 a.m. EDT; hatch 10:58 a.m. EDT.")
noted("2023-09-01", "day", "crew-6-departure-stood-down", "Crew-6",
      "Crew-6 Sep 2 departure stood down for weather near the splashdown sites (Hurricane Idalia "
      "aftermath).", "https://scitechdaily.com/nasas-spacex-crew-6-departure-from-space-station-delayed/"
      " https://mynews13.com/fl/orlando/space/2023/09/01/nasa-crew-6-splashdown",
      "Dated by the announcement (NASA update on Friday morning, Sep 1; reported-dates row 90), "
      "not by the waived Sep 2 opportunity.")
undocked("2023-09-03T11:05Z", "minute", "Crew-6", CREW6,
         "https://scitechdaily.com/splashdown-nasas-spacex-crew-6-returns-safely-to-earth/"
         " https://mixedtimes.com/news/spacexs-crew-6-dragon-undocks-from-space-station-heads-for-splashdown",
         "From Harmony forward.")
landed("2023-09-04T04:17Z", "minute", "Crew-6", "Atlantic off Jacksonville",
       "https://scitechdaily.com/splashdown-nasas-spacex-crew-6-returns-safely-to-earth/"
       " https://www.upi.com/Science_News/2023/09/04/Crew-6-returns-Earth/7361693800040/",
       "Splashdown (deorbit burn planned 11:24 p.m. EDT Sep 3); 186 days.")
launched("2023-09-15T15:44Z", "minute", "Soyuz MS-24", MS24,
         "http://www.collectspace.com/news/news-091523a-soyuz-ms-24-launch-space-station.html"
         " https://interfax.com/newsroom/top-stories/94622/",
         "18:44 MSK; Kononenko commander; two-orbit profile.")
docked("2023-09-15T18:53Z", "minute", "Soyuz MS-24", "Rassvet nadir",
       "http://www.collectspace.com/news/news-091523a-soyuz-ms-24-launch-space-station.html"
       " https://www.memesita.com/launch-and-docking-of-soyuz-ms-24/"
       " https://m.aviationweek.com/defense-space/space/nasa-russian-trio-launch-dock-space-station",
       "Plan was 2:56 p.m. EDT; hatches 21:16 UTC.")
undocked("2023-09-27T07:55Z", "minute", "Soyuz MS-23", MS22,
         "https://sputnikglobe.com/20230927/russian-cosmonauts-prokopyev-petelin-nasa-astronaut-rubio-land-in-kazakhstan---broadcast-1113738781.html"
         f" {SPO}events/soyuz-ms-23-return-to-earth-sept-27-2023-kazakhstan/"
         " https://tass.com/science/1681035",
         "From Prichal nadir at NASA's planned time (3:55 a.m. EDT); Expedition 70 begins.")
landed("2023-09-27T11:17Z", "minute", "Soyuz MS-23", "148 km SE of Zhezkazgan",
       "https://en.wikipedia.org/wiki/Soyuz_MS-23"
       " https://en.inform.kz/news/soyuz-ms-23-capsule-lands-in-kazakhstan-0cd46e/"
       f" {SPO}events/soyuz-ms-23-return-to-earth-sept-27-2023-kazakhstan/",
       "14:17 MSK; 371 days in space (longest ISS-program flight; US single-flight record for "
       "Rubio).")
leak("2023-10-09T17:00Z", "hour", "nauka-backup-radiator-coolant-leak", ISS, "minor",
     "https://www.spaceflightinsider.com/missions/iss/coolant-leak-detected-on-russias-nauka-science-module/"
     f" {SPO}news/russian-space-station-module-springs-a-coolant-leak/"
     " https://gna.org.gh/2023/10/russian-module-on-international-space-station-suffers-coolant-leak/",
     "Houston saw flakes around 1 p.m. EDT; Moghbeli confirmed from the Cupola, Mogensen took "
     "photos. Severity minor: Roscosmos said it is the external backup (RTOd) radiator circuit, "
     "the main loop works normally and the crew is not in danger (US-segment window shutters "
     "closed). The radiator was moved to Nauka by spacewalks in April 2023. CONFLICT (minor): "
     "radiator delivered in 2010 per some reports, 2012 per Roscosmos.", module="Nauka")
noted("2023-10-25T17:55Z", "minute", "russian-eva-vkd-61", ISS,
      "EVA VKD-61 by Kononenko and Chub from Poisk, incl. an inspection of the leaking Nauka "
      "radiator.",
      "https://www.spacevoyaging.com/news/2023/10/28/russian-cosmonauts-found-the-causes-of-coolant-leak-from-nauka/",
      "UNCONFIRMED: single source (which mislabels the Feb 2023 Progress leak as MS-22).")
# ---- plans (../shared/facts/iss-2022-2023-reported.md, Table 2; P-numbers in the notes) -----
# Only plans for a vehicle activity with a dated announcement are recorded: P3-P6, P8-P10,
# P12, P22, P25, P27, P30, P32, P34, P43, P44 are not (reasons in each row of the report).
REPLACEMENT = {"kind": "replacement_required", "subject": "Soyuz MS-22"}
plan("2022-01-04", "Progress MS-19", "launch", "2022-02-15", "day",
     "https://www.agenzianova.com/a/61d413cec43bd2.15362870/3739224/2022-01-04/russia-roscosmos-mosca-inviera-tre-navicelle-cargo-progress-verso-stazione-spaziale-internazionale-in-2022",
     "P41: Roscosmos's 2022 Progress schedule.")
plan("2022-01-04", "Progress MS-20", "launch", "2022-06-03", "day",
     "https://www.agenzianova.com/a/61d413cec43bd2.15362870/3739224/2022-01-04/russia-roscosmos-mosca-inviera-tre-navicelle-cargo-progress-verso-stazione-spaziale-internazionale-in-2022",
     "P41: Roscosmos's 2022 Progress schedule.")
plan("2022-01-04", "Progress MS-21", "launch", "2022-10-26", "day",
     "https://www.agenzianova.com/a/61d413cec43bd2.15362870/3739224/2022-01-04/russia-roscosmos-mosca-inviera-tre-navicelle-cargo-progress-verso-stazione-spaziale-internazionale-in-2022",
     "P41: Roscosmos's 2022 Progress schedule.")
plan("2022-10-12", "Crew-4", "undock", "2022-10-13T14:05Z", "minute",
     f"{DR}978952-nasa%E2%80%99s-spacex-crew-4-space-station-departure-delayed-for-weather",
     "P31: Oct 12 opportunity waived for weather, new target 10:05 a.m. EDT Oct 13. The Oct 12 "
     "target's own announcement date was not seen, so it is not recorded.",
     station=ISS, port="Harmony zenith", crew=CREW4)
plan("2022-10-13", "Crew-4", "undock", "2022-10-14T15:35Z", "minute",
     "https://www.aerotechnews.com/blog/2022/10/13/weather-delays-spacex-crew-4-undocking-from-iss/",
     "P31: Oct 13 waived, new target 11:35 a.m. EDT Oct 14 (flown 30 min later).",
     station=ISS, port="Harmony zenith", crew=CREW4)
plan("2022-11-18", "CRS-26", "launch", "2022-11-22T20:54Z", "minute",
     "https://blogs.nasa.gov/spacex-crs-26/2022/11/18/nasa-spacex-target-new-launch-date-for-next-commercial-cargo-mission/",
     "P33: 3:54 p.m. EST Nov 22, backup Nov 26; docking then planned at Harmony forward (it "
     "docked at zenith: Crew-5 held forward).")
plan("2022-11-22T20:54Z", "CRS-26", "launch", "2022-11-26T19:20Z", "minute",
     "https://www.devdiscourse.com/article/science-environment/2261959-nasa-scrubs-spacex-crs-26-cargo-launch-to-space-station-next-attempt-set-for-nov-26",
     "P33: set at the Nov 22 weather scrub (placed at the scrub, 20:54Z); first dated report "
     "03:13Z Nov 23.", reported="2022-11-23T03:13Z")
plan("2022-12-17", "Soyuz MS-23", "launch", "2023-03-16", "day",
     "https://tass.com/science/1552031"
     " https://it.topwar.ru/208477-roskosmos-prinjal-okonchatelnoe-reshenie-po-spusku-na-zemlju-povrezhdennogo-korablja-sojuz-ms-22.html",
     "P2: the standing plan, crewed. Its announcement date is unknown: recorded at the earliest "
     "dated mention (TASS, 17 Dec 2022), which gives only 'March 2023'; the day, Mar 16, is from "
     "Roscosmos's Jan 11 statement ('instead of crewed Mar 16').", crew=MS24)
plan("2022-12-20", "Soyuz MS-22", "land", "2023-03-28", "day",
     "https://interfax.com/newsroom/top-stories/86300/ http://www.russianspaceweb.com/soyuz-ms-22.html",
     "P1: the standing plan (188-day mission). Its announcement date is unknown: recorded at the "
     "earliest dated mention (Interfax, 20 Dec 2022). CONFLICT: mezha.media (2022-12-15) gives "
     "March 18.", crew=MS22)
plan("2023-01-07", "CRS-26", "undock", "2023-01-09T22:05Z", "minute",
     "https://www.devdiscourse.com/article/science-environment/2311364-spacex-dragon-cargo-craft-to-depart-space-station-on-jan-9-watch-live",
     "P35: 5:05 p.m. EST Jan 9.", station=ISS, port="Harmony zenith")
plan("2023-01-07", "CRS-26", "land", "2023-01-11", "day",
     "https://www.devdiscourse.com/article/science-environment/2311364-spacex-dragon-cargo-craft-to-depart-space-station-on-jan-9-watch-live",
     "P35: splashdown Jan 11.")
plan("2023-01-11T14:00Z", "Soyuz MS-23", "launch", "2023-02-20", "day",
     "https://www.urdupoint.com/en/world/soyuz-ms-23-spacecraft-to-be-sent-to-iss-via-1623450.html"
     " https://www.albanyherald.com/news/roscosmos-will-send-replacement-soyuz-spacecraft-to-return-crew-to-earth/article_9400d414-0d13-55c9-a75a-a8f107c31d9c.html"
     " https://interfax.com/newsroom/top-stories/86823/",
     "P7: the replacement decision: MS-23 flies uncrewed, with cargo, on Feb 20 (Feb 19, 8:57 "
     "p.m. EST), superseding the crewed Mar 16 plan. Placed at the NASA telecon (9 a.m. EST).",
     answers=REPLACEMENT)
LOG.cancelled("2023-01-11T14:00:02Z", "plan-cancelled-soyuz-ms-22-land-2023-01-11",
              "Soyuz MS-22", "land",
              "MS-22 returns uncrewed, 1-2 weeks after MS-23 arrives (no date given); its crew "
              "returns in Soyuz MS-23.",
              "https://www.urdupoint.com/en/world/soyuz-ms-23-spacecraft-to-be-sent-to-iss-via-1623450.html"
              " https://www.albanyherald.com/news/roscosmos-will-send-replacement-soyuz-spacecraft-to-return-crew-to-earth/article_9400d414-0d13-55c9-a75a-a8f107c31d9c.html",
              "P7 withdraws P1 (the crewed Mar 28 landing); the uncrewed return had no date until "
              "Feb 3 (P15). Placed just after the NASA telecon.", reported="2023-01-11")
plan("2023-01-12", "Progress MS-20", "undock", "2023-02-07", "day", "https://tass.com/science/1561563",
     "P11 (Petelin, TASS correspondent on the ISS).", station=ISS, port="Zvezda aft")
plan("2023-01-12", "Progress MS-22", "launch", "2023-02-09", "day", "https://tass.com/science/1561563",
     "P11: moved Feb 19 -> Feb 9 because MS-23 was moved earlier (the Feb 19 plan's own "
     "announcement was not seen, so it is not recorded).")
plan("2023-01-14", "Soyuz MS-23", "dock", "2023-02-22", "day",
     "https://www.urdupoint.com/en/world/russias-soyuz-ms-23-spacecraft-to-dock-to-is-1625400.html",
     "P13: docking Feb 22 (Feb 21, 9:49 p.m. EST per spacepolicyonline's event page, whose "
     "entry date is not known).", station=ISS)
plan("2023-01-25", "Progress MS-22", "launch", "2023-02-09T06:15Z", "minute",
     "https://www.urdupoint.com/en/world/russia-to-launch-progress-ms-22-cargo-spacecr-1631500.html",
     "P14: 09:15 MSK (flown 06:15:36Z).")
plan("2023-02-03", "Soyuz MS-22", "land", "2023-03-15", "day",
     "https://www.techinfonic.com/2023/02/04/roskosmos-announced-the-timing-of-the-return-to-earth-of-the-damaged-soyuz-ms-22/",
     "P15: uncrewed return 'in March' (RIA Novosti, Feb 3). The plan gave only the month: "
     "planned_for is a mid-month placeholder with 'day', the coarsest precision the log has; "
     "BOUNDS 2023-03-01 to 2023-03-31.")
plan("2023-02-03", "Progress MS-21", "undock", "2023-02-18", "day",
     "https://sarabic.ae/amp/20230203/%D8%B1%D9%88%D8%B3%D9%83%D9%88%D8%B3%D9%85%D9%88%D8%B3-%D8%AA%D8%B9%D9%84%D9%86-%D8%AA%D8%B5%D8%AD%D9%8A%D8%AD-%D9%85%D8%AF%D8%A7%D8%B1-%D9%85%D8%AD%D8%B7%D8%A9-%D8%A7%D9%84%D9%81%D8%B6%D8%A7%D8%A1-%D8%A7%D9%84%D8%AF%D9%88%D9%84%D9%8A%D8%A9-%D9%82%D8%A8%D9%84-%D9%87%D8%A8%D9%88%D8%B7-%D8%B3%D8%A7%D9%8A%D9%88%D8%B2-22-%D8%A5%D9%85-%D8%A5%D8%B3-1073077207.html",
     "P16: Roscosmos: MS-20 and MS-21 undock Feb 7 and Feb 18 (MSK); restated Feb 11.",
     station=ISS, port="Poisk zenith")
plan("2023-02-11", "Progress MS-21", "deorbit", "2023-02-18", "day",
     "https://sputniknews.com/20230211/hull-of-russias-progress-ms-21-cargo-spacecraft-depressurized-roscosmos-says-1107341989.html"
     " https://spaceref.com/space-stations/space-station-progress-82-cargo-ship-experiences-coolant-loss/",
     "P16 restated after the leak: deorbit on Feb 18. UNCONFIRMED wording: the Sputnik copy says "
     "'Progress MS-22' here, MS-21 is meant (reported-dates row 40). The detailed burn time "
     "(04:02Z Feb 18) was published on an unknown date and is not recorded as its own plan.")
LOG.cancelled("2023-02-13", "plan-cancelled-soyuz-ms-23-launch-2023-02-13", "Soyuz MS-23",
              "launch",
              "Postponed from Feb 20 to no later than the first ten days of March, pending the "
              "Progress MS-21 leak investigation and a review of Progress manufacturing.",
              "https://tass.com/science/1575777/amp"
              " https://www.urdupoint.com/en/technology/launch-of-soyuz-ms-23-spacecraft-postponed-un-1642193.html",
              "P17 (Borisov). Only a bound was given ('no later than' early March), so the Feb 20 "
              "plan is withdrawn rather than replaced by a guessed date.")
LOG.cancelled("2023-02-13T12:00:01Z", "plan-cancelled-soyuz-ms-23-dock-2023-02-13",
              "Soyuz MS-23", "dock",
              "The Feb 22 docking followed the Feb 20 launch, which was postponed.",
              "https://tass.com/science/1575777/amp",
              "P17. Inferred: the source postpones the launch; the docking plan of Jan 14 (P13) "
              "cannot stand without it.", reported="2023-02-13")
LOG.cancelled("2023-02-18T03:00Z", "plan-cancelled-progress-ms-21-deorbit-2023-02-18",
              "Progress MS-21", "deorbit",
              "Deorbit burn one orbit after undocking called off; the State Commission to choose "
              "between re-docking at Prichal and deorbit.",
              "https://english.almayadeen.net/news/technology/deorbiting-of-progress-ms-21-spacecraft-postponed:-russian-r"
              " https://oopstop.com/named-two-options-for-the-further-flight-program-progress-ms-21/",
              "P18. 03:00Z is a placeholder after the 02:26Z undocking (the burn was planned for "
              "about 04:02Z).", reported="2023-02-18")
plan("2023-02-18", "Progress MS-21", "deorbit", "2023-02-19T03:15Z", "minute",
     "https://tass.com/science/1578305 https://forum.nasaspaceflight.com/index.php?topic=55095.100",
     "P19: burn 10:15 p.m. EST Feb 18 (Energia main operations group; NASA 'Deorbit Burn Time "
     "Set').")
plan("2023-02-18", "Soyuz MS-23", "launch", "2023-02-24T00:34Z", "minute",
     "https://www.weeklyblitz.net/news/experts-did-not-find-any-damage-on-the-soyuz-ms-23-spacecraft/"
     f" {SPO}events/launch-of-uncrewed-soyuz-ms-23-feb-19-2023-kazakhstan-857-pm-et/",
     "P20: 03:34 MSK Feb 24, after no damage was found on MS-23's radiator or in the MS-21 "
     "imagery (Council of Chief Designers). One secondary page dates this announcement Feb 19.",
     answers=REPLACEMENT)
plan("2023-02-20", "Soyuz MS-23", "launch", "2023-02-24T00:24:27Z", "second",
     "https://tass.com/science/1578905",
     "P21: 03:24:27 MSK, a 10-minute correction of P20, not a slip.", answers=REPLACEMENT)
plan("2023-02-24", "Soyuz MS-23", "dock", "2023-02-26T01:01Z", "minute",
     "https://tass.com/science/1581033",
     "P23: 04:01 MSK Feb 26 at Poisk (flown 00:58Z).", station=ISS, port="Poisk zenith")
plan("2023-02-24", "Soyuz MS-23", "relocate", "2023-04-06", "day", "https://tass.com/science/1581033",
     "P24: Poisk -> Prichal.", station=ISS, port="Prichal nadir", crew=MS22)
plan("2023-02-24", "Soyuz MS-23", "land", "2023-09-27", "day", "https://tass.com/science/1581033",
     "P24 (confirmed by the State Commission on Mar 24, P28).", crew=MS22)
plan("2023-02-27", "Crew-6", "launch", "2023-03-02T05:34Z", "minute",
     f"{SPO}news/crew-6-launch-scrubbed/",
     "P29: 12:34 a.m. EST Mar 2 after the Feb 27 scrub. The earlier Feb 26 and Feb 27 targets' "
     "announcement dates were not seen, so they are not recorded.", crew=CREW6)
plan("2023-03-24", "Soyuz MS-22", "undock", "2023-03-28T09:57Z", "minute",
     "https://tass.com/science/1594171", "P26: 12:57 MSK, uncrewed.", station=ISS,
     port="Rassvet nadir")
plan("2023-03-24", "Soyuz MS-22", "land", "2023-03-28T11:45Z", "minute",
     "https://tass.com/science/1594171", "P26: 14:45 MSK, uncrewed (supersedes P15).")
plan("2023-03-24", "Soyuz MS-24", "launch", "2023-09-15", "day",
     "https://www.urdupoint.com/en/technology/soyuz-ms-24-spacecraft-with-russian-us-crew-o-1665258.html"
     f" {SPO}events/soyuz-ms-24-launch-sept-15-2023-kazakhstan/",
     "P28 (State Commission). The crew's move from spring to autumn (P10, Jan 12) named no "
     "vehicle or date and is not recorded as a plan.", crew=MS24)
plan("2023-03-24", "Progress MS-23", "launch", "2023-05-24", "day",
     "https://www.urdupoint.com/en/technology/soyuz-ms-24-spacecraft-with-russian-us-crew-o-1665258.html",
     "P28/P42.")
plan("2023-03-24", "Progress MS-24", "launch", "2023-08-23", "day",
     "https://www.urdupoint.com/en/technology/soyuz-ms-24-spacecraft-with-russian-us-crew-o-1665258.html",
     "P28.")
plan("2023-06-02", "CRS-28", "launch", "2023-06-03T16:35Z", "minute",
     "https://blogs.nasa.gov/crs-28/2023/06/02/prelaunch-news-teleconference-begins-soon-for-spacexs-28th-cargo-resupply-launch/",
     "P36: 12:35 p.m. EDT Jun 3. The move to Jun 4 (12:12 p.m. EDT) was announced on a date not "
     "seen, so it is not recorded.")
plan("2023-06-04", "CRS-28", "launch", "2023-06-05T15:47Z", "minute",
     "https://www.floridatoday.com/story/tech/science/space/2023/06/04/live-updates-spacex-launching-todays-second-mission-from-florida-for-nasa/70286214007/",
     "P36: 11:47 a.m. EDT Jun 5, after the Jun 4 scrub.")
plan("2023-08-20", "Progress MS-22", "deorbit", "2023-08-21T02:58Z", "minute",
     "https://tass.com/science/1662771",
     "P39: braking burn 05:58 MSK. The undocking plan of the same announcement (02:49 MSK Aug "
     "21 = 23:49Z Aug 20) is not recorded: announced on its own day, it cannot be dated before "
     "the planned time.")
plan("2023-08-20", "Progress MS-24", "launch", "2023-08-23T01:08Z", "minute",
     "https://tass.com/science/1662659", "P40: 04:08 MSK.")
plan("2023-08-23", "Progress MS-24", "dock", "2023-08-25T03:50Z", "minute",
     "https://interfax.com/newsroom/top-stories/93837/", "P40: 06:50 MSK (docked 06:45).",
     station=ISS, port="Zvezda aft")
plan("2023-08-25T03:00Z", "Crew-7", "launch", "2023-08-26T07:27Z", "minute",
     "https://www.upi.com/Science_News/2023/08/25/crew7-astronauts-launch-postponed/8281692892355/"
     " https://spaceref.com/space-stations/nasa-delays-crew-7-launch-until-saturday/",
     "P37: 3:27 a.m. EDT Aug 26, announced late Aug 24 EDT (03:00Z Aug 25 is a placeholder). "
     "The Aug 25 target's own announcement date is not known (one garbled copy, UNCONFIRMED).",
     crew=CREW7)
plan("2023-08-25T03:00Z", "Crew-7", "dock", "2023-08-27T12:50Z", "minute",
     "https://www.upi.com/Science_News/2023/08/25/crew7-astronauts-launch-postponed/8281692892355/",
     "P37: 8:50 a.m. EDT Aug 27 (docked 9:16).", station=ISS)
plan("2023-09-01", "Crew-6", "undock", "2023-09-03T11:05Z", "minute",
     "https://mynews13.com/fl/orlando/space/2023/09/01/nasa-crew-6-splashdown"
     " https://satellitenewsnetwork.com/spacex-nasa-delay-crew-6-dragon-astronauts-return-to-earth-due-to-bad-weather/?amp=1",
     "P38: 7:05 a.m. EDT Sep 3.", station=ISS, port="Harmony forward", crew=CREW6)
plan("2023-09-01", "Crew-6", "land", "2023-09-04T04:07Z", "minute",
     "https://mynews13.com/fl/orlando/space/2023/09/01/nasa-crew-6-splashdown",
     "P38: splashdown no earlier than 12:07 a.m. EDT Sep 4 (flown 12:17).", crew=CREW6)
# fmt: on


def main(argv: list[str]) -> int:
    return build(LOG, Registry(VEHICLES, STILL_DOCKED), OUT, argv, "build_iss_log.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
