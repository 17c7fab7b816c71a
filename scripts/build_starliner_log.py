"""Build events/starliner-cft-2024.jsonl: the ISS from Crew-8's arrival (March 2024) to Crew-9's
return (2025-03-18), told around Boeing Starliner's crew flight test.

Why this script exists: the JSONL is the shipped artefact, this is its reviewable form. Each
event is one call that can be held against the sourced timeline in
../shared/facts/lifeboat-crises-2024-2025.md, section 1 (rows S1-S45, the 1b port table, the
1c seat summary): its UTC time and precision, its source URLs, its CONFLICT/UNCONFIRMED flags
and, as `recorded_at`, the row's "First reported" date (logkit's rule where it is blank).
Nothing is filled in from memory: where the facts are silent (launch times of vehicles that
were already docked, who Soyuz MS-25 launched with, the vehicle at Zvezda aft) the note says
what was left out or which placeholder was chosen.

    python scripts/build_starliner_log.py          # check, then write the JSONL
    python scripts/build_starliner_log.py --check  # check, and fail if the committed file differs
"""

from __future__ import annotations

import sys
from pathlib import Path

from logkit import UNKNOWN, Log, Note, Registry, build, slug

OUT = Path(__file__).resolve().parent.parent / "events" / "starliner-cft-2024.jsonl"
ISS = "ISS"
U = UNKNOWN
LOG = Log()
# fmt: off
PORTS = ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Zvezda aft",
         "Harmony forward", "Harmony zenith", "Unity nadir", "Harmony nadir"]
VEHICLES = {
    "Crew-8": ("crew_dragon", ("Endeavour",)), "Soyuz MS-25": ("soyuz", ("71S",)),
    "Cygnus NG-20": ("cygnus", ("NG-20",)), "Progress MS-27": ("progress", ("Progress 88",)),
    "Starliner CFT": ("starliner", ("Calypso", "Starliner")),
    "Cygnus NG-21": ("cygnus", ("NG-21",)), "Soyuz MS-26": ("soyuz", ()),
    "Crew-9": ("crew_dragon", ("Freedom",)), "Crew-10": ("crew_dragon", ("Endurance",)),
}
STILL_DOCKED = {"Soyuz MS-26", "Cygnus NG-21", "Crew-10"}
CREW8 = ["Matthew Dominick", "Michael Barratt", "Jeanette Epps", "Alexander Grebenkin"]
WILMORE, WILLIAMS = "Butch Wilmore", "Suni Williams"
CFT = [WILMORE, WILLIAMS]
MS26 = ["Alexey Ovchinin", "Ivan Vagner", "Don Pettit"]
CREW9 = ["Nick Hague", "Aleksandr Gorbunov"]
CREW10 = ["Anne McClain", "Nichole Ayers", "Takuya Onishi", "Kirill Peskov"]
STARLINER = "Starliner CFT"
REPLACEMENT = {"kind": "replacement_required", "subject": STARLINER}
NASA_AUG24 = ("https://megalodon.jp/ref/2024-0827-0710-26/twiiit.com/jeff_foust/status/1827393761296392521"
              " https://pledgetimes.com/astronauts-to-iss-to-return-with-spacex-blocked-until-february/"
              " https://www.slashgear.com/1649882/nasa-orders-boeing-starliner-spacecraft-return-without-stranded-space-station-crew/")
PLACED = ("LAUNCH NOT IN THE FACTS: recorded only so that the sourced arrival can follow a "
          "launch; placed on the arrival day, the real launch was earlier.")
# fmt: on


def ev(etype: str, when: str, prec: str, eid: str, src: str, note: Note, rep: str,
       **fields: object) -> None:
    LOG.add(etype, when, prec, eid, src, note, rep, **fields)


def launched(when: str, prec: str, vehicle: str, crew: list[str], src: str, note: Note,
             rep: str, **extra: object) -> None:
    vclass, aliases = VEHICLES[vehicle]
    ev("launched", when, prec, f"{slug(vehicle)}-launched", src, note, rep, vehicle=vehicle,
       vehicle_class=vclass, crew=crew, aliases=list(aliases), **extra)


def docked(when: str, prec: str, vehicle: str, port: str, src: str, note: Note, rep: str) -> None:
    ev("docked", when, prec, f"{slug(vehicle)}-docked", src, note, rep, vehicle=vehicle,
       station=ISS, port=port)


def moved(when: str, prec: str, eid: str, etype: str, vehicle: str, src: str, note: Note,
          rep: str, **fields: object) -> None:
    ev(etype, when, prec, eid, src, note, rep, vehicle=vehicle, **fields)


