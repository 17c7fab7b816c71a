"""Build events/shenzhou-20-2025.jsonl: the Tiangong station from Shenzhou-20's launch
(2025-04-24) to its uncrewed return (2026-01-19), the cracked window and the days with no
usable lifeboat.

Why this script exists: the JSONL is the shipped artefact, this is its reviewable form. Each
event is one call that can be held against ../shared/facts/lifeboat-crises-2024-2025.md,
section 2 (rows Z1-Z27, the 2b port table, the 2c seat summary), with the row's "First
reported" date as `recorded_at` (logkit's rule where it is blank). Nothing is filled in from
memory: Shenzhou-19 and Tianzhou-8 (docked when the window opens) are left out because the
facts give neither their ports nor their departures, and the note of the station event says so.

    python scripts/build_shenzhou_log.py          # check, then write the JSONL
    python scripts/build_shenzhou_log.py --check  # check, and fail if the committed file differs
"""

from __future__ import annotations

import sys
from pathlib import Path

from logkit import UNKNOWN, Log, Note, Registry, build, slug

OUT = Path(__file__).resolve().parent.parent / "events" / "shenzhou-20-2025.jsonl"
TIANGONG = "Tiangong"
U = UNKNOWN
LOG = Log()
# fmt: off
PORTS = ["Tianhe forward", "Tianhe radial", "Tianhe aft"]
VEHICLES = {
    "Shenzhou-20": ("shenzhou", ()), "Tianzhou-9": ("tianzhou", ()),
    "Shenzhou-21": ("shenzhou", ()), "Shenzhou-22": ("shenzhou", ()),
}
STILL_DOCKED = {"Tianzhou-9", "Shenzhou-22"}
SZ20 = ["Chen Dong", "Chen Zhongrui", "Wang Jie"]
SZ21 = ["Zhang Lu", "Wu Fei", "Zhang Hongzhang"]
# Shenzhou-22 replaces the Shenzhou-21 crew's ride home, which left with the Shenzhou-20 crew
# (Z15, Z19, Z22): the rules derive that as one crew_reassignment_required per person about
# Shenzhou-21; a replacement_required about Shenzhou-20 never opens, as nobody rode it once
# it was judged unfit (Z14-Z16).
REPLACEMENT = {"kind": "crew_reassignment_required", "subject": "Shenzhou-21"}
LANDING_SZ21 = ("http://en.people.cn/n3/2025/1115/c90000-20390843.html"
                " http://en.people.cn/n3/2025/1114/c90000-20390765.html")
Z16 = ("http://en.people.cn/n3/2025/1114/c90000-20390541.html"
       " http://ayao.rasgz.cn/zz/index.php?id=ffrjd7oo841c5m")
Z22 = ("http://www.chinahlj.cn/news/871414.html"
       " http://www.360elib.com:2027/detail.aspx?NewsCode=NC1047&NewsId=74120516&OrgId=001"
       " https://starlust.org/chinas-shenzhou-22-successfully-docks-with-tiangong-space-station-will-bring-shenzhou-21-crew-home")
ECNS_JAN = "http://www.ecns.cn/news/2026-01-19/detail-iheywhna5928187.shtml"
# fmt: on


def ev(etype: str, when: str, prec: str, eid: str, src: str, note: Note, rep: str,
       **fields: object) -> None:
    LOG.add(etype, when, prec, eid, src, note, rep, **fields)


def launched(when: str, vehicle: str, crew: list[str], src: str, note: str, rep: str,
             **extra: object) -> None:
    vclass, aliases = VEHICLES[vehicle]
    ev("launched", when, "minute", f"{slug(vehicle)}-launched", src, note, rep, vehicle=vehicle,
       vehicle_class=vclass, crew=crew, aliases=list(aliases), **extra)


def docked(when: str, vehicle: str, port: str, src: str, note: str, rep: str) -> None:
    ev("docked", when, "minute", f"{slug(vehicle)}-docked", src, note, rep, vehicle=vehicle,
       station=TIANGONG, port=port)


