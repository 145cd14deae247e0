"""What is recorded of a run: one time-series row per turn and place, the people who set
off from one place to another in each turn, and the outcomes.

``summary.json``'s outcomes are documented in docs/architecture.md.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from agents.civilians import CAUSES, GROUPS, NEEDS
from simulator.language.measure_specs import VIOLENT

# Deaths of the turn at a place, by cause, as time-series columns.
DEATH_COLUMNS = {"violence": "violence_deaths", "flood": "flood_deaths",
                 "disease": "disease_deaths", "deprivation": "deprivation_deaths",
                 "injuries": "injury_deaths"}
# Causes whose deaths no event reports as they happen: logged once a turn per place.
QUIET_DEATHS = {"deprivation": "deprivation_deaths", "injuries": "injury_deaths"}
# Time-series columns by need, group and cause, in the order of NEEDS, GROUPS and CAUSES.
NEED_COLUMNS = [f"{need}_met" for need in NEEDS]
GROUP_DEATH_COLUMNS = [f"deaths_{g}" for g in GROUPS]
GROUP_INJURY_COLUMNS = [f"injuries_{g}" for g in GROUPS]
CAUSE_COLUMNS = [DEATH_COLUMNS[cause] for cause in CAUSES]
# A time-series row's columns, in order.
ROW_COLUMNS = ("turn", "location", "population", "residents", "displaced", "people_at_risk",
               *NEED_COLUMNS, "aid_person_days", "unmet_person_days", "incidents",
               *GROUP_DEATH_COLUMNS, *GROUP_INJURY_COLUMNS, *CAUSE_COLUMNS, "infected",
               "flood_level_m", "risk", "presence", "trust", "tension")


class Recorder:
    """Keeps the numbers that need memory across sub-steps and turns."""

    def __init__(self, n_locations: int):
        self._rows: list[dict] = []
        self._turns: list[tuple] = []  # each turn's columns, made into rows when read
        self.flows: list[dict] = []  # {turn, from, to, people}: set off during the turn
        self._flows_recorded: dict[tuple[int, int], int] = {}  # (from, to) → people
        self.displaced_peak = 0
        self.aid_reached = np.zeros(n_locations)  # most people aid covered in one turn
        self._turn_start_event = 0
        self._deaths = None  # [cause, location, group] at the start of the turn
        self._injuries = None
        self._unmet = None

    def start_turn(self, m) -> None:
        self._turn_start_event = len(m.events)
        self._deaths = m.civilians.deaths.copy()
        self._injuries = m.civilians.injuries.copy()
        self._unmet = m.civilians.unmet.sum(axis=1)

    def turn_events(self, m) -> list[dict]:
        return m.events.since(self._turn_start_event)

    def after_substep(self, m) -> None:
        self.displaced_peak = max(self.displaced_peak, m.civilians.displaced_total())

    def turn_deaths(self, m) -> np.ndarray:
        """Deaths during the turn so far, ``[cause, location, group]``."""
        return m.civilians.deaths - self._deaths

    def end_turn(self, m) -> None:
        """Append one row per location for the turn just adjudicated."""
        c = m.civilians
        present, disp = c.present(), c.displaced()
        by_cause = self.turn_deaths(m)
        dead = by_cause.sum(axis=0)
        hurt = c.injuries - self._injuries
        unmet = c.unmet.sum(axis=1) - self._unmet
        days = m.turn_hours / 24
        self.aid_reached = np.maximum(self.aid_reached, c.turn_aid.max(axis=1) / days)
        presence = m.protection.presence_array()
        felt = c.felt_risk(presence)
        at_risk = m.measures.at_risk(felt)
        events = self.turn_events(m)
        incidents = Counter(e.get("location") for e in events if e["type"] in VIOLENT)
        # Plain Python ints and floats, read once: far quicker to read one by one.
        people_at, displaced_at = present.sum(axis=1).tolist(), disp.sum(axis=1).tolist()
        dead, hurt, by_cause = dead.tolist(), hurt.tolist(), by_cause.sum(axis=2).T.tolist()
        unmet_share, unmet, infected, level, felt, presence, trust, tension, aid = (
            np.asarray(a, dtype=float).tolist() for a in (
                c.turn_unmet, unmet, m.epidemic.e + m.epidemic.i, m.floods.level, felt,
                presence, m.trust, m.tension, c.turn_aid.sum(axis=1)))
        self._turns.append((m.turn, m.loc_ids, people_at, displaced_at, at_risk.tolist(),
                            unmet_share, aid, unmet, incidents, dead, hurt, by_cause, infected,
                            level, felt, presence, trust, tension))
        self._record_flows(m)

    @property
    def rows(self) -> list[dict]:
        """The time series, one dict per turn and place: made when first read after a
        turn, so a turn costs no dict per place."""
        for (turn, loc_ids, people_at, displaced_at, at_risk, unmet_share, aid, unmet,
             incidents, dead, hurt, by_cause, infected, level, felt, presence, trust,
             tension) in self._turns:
            for i, loc in enumerate(loc_ids):
                people = people_at[i]
                self._rows.append(dict(zip(ROW_COLUMNS, (
                    turn, loc, people, people - displaced_at[i], displaced_at[i],
                    people if at_risk[i] else 0,
                    *(round(1 - share, 4) for share in unmet_share[i]),
                    round(aid[i], 1), round(unmet[i], 1), incidents[loc], *dead[i], *hurt[i],
                    *by_cause[i], int(round(infected[i])), round(level[i], 2),
                    round(felt[i], 3), round(presence[i], 1), round(trust[i], 3),
                    round(tension[i], 3)), strict=True)))
        self._turns.clear()
        return self._rows

    def _record_flows(self, m) -> None:
        """People who set off from one place to another since the last turn's record.

        Walking, going home and transport all count when they leave, even if they arrive
        in a later turn or not at all. A move to the same place is not a flow.
        """
        total = m.civilians.flows
        for src, dest in sorted(m.civilians.flowed):  # the others moved nobody since
            people = total[(src, dest)]
            moved = people - self._flows_recorded.get((src, dest), 0)
            if moved > 0 and src != dest:
                self.flows.append({"turn": m.turn, "from": m.loc_ids[src],
                                   "to": m.loc_ids[dest], "people": moved})
            self._flows_recorded[(src, dest)] = people
        m.civilians.flowed.clear()

    def outcomes(self, m) -> dict:
        """The outcomes of the run so far."""
        c = m.civilians
        ev = m.events
        return {
            "civilian_deaths": int(c.deaths.sum()),
            "civilian_deaths_by_cause": {cause: int(c.deaths[k].sum())
                                         for k, cause in enumerate(CAUSES)},
            "civilian_deaths_by_group": m.by_group(c.deaths.sum(axis=(0, 1))),
            "civilian_injuries": int(c.injuries.sum()),
            "civilian_injuries_by_group": m.by_group(c.injuries.sum(axis=0)),
            "displaced_peak": int(self.displaced_peak),
            "displaced_final": int(c.displaced_total()),
            "unmet_need_person_days": round(float(c.unmet.sum()), 1),
            "unmet_need_by_need": {k: round(float(c.unmet[:, i].sum()), 1)
                                   for i, k in enumerate(NEEDS)},
            "aid_person_days": round(float(c.aid_used.sum()), 1),
            "people_assisted": int(round(float(self.aid_reached.sum()))),
            "incidents": len(ev.of_type(*VIOLENT)),
            "attacks": len(ev.of_type("attack")),
            "attacks_deterred": len(ev.of_type("attack_deterred")),
            "abuse_incidents": len(ev.of_type("abuse_by_host_force")),
            "sgbv_cases": sum(e["cases"] for e in ev.of_type("sgbv_referred", "sgbv_unattended")),
            "sgbv_referred": sum(e["cases"] for e in ev.of_type("sgbv_referred")),
            "principle_breaches": len(ev.of_type("principle_breach")),
            "humanitarian_access_final": round(m.humanitarian_access, 3),
            "trust_mean_final": round(m.measures.mean_trust(), 3),
        }