def plan(announced: str, vehicle: str, activity: str, planned_for: str, pprec: str, src: str,
         note: str, rep: str | None = None, **extra: object) -> None:
    LOG.planned(announced, f"plan-{slug(vehicle)}-{activity}-{announced[:10]}", vehicle,
                activity, planned_for, pprec, src, note, reported=rep or announced[:10], **extra)


# fmt: off
ev("station_configured", "2021-11-26T15:20Z", "minute", "iss-ports-configured-2024",
   "https://seradata.com/new-prichal-docking-module-is-launched-on-soyuz-to-international-space-station"
   " https://scitechdaily.com/spacex-dragon-freedom-meets-harmony-as-new-crew-members-dock-at-iss/",
   "The ISS port layout of the bundled 2022-2023 log (dated by Prichal's berthing), as used by "
   "the 2024 sources. Left out: the vehicle at Zvezda aft in June-September 2024 and Progress "
   "89's port (the facts mark both UNCONFIRMED (memory)), and Soyuz MS-25's crew (see its "
   "launch).", U, station=ISS, ports=PORTS)
launched("2024-02-01T00:00Z", "day", "Cygnus NG-20", [], "https://brewuptrend.com/?p=101928",
         PLACED, U)
docked("2024-02-01T00:01Z", "day", "Cygnus NG-20", "Unity nadir",
       "https://brewuptrend.com/?p=101928",
       "Arrived Feb 1 (1b). Berthing time not in the facts.", U)
launched("2024-03-03", "day", "Crew-8", CREW8,
         "https://scitechdaily.com/spacex-crew-dragon-moves-to-new-port-makes-room-for-boeing-starliner-at-space-station/",
         "Launched on Mar 3 EDT (row S1); the UTC date may be a day later (no time sourced).", U)
docked("2024-03-05", "day", "Crew-8", "Harmony forward",
       "https://scitechdaily.com/spacex-crew-dragon-moves-to-new-port-makes-room-for-boeing-starliner-at-space-station/",
       "Docked Mar 5 (S1); port from S1 (it left Harmony forward on May 2).", U)
launched("2024-03-25T15:02:00Z", "day", "Soyuz MS-25", [], "https://wikimili.com/en/Soyuz_MS-25",
         f"{PLACED} Its crew is left out: the facts name who it brought home (Oleg Kononenko, "
         "Nikolai Chub, Tracy Dyson, S27) but not who it launched with, nor when the two "
         "cosmonauts moved to it.", U)
docked("2024-03-25T15:02:51Z", "second", "Soyuz MS-25", "Prichal nadir",
       "https://wikimili.com/en/Soyuz_MS-25", "Port and time from a Wikipedia copy (1b).", U)
moved("2024-05-02T13:46Z", "minute", "crew-8-relocated", "relocated", "Crew-8",
      "https://scitechdaily.com/spacex-crew-dragon-moves-to-new-port-makes-room-for-boeing-starliner-at-space-station/"
      " https://www.friendsofnasa.org/2024/05/spacex-dragon-endeavour-spacecraft.html"
      " https://sciencemagazineflex.com/dragon-moves-to-new-port-makes-way-for-starliner/",
      "S1-S2: undocked from Harmony forward 12:57Z (NASA advisory had planned 7:45 a.m. EDT: "
      "CONFLICT plan vs actual), redocked at zenith 13:46Z to free forward for Starliner; 28th "
      "relocation.", "2024-05-09", port="Harmony zenith")
ev("note", "2024-05-07T02:34Z", "day", "starliner-cft-launch-scrubbed-2024-05-06",
   "https://www.yahoo.com/tech/starliner-rolls-launch-pad-ahead-195424061.html",
   "S3: placed at the target time (10:34 p.m. EDT May 6); the scrub time is not sourced.",
   "2024-05-30", subject=STARLINER,
   text="First Starliner CFT launch attempt scrubbed (Atlas V oxygen valve); a helium leak in a "
        "service-module thruster and a thruster-redundancy issue followed.")
launched("2024-06-01T11:00Z", "day", "Progress MS-27", [], "https://tass.com/science/1796755",
         PLACED, U)
docked("2024-06-01T11:43Z", "minute", "Progress MS-27", "Poisk zenith",
       "http://enerteksolarenergy.com/news/guoji/2024-06-01/1467534.html https://tass.com/science/1796755",
       "14:43 MSK per Roscosmos via Xinhua; CONFLICT: planned 11:47Z (TASS). The source says "
       "'Poisk'; zenith is Poisk's docking port in this log.", "2024-06-01")