# fmt: off
ev("station_configured", "2025-04-24T09:17Z", "day", "tiangong-ports-configured",
   "https://news.qq.com/rain/a/20250425A083T200?suid=&media_id="
   " https://d126flc6chkhco.cloudfront.net/features/china-s-shenzhou-21-mission-docks-at-tiangong-with-three-astronauts-and-lab-mice-onboard"
   " https://qazinform.com/news/chinas-tianzhou-9-docks-with-space-station-tiangong-6f02d6",
   "Tianhe's three ports as the facts name them (forward, radial/Earth-facing, aft). The "
   "configuration date is not in the facts: dated at the start of the window (Shenzhou-20's "
   "launch). Left out: Shenzhou-19 and its crew (Cai Xuzhe, Song Lingdong, Wang Haoze; aboard "
   "until about Apr 29, Z4 planned only) and Tianzhou-8 (left aft on Jul 8): the facts give "
   "neither their ports nor times.", U, station=TIANGONG, ports=PORTS)
launched("2025-04-24T09:17Z", "Shenzhou-20", SZ20,
         "http://www.collectspace.com/news/news-042425a-china-shenzhou-20-taikonauts-launch-docking-tiangong.html"
         " https://dzb.zzrbnews.com/news/77873.html",
         "Z1: 17:17 BJT, Long March 2F Y20; Chen Dong commander.", "2025-04-24")
docked("2025-04-24T15:49Z", "Shenzhou-20", "Tianhe radial",
       "https://news.qq.com/rain/a/20250425A083T200?suid=&media_id="
       " https://www.china-in-space.com/p/uncrewed-shenzhou-20-spacecraft-returns?action=share",
       "Z2: 23:49 BJT. CONFLICT (port): the pre-launch plan and China Daily say the front port; "
       "CMSA's post-docking release says radial (used).", "2025-04-25")
launched("2025-07-14T21:34Z", "Tianzhou-9", [],
         "https://qazinform.com/news/chinas-tianzhou-9-docks-with-space-station-tiangong-6f02d6",
         "Z5: 05:34 BJT Jul 15, Long March 7 Y10, Wenchang; about 6.5 t of cargo.", "2025-07-15")
docked("2025-07-15T00:52Z", "Tianzhou-9", "Tianhe aft",
       "https://qazinform.com/news/chinas-tianzhou-9-docks-with-space-station-tiangong-6f02d6"
       " https://www.space.com/space-exploration/launches-spacecraft/see-tianzhou-9-cargo-mission-dock-at-chinas-tiangong-space-station-video",
       "Z5: 08:52 BJT (space.com's 'p.m.' is a typo). Its stay through Jan 2026 is UNCONFIRMED "
       "(no departure found).", "2025-07-15")
launched("2025-10-31T15:44Z", "Shenzhou-21", SZ21,
         "https://www.space.com/space-exploration/launches-spacecraft/china-launches-shenzhou-21-astronauts-to-tiangong-space-station-for-a-6-month-stay-video"
         " https://owiki.org/wiki/Shenzhou_21",
         "Z6: 23:44 BJT (a Wikipedia copy: 15:44:46); Zhang Lu commander; four mice aboard.",
         "2025-10-31")
docked("2025-10-31T19:22Z", "Shenzhou-21", "Tianhe forward",
       "https://d126flc6chkhco.cloudfront.net/features/china-s-shenzhou-21-mission-docks-at-tiangong-with-three-astronauts-and-lab-mice-onboard"
       " https://spacepolicyonline.com/news/china-launches-new-space-station-crew-2",
       "Z7: 03:22 BJT Nov 1 after a ~3.5 h rendezvous; Xinhua posted it at 03:42:15 BJT.",
       "2025-11-01")
ev("note", "2025-11-04", "day", "tiangong-handover-2025-11-04",
   "https://udn.com/news/story/7331/9118786 https://www.worldjournal.com/wj/story/121343/9121601",
   "Z9. CONFLICT (planned return date): Nov 3 (particle.news), 'Tuesday' Nov 4 (rifnote), Nov "
   "5 (CMSA/Xinhua, used). The Nov 5 return is not recorded as a plan: first reported on Nov 5 "
   "itself, it cannot be dated before its planned time.", "2025-11-05", subject=TIANGONG,
   text="Handover: the station passed from the Shenzhou-20 to the Shenzhou-21 crew; Shenzhou-20 "
        "due back at Dongfeng on Nov 5 (evening).")