ev("note", "2024-06-01T14:00Z", "day", "starliner-cft-launch-halted-2024-06-01",
   "https://overlookhorizon.com/nasa-boeing-set-for-june-5-crew-flight-test-launch-attempt",
   "S4: the hold time is not sourced.", U, subject=STARLINER,
   text="June 1 launch attempt halted by a failed ground power-distribution source; replaced by "
        "June 2; mission managers polled go for June 5, 10:52 a.m. EDT.")
plan("2024-06-02", STARLINER, "launch", "2024-06-05T14:52Z", "minute",
     "https://overlookhorizon.com/nasa-boeing-set-for-june-5-crew-flight-test-launch-attempt",
     "S4: MMT go for 10:52 a.m. EDT Jun 5. Announcement day: the source says the part was "
     "replaced and tested by June 2; its page date is not given (logkit rule: end of the "
     "announcement day).", rep="2024-06-02", crew=CFT, station=ISS)
launched("2024-06-05T14:52Z", "minute", STARLINER, CFT,
         "https://theaviationist.com/2024/06/05/first-ever-manned-boeing-starliner/"
         " https://gamestartup.netlify.app/host-https-blogs.nasa.gov/boeing-crew-flight-test/2024/06/05/liftoff-nasas-boeing-crew-flight-test-heads-to-space-station",
         "S5: 10:52 a.m. EDT; Wilmore commander, Williams pilot; first crewed Atlas V. Seats: 4 "
         "(NASA: up to four astronauts), 2 flown.", "2024-06-05", seats=4, crew_capable=True)
ev("leak_detected", "2024-06-06T02:00Z", "day", "starliner-cft-helium-leaks-in-flight",
   "https://www.espn690.com/news/trending/boeing-starliner-team-finds-helium-leaks-during-1st-test-flight-with-astronauts/ZJSEGFFNVNCP5BFYRYQJN6YZQY/"
   " https://voanews.com/amp/boeing-starliner-spacecraft-detects-leaks-on-journey-to-iss/7645414.html",
   "S6: two more helium leaks (besides the one known before launch) within hours of launch; "
   "NASA late Wednesday Jun 5 EDT: two affected helium valves closed, spacecraft stable. 02:00Z "
   "is a placeholder (no clock time sourced). System 'other': helium pressurizes the propulsion "
   "system, which the contract's systems do not name. Severity 'major' is this log's choice "
   "(the facts do not grade it): the leaks, with the thruster failures, are what NASA's "
   "assessment of the vehicle turned on.", "2024-06-06", vehicle=STARLINER, system="other",
   severity="major", cause="helium leaks in the service module's propulsion pressurization")
ev("note", "2024-06-06T16:15Z", "hour", "starliner-cft-thrusters-offline",
   "https://betar.wiki/?p=22288 https://www.upi.com/Science_News/2024/06/06/Starliner-ISS-docking/2531717687435/"
   " https://www.space.com/boeing-starliner-earth-return-delay-june-26-thruster-issues",
   "S7: time is the waved-off planned docking (12:15 p.m. EDT). CONFLICT (minor): AP says 3 "
   "of 5 restarted; SpaceNews, NASA, space.com say 4 of 5.", "2024-06-06", subject=STARLINER,
   text="Five of Starliner's 28 RCS thrusters dropped out during the approach; the first "
        "docking opportunity was waved off and 4 of the 5 were brought back (B1 A3 stayed off).")
docked("2024-06-06T17:34Z", "minute", STARLINER, "Harmony forward",
       "https://medexperts.pro/?p=7405 https://betar.wiki/?p=22288",
       "S8: NASA 1:34 p.m. ET, more than an hour late.", "2024-06-06")
ev("leak_detected", "2024-06-06T18:00Z", "day", "starliner-cft-helium-leak-after-docking",
   "https://img1-cdn.newser.com/story/351352/after-more-drama-astronauts-arrive-for-a-little-dance-party.html"
   " https://wirenewsfax.com/starliner-docks-with-international-space-station-on-crewed-test-flight",
   "S9: another helium leak found after docking; all manifolds closed after docking as "
   "planned. 18:00Z is a placeholder after the 17:34Z docking. CONFLICT (count): third "
   "(newser) or fourth (wirenewsfax); later reports give five in all.", "2024-06-06",
   vehicle=STARLINER, system="other", severity="major")
ev("note", "2024-06-06T19:46Z", "minute", "starliner-cft-hatch-opened",
   "https://www.thehindu.com/news/international/sunita-williams-dances-onboard-international-space-station-after-arrival-on-nasas-boeing-capsule/article68262147.ece",
   "S10: CONFLICT (1 min): UPI 3:45 p.m.", "2024-06-07", subject=STARLINER,
   text="Hatch open about 3:46 p.m. EDT: Wilmore and Williams join the 7 of Expedition 71 "
        "(9 aboard; Soyuz MS-25's three are left out of this log).")
ev("vehicle_assessed", "2024-06-14", "day", "starliner-cft-cleared-for-emergency-return",
   "https://washingtonfront.com/business/boeings-starliner-capsule-calypso-to-stay-at-international-space-station-longer-than-planned",
   "S11: 'remains cleared for crew emergency return scenarios' while the return was put off "
   "for thruster analysis. UNCONFIRMED date (from 'Friday'). Recorded as emergency_only with "
   "its two crew: the facts have no NASA fitness grade for a nominal return before Aug 24.",
   U, vehicle=STARLINER, fitness="emergency_only", max_crew=2, by="NASA",
   reason="Helium leaks and RCS thruster dropouts under analysis; cleared for crew emergency "
          "return only, return postponed.")
plan("2024-06-14", STARLINER, "undock", "2024-06-22T03:42Z", "minute",
     "https://washingtonfront.com/business/boeings-starliner-capsule-calypso-to-stay-at-international-space-station-longer-than-planned",
     "S11: 11:42 p.m. ET Jun 21, after the first Jun 14 target (whose announcement date is not "
     "known). UNCONFIRMED announcement date (from 'Friday').", rep=U, crew=CFT, station=ISS,
     port="Harmony forward")
plan("2024-06-14", STARLINER, "land", "2024-06-22T10:26Z", "minute",
     "https://washingtonfront.com/business/boeings-starliner-capsule-calypso-to-stay-at-international-space-station-longer-than-planned",
     "S11: 6:26 a.m. ET Jun 22. UNCONFIRMED announcement date.", rep=U, crew=CFT)
plan("2024-06-18", STARLINER, "land", "2024-06-26T08:51Z", "minute",
     "https://www.space.com/boeing-starliner-earth-return-delay-june-26-thruster-issues",
     "S12: NET Jun 26, White Sands 4:51 a.m. EDT (more thruster analysis, Jun 24 spacewalk). "
     "The matching undock time was not given.", crew=CFT)
LOG.cancelled("2024-06-22T02:00Z", "plan-cancelled-starliner-cft-land-2024-06-22", STARLINER,
              "land", "Return moved off Jun 26 to an unspecified date (July): spacewalks on Jun "
              "24 and Jul 2, and propulsion data review.",
              "https://phys.org/news/2024-06-boeing-starliner-earth-delayed.html"
              " https://soylentnews.org/article.pl?sid=24/06/22/0229234&from=rss",
              "S13: NASA blog late Friday Jun 21 EDT; 02:00Z Jun 22 is a placeholder.",
              reported="2024-06-22")
LOG.cancelled("2024-06-22T02:00:01Z", "plan-cancelled-starliner-cft-undock-2024-06-22",
              STARLINER, "undock", "The Jun 22 undocking was dropped with the return moved to "
              "an unspecified date.", "https://phys.org/news/2024-06-boeing-starliner-earth-delayed.html",
              "S13. Inferred: the Jun 22 undocking (S11) cannot stand once the return moves to "
              "July.", reported="2024-06-22")
ev("note", "2024-06-27T01:00Z", "minute", "iss-shelter-resurs-p1-breakup",
   "https://thefoxposts.com/shattered-russian-satellite-forces-iss-astronauts-to-take-shelter-in-stricken-starliner-capsule-TheFOXposts-90170.html"
   " https://www.hindustantimes.com/world-news/us-news/sunita-williams-and-other-us-astronauts-aboard-iss-forced-to-take-shelter-as-russian-satellite-breaks-up-near-station-101719564815027.html",
   "S14: 'shortly after 9 p.m. EDT Jun 26'. CONFLICT: another copy says 0200 GMT (an "
   "arithmetic slip).", "2024-06-27", subject=ISS,
   text="Resurs-P1 broke up near the station's orbit: all crew sheltered in their return "
        "spacecraft for about an hour, Wilmore and Williams in Starliner (its first real use "
        "as a safe haven).")
plan("2024-08-07", "Crew-9", "launch", "2024-09-24", "day",
     "https://www.outlookindia.com/international/us/nasa-delays-launch-of-spacexs-crew-9-mission-what-will-happen-to-starliner-crew-now"
     " https://www.accuweather.com/en/space-news/nasa-delays-spacex-astronaut-mission-as-rumors-swirl-about-boeing-starliners-safety/1677094",
     "S16: delayed from Aug 18 to NET Sep 24 to finish Starliner return planning (the Aug 18 "
     "plan's announcement is not dated in the facts). Option on the table: fly two, bring "
     "Wilmore and Williams home on it in early 2025.", rep="2024-08-07T14:46Z",
     crew=["Zena Cardman", "Nick Hague", "Stephanie Wilson", "Aleksandr Gorbunov"])