ev("note", "2025-11-04T12:00:01Z", "day", "shenzhou-20-window-crack-spotted",
   "https://www.nationthailand.com/blogs/news/world/40061449",
   "Z10: the date (Nov 4) was first stated in January 2026; the crack itself was first made "
   "public on Nov 14 (Z16). CONFLICT (discovery): Nov 5 pre-return checks (a weak source) or a "
   "ground-detected abnormal signal (Taiwanese TV).", "2026-01-20", subject="Shenzhou-20",
   text="The Shenzhou-20 crew spotted cracks in their return capsule's viewport window "
        "(later: over 1 cm long, from a particle under 1 mm).")
ev("decision_recorded", "2025-11-05T07:32Z", "minute", "shenzhou-20-return-postponed",
   "https://hk.crntt.com/doc/1071/3/8/2/107138272.html?coluid=7&kindid=0&docid=107138272&mdate=1105153220"
   " https://world-economist.com/developing-china-postpones-astronauts-return-after-suspected-debris-strikes-space-station",
   "Z11: the time is the Xinhua report (15:32:20 BJT), not the decision. First postponement of "
   "its kind in China's crewed programme. Kind 'ruling': no derived decision matches a "
   "postponement pending assessment.", "2025-11-05T07:32Z", subject="Shenzhou-20",
   kind="ruling", crew=SZ20, by="CMSA",
   decision="Return of the Shenzhou-20 crew, scheduled for Nov 5, postponed with no new date: "
            "Shenzhou-20 is suspected to have been struck by a small piece of space debris; "
            "impact analysis and risk assessment under way.")
ev("note", "2025-11-11", "day", "tiangong-emergency-plans-2025-11-11",
   "http://en.people.cn/n3/2025/1111/c90000-20389030.html", "Z12.", "2025-11-11",
   subject=TIANGONG,
   text="CMSA: emergency plans activated (simulation, testing and safety assessment of "
        "Shenzhou-20); the station can support two crews; joint experiments under way.")
ev("decision_recorded", "2025-11-14T02:30Z", "day", "shenzhou-20-crew-return-in-shenzhou-21",
   "https://qazinform.com/news/chinas-shenzhou-20-astronauts-to-return-to-earth-5b2db8"
   " https://tass.com/science/2043575",
   "Z14: announced before 02:36Z Nov 14 (qazinform 07:36 Astana time), maybe on the evening "
   "of Nov 13 BJT; 02:30Z is a placeholder inside that bound.", "2025-11-14T02:36Z",
   subject="Shenzhou-20", kind="crew_reassignment_required", crew=SZ20, by="CMSA",
   decision="The Shenzhou-20 crew return to Dongfeng on Nov 14 aboard Shenzhou-21; the crew "
            "is in good condition.")
ev("decision_recorded", "2025-11-14T02:30Z", "day", "shenzhou-22-to-launch-as-replacement",
   "https://qazinform.com/news/chinas-shenzhou-20-astronauts-to-return-to-earth-5b2db8"
   " https://tass.com/science/2043575",
   "Z14: same announcement; no date was given ('at an appropriate time'), so no plan is "
   "recorded until Nov 24 (Z20). Recorded about Shenzhou-21, the Shenzhou-21 crew's own "
   "ride, which leaves with the Shenzhou-20 crew (Z15, Z19): CMSA's Shenzhou-22 is 'the "
   "return spacecraft for the Shenzhou-21 crew' (Z22); nobody rode Shenzhou-20 once it was "
   "judged unfit (Z16).", "2025-11-14T02:36Z", subject="Shenzhou-21",
   kind=REPLACEMENT["kind"], crew=SZ21, by="CMSA",
   decision="Shenzhou-22 will launch at an appropriate time, as the replacement return "
            "vehicle.")