ev("vehicle_assessed", "2024-08-24T17:13Z", "minute", "starliner-cft-not-fit-for-crewed-return",
   NASA_AUG24,
   "S17: NASA's ruling (Nelson), time of the first tweet reporting it. Starliner stayed "
   "cleared for emergency return until it left (1c), so 'emergency_only', not 'unfit'.",
   "2024-08-24T17:13Z", vehicle=STARLINER, fitness="emergency_only", max_crew=2,
   by="NASA (Administrator Nelson; managers' poll unanimous)",
   reason="Not fit for a crewed return: uncertainty over the RCS thrusters and helium leaks; "
          "returns uncrewed.")
ev("decision_recorded", "2024-08-24T17:13Z", "minute", "starliner-cft-return-uncrewed",
   NASA_AUG24, "S17.", "2024-08-24T17:13Z", subject=STARLINER, kind="return_uncrewed",
   decision="Starliner returns to Earth uncrewed.", by="NASA (Administrator Nelson)")
ev("decision_recorded", "2024-08-24T17:13Z", "minute", "starliner-cft-crew-return-on-crew-9",
   NASA_AUG24, "S17.", "2024-08-24T17:13Z", subject=STARLINER, kind="replacement_required",
   crew=CFT, by="NASA (Administrator Nelson)",
   decision="Wilmore and Williams return on Crew-9 in February 2025; Crew-9 flies NET Sep 24 "
            "with two crew, reconfigured seats and Dragon suits for the two.")
plan("2024-08-24T17:13Z", "Crew-9", "launch", "2024-09-24", "day",
     "https://pledgetimes.com/astronauts-to-iss-to-return-with-spacex-blocked-until-february/",
     "S17: NET Sep 24 from SLC-40 with two crew (named Aug 30), as Wilmore's and Williams' "
     "ride home.", rep="2024-08-24T17:13Z", answers=REPLACEMENT)
plan("2024-08-29", STARLINER, "undock", "2024-09-06T22:04Z", "minute",
     "https://eaglesightinvesting.com/boeings-uncrewed-starliner-could-return-by-late-next-week-nasa-says"
     " https://spacecoastdaily.com/2024/08/crewless-boeing-starliner-set-to-autonomously-depart-international-space-station-sept-6-for-return-to-earth",
     "S18: NET Sep 6 about 6:04 p.m. EDT, uncrewed. Announcement date from 'Thursday' "
     "(UNCONFIRMED); first dated report Aug 31.", rep="2024-08-31", station=ISS,
     port="Harmony forward")
plan("2024-08-29", STARLINER, "land", "2024-09-07T04:03Z", "minute",
     "https://spacecoastdaily.com/2024/08/crewless-boeing-starliner-set-to-autonomously-depart-international-space-station-sept-6-for-return-to-earth",
     "S18: about 12:03 a.m. EDT Sep 7 at White Sands, uncrewed.", rep="2024-08-31")
plan("2024-08-30", "Crew-9", "launch", "2024-09-24", "day",
     "https://spacepolicyonline.com/events/launch-of-crew-9-to-iss-sept-24-2024-ccsfs/"
     " https://www.fastcompany.com/91194471/nasa-spacex-crew-9-launch-live-stream-boeing-starliner-rescue-mission-watch",
     "S19: Hague and Gorbunov fly; Cardman and Wilson removed, freeing two of four seats.",
     crew=CREW9, answers=REPLACEMENT)
ev("decision_recorded", "2024-08-30", "day", "crew-8-contingency-places-approved",
   "https://reddit.wdas.io/r/SpaceXLounge/comments/1f57r01/spacexs_crew8_dragon_spacecraft_is_now_officially/lkrd8rs/?context=3"
   " https://www.businesstoday.in/technology/news/story/how-will-nasa-astronauts-sunita-williams-butch-wilmore-return-to-earth-in-case-of-emergency-nasa-explains-445012-2024-09-09",
   "S20 (UNCONFIRMED: a reddit mirror quoting Ars; confirmed in substance by NASA's S23 "
   "statement, published Sep 9). A ruling recorded before its trigger: it approves the six-"
   "for-four count that opens when the two are assigned to Crew-8 on Sep 6.", "2024-08-30",
   subject="Crew-8", kind="seats_exceeded", crew=CFT, by="NASA",
   decision="Crew-8's Dragon is Wilmore's and Williams' emergency lifeboat from Starliner's "
            "departure until Crew-9 arrives: two contingency places on the cargo pallet below "
            "the four seats, without suits.")