ev("crew_assigned", "2025-11-14T02:30Z", "day", "shenzhou-20-crew-assigned-to-shenzhou-21",
   "https://tw.news.yahoo.com/%E7%A5%9E%E8%88%9F20%E8%89%99%E8%88%B7%E7%AA%97%E7%8E%BB%E7%92%83%E7%8F%BE%E8%A3%82%E7%97%95-3%E5%A4%AA%E7%A9%BA%E4%BA%BA%E9%87%8D%E8%BF%94%E8%A8%88%E7%95%AB%E5%BB%B6%E5%BE%8C9%E5%A4%A9-%E6%80%A5%E6%8F%9B%E9%A3%9B%E8%88%B9%E8%BF%94-101320591.html"
   " https://qazinform.com/news/chinas-shenzhou-20-astronauts-to-return-to-earth-5b2db8",
   "Z13-Z14: seat liners and cargo moved from Shenzhou-20 into Shenzhou-21 at an unknown time "
   "(BOUNDS Nov 5 to Nov 14; UNCONFIRMED single TV source); the assignment is placed at the "
   "announcement (02:30Z Nov 14 placeholder). From here six people hold Shenzhou-21's three "
   "seats until it leaves.", "2025-11-14T02:36Z", vehicle="Shenzhou-21", crew=SZ20)
ev("undocked", "2025-11-14T03:14Z", "minute", "shenzhou-21-undocked",
   "http://www.ecns.cn/news/cns-wire/2025-11-14/detail-ihewyezc9801637.shtml",
   "Z15: 11:14 BJT with the Shenzhou-20 crew. Port (forward) inferred from Z7. From here the "
   "Shenzhou-21 crew has no usable return vehicle (Z19).", "2025-11-14",
   vehicle="Shenzhou-21", crew=SZ20)
ev("vehicle_assessed", "2025-11-14T05:27Z", "day", "shenzhou-20-unfit",
   Z16,
   "Z16: by 05:27Z (Xinhua, 13:27 BJT); when the assessment itself was made is not given, "
   "05:27Z is the bound used as placeholder.", "2025-11-14T05:27Z", vehicle="Shenzhou-20",
   fitness="unfit", by="CMSA",
   reason="Tiny cracks in the return capsule's viewport window, most probably from an "
          "external space-debris impact: does not meet the requirements for the astronauts' "
          "safe return (photo interpretation, design review, simulation, wind-tunnel tests).")
ev("landed", "2025-11-14T08:40Z", "minute", "shenzhou-21-landed", LANDING_SZ21,
   "Z17-Z18: return command 14:49 BJT; landed 16:40 BJT after about 3.5 h; 204 days in orbit "
   "for the Shenzhou-20 crew.", "2025-11-14", vehicle="Shenzhou-21",
   site="Dongfeng landing site")
ev("note", "2025-11-24", "day", "tiangong-no-lifeboat-eve-of-shenzhou-22",
   "https://www.devdiscourse.com/article/technology/3708271-chinas-shenzhou-22-mission-restoring-normality-to-tiangong-space-station"
   " https://abbtakk.tv/?p=1073128",
   "Z19: sources say 'ten days' (on the eve of launch) and '11 days'; the row times give about "
   "11 d 4.6 h. No source says what the crew would have done in an emergency.", "2025-11-24",
   subject=TIANGONG,
   text="Since 2025-11-14T03:14Z the station has had no flight-worthy crew return vehicle for "
        "Zhang Lu, Wu Fei and Zhang Hongzhang: Shenzhou-20 unfit, Shenzhou-21 gone.")
LOG.planned("2025-11-24", "plan-shenzhou-22-launch-2025-11-24", "Shenzhou-22", "launch",
            "2025-11-25", "day",
            "http://en.people.cn/n3/2025/1125/c90000-20394432.html https://tribune.com.pk/technology?amp=1",
            "Z20: CMSA announced the launch for Nov 25 (LM-2F Y22 fuelled), uncrewed with cargo. "
            "Commentators said it had been on standby since Nov 5 (no date of a plan).",
            answers=REPLACEMENT)
launched("2025-11-25T04:11Z", "Shenzhou-22", [],
         "http://www.chinahlj.cn/news/871414.html https://abbtakk.tv/?p=1073128",
         "Z21: 12:11 BJT, Long March 2F Y22; uncrewed, China's first crewed-programme emergency "
         "launch; cargo includes a device for the Shenzhou-20 window crack.", "2025-11-25",
         seats=3)
docked("2025-11-25T07:50Z", "Shenzhou-22", "Tianhe forward", Z22,
       "Z22: 15:50 BJT (khabarasia's 'November 26' is wrong).", "2025-11-25")
ev("crew_assigned", "2025-11-25T07:50Z", "minute", "shenzhou-21-crew-assigned-to-shenzhou-22",
   Z22, "Z22: CMSA: Shenzhou-22 is the Shenzhou-21 crew's return spacecraft, expected to stay "
   "to about April 2026 (month only: not recorded as a plan). Placed at the docking minute, "
   "after it.", "2025-11-25", vehicle="Shenzhou-22", crew=SZ21)
ev("decision_recorded", "2025-12-01", "day", "shenzhou-20-return-uncrewed",
   "https://unn.ua/en/news/damaged-spacecraft-shenzhou-20-will-return-to-earth-without-a-crew-for-detailed-inspection"
   " https://www.crbcnews.com/articles/692dc32c53ccf59e51a22238",
   "Z23 (CCTV / CMSA spokesman Ji Qiming). AP had reported on Nov 25 that Shenzhou-20 'will "
   "be brought down to Earth later'.", "2025-12-01", subject="Shenzhou-20",
   kind="return_uncrewed", by="CMSA",
   decision="Shenzhou-20 returns uncrewed so that engineers can inspect the crack on the "
            "ground.")
ev("note", "2025-12-09", "day", "shenzhou-20-window-photographed-on-eva",
   f"{ECNS_JAN} https://www.china-in-space.com/p/uncrewed-shenzhou-20-spacecraft-returns?action=share",
   "Z24: EVA clock times not found.", "2026-01-19", subject="Shenzhou-20",
   text="On a spacewalk the Shenzhou-21 crew photographed the cracked porthole window at "
        "close range.")
ev("note", "2026-01-18T12:00Z", "day", "shenzhou-20-repair-device-installed",
   f"{ECNS_JAN} https://newsanalysisindia.com/?p=534045",
   "Z25: BOUNDS 2025-11-25 to 2026-01-18 (the date is not given, UNCONFIRMED); placed at the "
   "upper bound, the day before the undocking.", "2026-01-19", subject="Shenzhou-20",
   text="The Shenzhou-21 crew installed the repair device delivered by Shenzhou-22 inside "
        "Shenzhou-20, improving its thermal protection and sealing for reentry.")
ev("undocked", "2026-01-18T16:23Z", "minute", "shenzhou-20-undocked",
   "https://www.nationthailand.com/blogs/news/world/40061449"
   " https://www.china-in-space.com/p/uncrewed-shenzhou-20-spacecraft-returns?action=share",
   "Z26: 00:23 BJT Jan 19 after 270 days docked; uncrewed, with cargo.", "2026-01-19",
   vehicle="Shenzhou-20", crew=[])
ev("landed", "2026-01-19T01:34Z", "minute", "shenzhou-20-landed",
   f"{ECNS_JAN} http://www.szdaily.com/content/2026-01/21/content_31910472.htm",
   "Z27: 09:34 BJT, uncrewed; exterior intact. Shenzhou-23 already at Jiuquan as the rolling "
   "backup.", "2026-01-19", vehicle="Shenzhou-20", site="Dongfeng landing site")
# fmt: on


def main(argv: list[str]) -> int:
    # lifeboat_always=False: the 11 days without a ride home (Z19) are real
    registry = Registry(VEHICLES, STILL_DOCKED, lifeboat_always=False)
    return build(LOG, registry, OUT, argv, "build_shenzhou_log.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