ev("note", "2024-09-03", "day", "starliner-cft-seats-reconfigured",
   "https://news.futunn.com/en/post/47420086/boeing-starliner-return-sunita-williams-and-butch-wilmore-prepare-spacecraft"
   " https://www.foxweather.com/earth-space/boeing-starliner-to-depart-from-space-station-friday",
   "S21: date from 'Tuesday' (UNCONFIRMED).", "2024-09-04", subject=STARLINER,
   text="Wilmore and Williams reconfigured Starliner's seats for an uncrewed landing; two "
        "Crew-8 members walked them through Dragon; Dragon's cargo pallet moved to make room.")
ev("crew_assigned", "2024-09-06T22:03Z", "minute", "wilmore-williams-assigned-to-crew-8",
   "https://www.businesstoday.in/technology/news/story/how-will-nasa-astronauts-sunita-williams-butch-wilmore-return-to-earth-in-case-of-emergency-nasa-explains-445012-2024-09-09"
   " https://internationalbusinessweekly.com/nasa-astronauts-hit-new-hurdle-before-return-as-its-revealed-boeing-starliner-space-suits-are-incompatible-with-spacex-crew-dragon/",
   "S23: effective at Starliner's undocking (placed one minute before it, 22:03Z); when the "
   "Dragon configuration was finished is not sourced (bounds: after Sep 3, before 22:04Z Sep "
   "6). Contingency places, no suits: six people for four seats.", "2024-09-09",
   vehicle="Crew-8", crew=CFT)
moved("2024-09-06T22:04Z", "minute", "starliner-cft-undocked", "undocked", STARLINER,
      "https://mixedtimes.com/technology/boeing-starliner-spacecraft-returns-to-earth-without-crew"
      " https://www.anews.com.tr/tech/2024/09/07/boeings-starliner-returns-to-earth-iss-crew-to-stay-until-2025",
      "S22: uncrewed, from Harmony forward at 6:04 p.m. ET.", "2024-09-06", crew=[])
moved("2024-09-07T04:01Z", "minute", "starliner-cft-landed", "landed", STARLINER,
      "https://blogs.nasa.gov/boeing-crew-flight-test/category/boeing"
      " https://mixedtimes.com/technology/boeing-starliner-spacecraft-returns-to-earth-without-crew",
      "S25: 12:01 a.m. EDT (target ~12:03), uncrewed. The deorbit burn (S24) is known only as "
      "planned (03:17Z) and is not recorded.", "2024-09-07", site="White Sands Space Harbor")
launched("2024-09-11T16:23Z", "minute", "Soyuz MS-26", MS26,
         "https://www.nasaspaceflight.com/2024/09/soyuz-ms26/", "S26 (context).", "2024-09-11")
docked("2024-09-11T19:32Z", "minute", "Soyuz MS-26", "Rassvet nadir",
       "https://www.nasaspaceflight.com/2024/09/soyuz-ms26/ http://collectspace.com/ubb/Forum31/HTML/000631.html",
       "S26: the sources say 'Rassvet'; nadir is Rassvet's docking port in this log.",
       "2024-09-11")
moved("2024-09-23T08:36:30Z", "second", "soyuz-ms-25-undocked", "undocked", "Soyuz MS-25",
      "https://wikimili.com/en/Soyuz_MS-25 https://tass.com/science/1846413",
      "S27: from Prichal nadir with Kononenko, Chub and Dyson, who are left out of this log (see "
      "its launch), so the event lists no crew.", "2024-09-23", crew=[])
moved("2024-09-23T11:59:04Z", "second", "soyuz-ms-25-landed", "landed", "Soyuz MS-25",
      "https://wikimili.com/en/Soyuz_MS-25", "S27.", "2024-09-23", site="SE of Zhezkazgan")
plan("2024-09-20", "Crew-9", "launch", "2024-09-26T18:05Z", "minute",
     "https://www.finanznachrichten.de/nachrichten-2024-09/63317630-us-russian-astronauts-to-launch-to-space-station-020.htm",
     "S28: 2:05 p.m. EDT Sep 26 (announced ~Sep 20). The move to Sep 28 (Hurricane Helene) has "
     "no announcement date in the facts and is not recorded.", crew=CREW9, answers=REPLACEMENT)
ev("note", "2024-09-27T21:25Z", "minute", "crew-8-extra-seats-shown",
   "https://libreddit.yjin.dev/r/spacex/comments/1fryqbe/jeff_foust_on_x_at_this_afternoons_crew9_briefing",
   "S29: UNCONFIRMED (reddit mirror of tweets; time from the tweet ID).", "2024-09-27T21:25Z",
   subject="Crew-8",
   text="NASA showed Crew-8's interior with the two extra seats for Wilmore and Williams; "
        "Crew-8's departure planned for about Oct 7.")
plan("2024-09-27T21:25Z", "Crew-8", "undock", "2024-10-07", "day",
     "https://libreddit.yjin.dev/r/spacex/comments/1fryqbe/jeff_foust_on_x_at_this_afternoons_crew9_briefing",
     "S29: 'about Oct 7'. UNCONFIRMED (reddit mirror).", rep="2024-09-27T21:25Z",
     crew=CREW8, station=ISS, port="Harmony zenith")
launched("2024-09-28T17:17Z", "minute", "Crew-9", CREW9,
         "https://folu.me/post/anfnfcnprsyvtug-d-dpbz/2024/09/crew-9-launch"
         " https://www.digitaltrends.com/space/spacex-crew-9-launch/",
         "S30: SLC-40, 1:17 p.m. EDT; two crew and two empty seats for Wilmore and Williams. One "
         "copy says LC-39A, against every other source.", "2024-09-28", seats=4)
docked("2024-09-29T21:30Z", "minute", "Crew-9", "Harmony forward",
       "https://scitechdaily.com/spacex-dragon-freedom-meets-harmony-as-new-crew-members-dock-at-iss/"
       " https://www.wondersinspace.com/nasa-spacex-crew-9-docks-to-the-iss",
       "S31: 5:30 p.m. EDT; hatch 23:04Z. NASA's graphic: six ships docked (Progress 89 left "
       "out: its port is UNCONFIRMED (memory)).", "2024-09-30")
ev("crew_assigned", "2024-09-29T21:30Z", "minute", "wilmore-williams-assigned-to-crew-9",
   "https://scitechdaily.com/spacex-dragon-freedom-meets-harmony-as-new-crew-members-dock-at-iss/",
   "S31/1c: from Crew-9's docking, two of its four seats (nominal), launched empty; Dragon "
   "suits delivered on Crew-9. Placed at the docking minute, after it.", "2024-09-30",
   vehicle="Crew-9", crew=CFT)
plan("2024-10-07", "Crew-8", "undock", "2024-10-13T07:05Z", "minute",
     "https://kscopenews.com/11149/science/hurricane-milton-strands-astronauts-in-space-for-days"
     " https://jalopnik.com/hurricane-milton-strands-astronauts-in-space-as-nasa-de-1851669127",
     "S32: the Oct 7 departure was postponed for weather; NET 3:05 a.m. EDT Oct 13 (Hurricane "
     "Milton). The later waived dates are not reconstructed.", crew=CREW8, station=ISS,
     port="Harmony zenith")
moved("2024-10-23T21:05Z", "minute", "crew-8-undocked", "undocked", "Crew-8",
      "http://thingstodoinswfl.com/2024/10/23/spacex-crew-8-departs-space-station-headed-home-to-florida"
      " https://englishtimes.uk/?p=35918",
      "S33: 5:05 p.m. EDT after 232 days docked. Port (zenith) inferred: the sources say only "
      "'Harmony'.", "2024-10-23", crew=CREW8)
moved("2024-10-25T07:29Z", "minute", "crew-8-landed", "landed", "Crew-8",
      "https://floridamedianow.com/2024/10/crew-8-returns http://prod-appfeeds.intoday.in/node/2623065",
      "S34: 3:29 a.m. EDT. CONFLICT: UPI says 3:39.", "2024-10-25",
      site="Gulf of Mexico near Pensacola")
moved("2024-11-03T12:25Z", "minute", "crew-9-relocated", "relocated", "Crew-9",
      "https://skynews.icu/science/733601-nasas-crew-9-dragon-spacecraft-relocates-to-new-port-for-spacex-resupply",
      "S35-S36: undocked from forward 6:35 a.m. EST (11:35Z) with Hague, Wilmore, Williams, "
      "Gorbunov; redocked at zenith 7:25 a.m. EST. CONFLICT: two copies give GMT values that do "
      "not match EST; local time kept.", "2024-11-03", port="Harmony zenith")
moved("2024-11-19T12:53Z", "minute", "progress-ms-27-undocked", "undocked", "Progress MS-27",
      "http://gerhardkowalski.com/?p=25195", "1b: 13:53 CET from Poisk.", U, crew=[])
plan("2024-12-17", "Crew-10", "launch", "2025-03-25", "day",
     "https://scitechdaily.com/nasa-delays-spacex-crew-10-launch-to-finalize-a-new-dragon-spacecraft/"
     " https://installsat.tv/en/stattia/nasa-switches-crew-dragon-capsules-for-iss-mission",
     "S37: NET late March 2025 (new Dragon); Crew-9 returns after Crew-10 arrives. The source "
     "of Dec 17 says only 'late March'; the day, Mar 25, is from the Feb 11 text ('from Mar "
     "25').", rep="2024-12-18", crew=CREW10)
plan("2025-02-11", "Crew-10", "launch", "2025-03-12T23:48Z", "minute",
     "https://blogs.nasa.gov/commercialcrew/author/enilesca"
     " https://installsat.tv/en/stattia/nasa-switches-crew-dragon-capsules-for-iss-mission",
     "S38: swapped to the flown capsule Endurance, moved up to 7:48 p.m. EDT Mar 12.",
     crew=CREW10)
ev("note", "2025-03-12T23:48Z", "day", "crew-10-launch-scrubbed",
   "https://dailytimes.com.pk/1275251/nasa-and-spacex-crew-10-a-mission-to-the-iss-and-a-rescue-in-space/"
   " https://thedeandaily.wixsite.com/thedeandaily/post/we-are-go-for-launch",
   "S39: placed at the target time. CONFLICT (cause): hydraulic clamp vs hydrogen leak, both "
   "weak sources.", "2025-03-14", subject="Crew-10",
   text="Crew-10's Mar 12 launch attempt scrubbed; it flew on Mar 14.")
launched("2025-03-14T23:03Z", "minute", "Crew-10", CREW10,
         "https://spacevoyaging.com/news/2025/03/15/spacex-successfully-launched-crew-10-to-the-iss",
         "S40: 7:03 p.m. EDT, LC-39A.", "2025-03-15")
docked("2025-03-16T04:04Z", "minute", "Crew-10", "Harmony forward",
       "https://celebritynews.thuysanplus.com/?p=9991"
       " https://www.keneci.com/science/crew-10-spacex-launches-relief-crew-for-stranded-boeing-starliner-astronau",
       "S41: 12:04 a.m. EDT; hatch 05:35Z; 11 aboard.", "2025-03-16")
plan("2025-03-16T12:00Z", "Crew-9", "undock", "2025-03-18", "day",
     "https://aviationweek.com/space/operations-safety/nasas-crew-9-dragon-departs-space-station-splashdown",
     "S42: brought forward from Mar 19 to Mar 18 for splashdown weather.",
     crew=CREW9 + CFT, station=ISS, port="Harmony zenith")
moved("2025-03-18T05:05Z", "minute", "crew-9-undocked", "undocked", "Crew-9",
      "https://aviationweek.com/space/operations-safety/nasas-crew-9-dragon-departs-space-station-splashdown"
      " https://scitechdaily.com/spacex-dragon-undocks-with-nasa-crew-9-members-for-return-to-earth/",
      "S43-S44: hatch closed 03:05Z; undocked 1:05 a.m. EDT from Harmony zenith.", "2025-03-18",
      crew=CREW9 + CFT)
moved("2025-03-18T21:57Z", "minute", "crew-9-landed", "landed", "Crew-9",
      "https://www.clarksvilleonline.com/2025/03/18/nasas-spacex-crew-9-successfully-splashes-down-in-gulf-of-america-after-mission-to-international-space-station/",
      "S45: 5:57 p.m. EDT; 286 days for Wilmore and Williams.", "2025-03-18",
      site="Gulf off Tallahassee, Florida")
# Cygnus NG-20 / NG-21 and the port picture (1b)
moved("2024-07-12T11:00Z", "minute", "cygnus-ng-20-undocked", "undocked", "Cygnus NG-20",
      "https://brewuptrend.com/?p=101928",
      "1b: left Unity nadir at a planned 7 a.m. EDT; UNCONFIRMED actual time.", U, crew=[])
launched("2024-08-06T07:00Z", "day", "Cygnus NG-21", [],
         "https://friendlywiki.com/article/index.php?title=Cygnus_NG-21", PLACED, U)
docked("2024-08-06T09:33Z", "minute", "Cygnus NG-21", "Unity nadir",
       "https://friendlywiki.com/article/index.php?title=Cygnus_NG-21",
       "1b: captured 07:11Z, berthed 09:33Z. Unberthed 2025-03-28 (after this log ends).", U)
# fmt: on


def main(argv: list[str]) -> int:
    return build(LOG, Registry(VEHICLES, STILL_DOCKED), OUT, argv, "build_starliner_log.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
