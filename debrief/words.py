"""The run in the words people read: names for ids, whole numbers, the scenario clock, and
one sentence per event.

``Words(scenario, lang)`` knows every id a scenario defines (places, teams, units,
agencies, armed groups, host forces, authorities, community structures, actions, critical
tasks, objectives, measures, injects) and turns them into names in ``lang``; ``event(e)``
says what an event of the log means ("day 2, 08:00: NBAF attacked Bambiri: 22 killed, 64
injured"). Ids stay in JSON and in the report's appendix for analysts.
"""

from __future__ import annotations

import re

from simulator.i18n import N_, N_plural, count, decimal, ntr, pN_, say, tr, translations
from simulator.language.rejections import explain
from simulator.language.scenario import Scenario, text
from simulator.play.compare import OUTCOME_NAMES
from simulator.world.sitrep_text import clock, names

INJECT_WORDS = 9  # an inject is named by the first words of its message

# Words the report looks up by key: its outcomes, deaths and injuries, sex and age groups
# (and the groups a consultation names).
TERMS = {
    **OUTCOME_NAMES,
    "deaths": N_("deaths"),
    "injuries": N_("injuries"),
    "displaced": N_("displaced"),
    "women": N_("women"),
    "men": N_("men"),
    "girls": N_("girls"),
    "boys": N_("boys"),
    "older": N_("older people"),
    "youth": N_("youth"),
    "leaders": N_("leaders"),
    "all": N_("all groups"),
}

# What each metric measures, for a measure the scenario does not describe.
METRIC_NAMES = {
    "civilian_deaths": N_("civilian deaths"),
    "civilian_injuries": N_("civilian injuries"),
    "casualties": N_("casualties"),
    "displaced_peak": N_("displaced people (peak)"),
    "displaced_final": N_("displaced people at the end"),
    "unmet_need_person_days": N_("unmet need (person-days)"),
    "aid_person_days": N_("aid delivered (person-days)"),
    "incidents": N_("violent incidents"),
    "attacks": N_("attacks"),
    "incidents_by_type": N_("incidents by type"),
    "attacks_deterred": N_("attacks deterred"),
    "sgbv_cases": N_("cases of sexual violence"),
    "sgbv_referred": N_("survivors referred"),
    "trust_mean_final": N_("trust at the end"),
    "people_assisted": N_("people assisted"),
    "humanitarian_access_final": N_("humanitarian access at the end"),
    "abuse_incidents": N_("abuses after the mission's support"),
    "harm_linked_to_mission": N_("harm linked to the mission's support"),
    "principle_breaches": N_("humanitarian principle breaches"),
    "aid_as_leverage": N_("aid made conditional"),
    "detentions_overdue": N_("detainees held too long"),
    "detentions_founded": N_("detentions that found suspects"),
    "people_reached": N_("people reached with aid"),
    "abducted": N_("people abducted"),
    "recruited": N_("people recruited by armed groups"),
    "children_handed_over": N_("released children handed to child protection in time"),
    "clashes": N_("intercommunal clashes"),
    "tension_alerts_acted_on": N_("warnings of rising tension answered in time"),
    "expected_actions_met": N_("expected actions met by their effect"),
    "response_hours": N_("time to respond"),
    "warnings_acted_on": N_("warned attacks that found protection"),
    "deaths_in_warned_attacks": N_("deaths in warned attacks"),
    "assessed_before_aid": N_("aid sent to assessed places"),
    "orders_effective": N_("orders that had their effect"),
    "hrddp_before_support": N_("support only after an HRDDP assessment"),
    "sgbv_referral_share": N_("survivors who reached a referral pathway"),
    "consulted": N_("consultations acted on"),
    "information_shared": N_("turns with information shared"),
    "disaggregated": N_("assessments by sex and age"),
    "referral_before_first_case": N_("referral pathway before the first case"),
}


def term(key: str, lang: str = "en") -> str:
    """An outcome, a casualty count or a group by ``key``, in ``lang`` (an unknown key as
    it is)."""
    return tr(TERMS[key], lang) if key in TERMS else key


def metric_name(metric: str, lang: str = "en") -> str:
    """What ``metric`` measures, in ``lang`` (an unknown metric with its words spaced)."""
    return tr(METRIC_NAMES[metric], lang) if metric in METRIC_NAMES else metric.replace("_", " ")


def event_value(value, lang: str = "en", default: str | None = None) -> str:
    """A value an event carries (a need, a tactic, a status ...) in words in ``lang``; one
    without words as ``default``, or as written with spaces for underscores."""
    if value in EVENT_VALUES:
        return say(EVENT_VALUES[value], lang)
    return str(value).replace("_", " ") if default is None else default


def number(value, lang: str = "en") -> str:
    """A count as a whole number with thousands grouped; a value below 10 that is not
    whole (a share, a trust level) with two decimals, the decimal mark of ``lang``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "–" if value is None else str(value)
    if float(value).is_integer() or abs(value) >= 10:
        return count(value, lang)
    return decimal(value, lang)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "–"


class Words:
    def __init__(self, scenario: Scenario, lang: str = "en"):
        self.scenario, self.lang = scenario, lang
        a = scenario.actors
        known = {k: v for kind in names(scenario, lang).values() for k, v in kind.items()}
        for kind in ("authorities", "community_structures"):
            known.update({x.id: text(x.name, lang) for x in getattr(a, kind, [])})
        self.entities = dict(known)  # what an order's parameters may name
        for action in scenario.actions:
            known.setdefault(action.id, text(action.name, lang))
        for o in scenario.objectives:
            known[o.id] = text(o.title, lang)
            for task in o.critical_tasks:
                known[task.id] = text(task.title, lang)
                for m in task.measures:
                    known[m.id] = self.measure(m)
        for inj in scenario.msel:
            known[inj.id] = self._inject(inj)
        self.known = known

    # --- names and numbers ------------------------------------------------------------

    def name(self, key) -> str:
        """The name of ``key`` (any id of the scenario), or ``key`` itself."""
        if key is None:
            return "–"
        if isinstance(key, str) and "--" in key:  # a route: its two ends
            return " – ".join(self.name(k) for k in key.split("--"))
        return self.known.get(key, str(key))

    def names(self, keys) -> str:
        """Several ids by name: a list, or ids written "a, b" as a scope lists them."""
        if isinstance(keys, str):
            keys = [k for k in re.split(r",\s*", keys) if k]
        return ", ".join(self.name(k) for k in keys)

    def num(self, value) -> str:
        return number(value, self.lang)

    def when(self, hour: float) -> str:
        return clock(hour, self.scenario, self.lang)

    def measure(self, m) -> str:
        """A measure in words: its description when the scenario gives one, else what its
        metric measures."""
        if m.description is not None:
            return text(m.description, self.lang)
        return metric_name(m.metric, self.lang)

    def _inject(self, inj) -> str:
        """An inject named for a reader: the first words of its message, and its sender."""
        words = text(inj.message, self.lang).split()
        head = " ".join(words[:INJECT_WORDS]) + ("…" if len(words) > INJECT_WORDS else "")
        # TRANSLATORS: the first words of an inject's message, quoted, and who sent it
        return tr("“{quote}” ({sender})", self.lang, quote=head,
                  sender=text(inj.from_, self.lang))

    # --- events ---------------------------------------------------------------------

    def event(self, e: dict) -> str:
        """One event in a sentence, with its time on the scenario clock."""
        return self.when(e["hour"]) + tr(": ", self.lang) + self.what(e)

    def what(self, e: dict) -> str:
        """What an event says, without its time."""
        lang = self.lang
        f = _Blank()
        for k, v in e.items():
            if k in ("id", "cause", "type"):
                continue
            if k.endswith("_hour") and isinstance(v, (int, float)):
                f[k] = self.when(v)
            elif k in ("need", "hazard", "kind", "tactic", "status", "mode", "advice"):
                f[k] = event_value(v, lang)
            elif k in ("deaths_by_group", "injuries_by_group", "by_group", "abducted_by_group",
                       "children_by_group", "recruited_by_group"):
                f[k] = ", ".join(f"{term(g, lang)} {self.num(n)}"
                                 for g, n in v.items() if n)
            elif k == "consulted":
                f[k] = ", ".join(term(g, lang) for g in v)
            elif isinstance(v, list):
                f[k] = self.names(v) if all(isinstance(x, str) for x in v) else str(len(v))
            elif isinstance(v, dict):
                f[k] = ", ".join(self.name(x) for x in v)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                f[k] = self.num(v)
            elif isinstance(v, str):
                f[k] = self.name(v)
        kind = e["type"]
        if kind in ("decision_accepted", "decision_rejected"):
            f["order"] = self.order(e.get("action"), e.get("params", {}))
            if kind == "decision_rejected":
                f["why"] = explain(e["why"], e["args"], lang, self.name, self.when) \
                    if "why" in e else e.get("detail", "")
        if kind == "expected_action":
            f["where"] = " (" + tr("at {place}", lang, place=f["location"]) + ")" \
                if e.get("location") else ""
        if kind in ("presence", "escort") and e.get("route"):
            f["location"] = self.name(e["route"])  # along a route: both its ends
        if kind == "checkpoint_passed":
            f["reason"] = event_value(e.get("reason"), lang, "–")
        if kind == "investigation":
            f["found"] = self.num(len(e.get("incidents_found", [])))
        if kind == "inject_fired":
            f["message"] = self.name(e.get("inject"))
        if kind == "attack" and e.get("tactic") == "abduction":
            kind = "abduction"  # people taken, not killed
        for key, forms in COUNT_WORDS.get(kind, {}).items():
            if isinstance(e.get(key), (int, float)):
                f[key] = ntr(*forms, round(e[key]), lang, n=self.num(e[key]))
        if kind not in EVENTS:
            label = kind.replace("_", " ")
            where = f" ({f['location']})" if "location" in e else ""
            who = f"{f['team']}: " if "team" in e else ""
            return f"{who}{label}{where}"
        text = EVENTS[kind]
        if isinstance(text, tuple):
            n = e.get(COUNTED[kind], 0)
            return translations(lang).ngettext(*text, len(n) if isinstance(n, list) else int(n)) \
                .format_map(f)
        return tr(text, lang).format_map(f)

    def _value(self, v) -> str:
        """A parameter's value: a name, a number, or a choice in words."""
        if v is True:
            return "✓"
        if isinstance(v, (int, float)):
            return self.num(v)
        v = str(v)
        return self.entities.get(v) or event_value(v, self.lang)

    def order(self, action: str | None, params: dict) -> str:
        """An order as "Patrol: B Company, Tiéloba"."""
        values = []
        for v in params.values():
            if v is None or v == "" or v is False:
                continue
            values.append(", ".join(map(self._value, v)) if isinstance(v, list)
                          else self._value(v))
        head = self.name(action) if action else "–"
        return head + tr(": ", self.lang) + ", ".join(values) if values else head


# Words for the values events carry (needs, hazards, tactics, statuses ...); the words the
# portal or the MSEL says otherwise carry the context "event".
EVENT_VALUES: dict[str, str | tuple[str, str]] = {
    "water": N_("water"),
    "food": N_("food"),
    "shelter": pN_("event", "shelter"),
    "health": N_("health"),
    "flood": N_("flood"),
    "epidemic": N_("epidemic"),
    "raid": N_("raid"),
    "abduction": N_("abduction"),
    "ambush": N_("ambush"),
    "met": pN_("event", "met"),
    "attempted": N_("attempted without effect"),
    "escort": N_("escorted"),
    "negotiated_access": N_("access negotiated"),
    "market": N_("market day"),
    "rally": pN_("event", "rally"),
    "funeral": N_("funeral"),
    "distribution": N_("distribution"),
    "religious": N_("religious gathering"),
    "refused": N_("refused"),
    "missed": N_("not ordered"),
    "patrol": N_("patrol"),
    "guard": N_("guard"),
    "joint_operation": N_("joint operation"),
    "fuel": pN_("event", "fuel"),
    "rations": pN_("event", "rations"),
    "transport": pN_("event", "transport"),
    "leaders": N_("leaders"),
    "women": N_("women"),
    "youth": N_("youth"),
    "support": N_("support"),
    "support with mitigation": N_("support with mitigation"),
    "withhold support": N_("withhold support"),
}

# One sentence per kind of event; {field} is the event's field in words. A sentence with a
# plural takes its form from the field of COUNTED (a number, or a list's length).
EVENTS: dict[str, str | tuple[str, str]] = {
    "turn_opened": N_("turn {turn} opened"),
    "turn_closed": N_("turn {turn} closed"),
    "inject_fired": N_("inject to {to}: {message}"),
    "decision_accepted": N_("{team} ordered {order}"),
    "decision_rejected": N_("{team} ordered {order}, refused: {why}"),
    "expected_action": N_("{team} was expected to order {action}{where} by turn {by_turn} after "
                          "{inject}: {status}"),
    # TRANSLATORS: {deaths} and {injuries} are counts with their words ("2 killed", "1 injured")
    "attack": N_("{armed_group} attacked {location} ({tactic}): {deaths}, {injuries}"),
    "attack_deterred": N_("an attack by {armed_group} on {location} was deterred (protected by "
                          "{protected_by})"),
    "attack_abandoned": N_("{armed_group} abandoned its attack on {location}"),
    # TRANSLATORS: {deaths} and {injuries} are counts with their words ("2 killed", "1 injured")
    "abuse_by_host_force": N_("{host_force} abused civilians at {location}: {deaths}, {injuries}"),
    "threat_planned": N_("{armed_group} planned a {tactic} on {location} for {expected_hour}"),
    "false_alarm": N_("a warning of a {tactic} by {armed_group} on {location} for {expected_hour}, "
                      "which proved false"),
    "early_warning_reported": N_("the alert network at {network} warned {team} of {armed_group} at "
                                 "{location} for {expected_hour}"),
    "warning": N_plural("{team} warned people at {location} ({reached} reached)",
                        "{team} warned people at {location} ({reached} reached)"),
    "presence": N_("{team}: {unit} on {mode} at {location} from {arrive_hour} until {until_hour}"),
    "escort": N_("{team}: {unit} escorting at {location} until {until_hour}"),
    "task_done": N_("{team}: {unit} finished its task at {location}"),
    "unit_cannot_reach": N_("{team}: {unit} could not reach {location}"),
    "engagement": N_("{team} consulted the community at {location} ({consulted})"),
    "engagement_failed": N_("{team} could not engage the community at {location}"),
    "mediation": N_("{team} mediated at {location}"),
    "investigation": N_plural("{team} investigated at {location}: {found} incident found",
                              "{team} investigated at {location}: {found} incidents found"),
    "detention": N_plural("{team}: {unit} detained {detainees} suspect of {armed_group} at {location}",
                          "{team}: {unit} detained {detainees} suspects of {armed_group} at {location}"),
    "detention_failed": N_("{team}: {unit} found no one to detain at {location}"),
    "detention_overdue": N_plural("{team} held {detainees} detainee past the limit",
                                  "{team} held {detainees} detainees past the limit"),
    "handover": N_plural("{team} handed {detainees} detainee to {host_force} (HRDDP advice: {advice})",
                         "{team} handed {detainees} detainees to {host_force} (HRDDP advice: {advice})"),
    "host_force_supported": N_("{team} supported {host_force} ({kind}; HRDDP advice: {advice})"),
    "hrddp_assessment": N_("{team} assessed {host_force} under the HRDDP: {advice}"),
    "abuse": N_("{host_force} abused civilians at {location}"),
    "information_shared": N_plural("{team} shared {facts} fact with {to}",
                                   "{team} shared {facts} facts with {to}"),
    "alert_network_set_up": N_("{team} set up an alert network at {location}"),
    "referral_pathway": N_("{team} set up an SGBV referral pathway at {location}"),
    "sgbv_referred": N_plural("{cases} survivor of sexual violence at {location} was referred",
                              "{cases} survivors of sexual violence at {location} were referred"),
    "sgbv_unattended": N_plural("{cases} survivor of sexual violence at {location} had no referral "
                                "pathway within reach",
                                "{cases} survivors of sexual violence at {location} had no referral "
                                "pathway within reach"),
    "assessment": N_("{team} assessed needs at {location} ({population} people)"),
    "aid_dispatched": N_("{agency} sent {amount} person-days of {need} to {location}"),
    "aid_delivered": N_("{agency} delivered {amount} person-days of {need} at {location}"),
    "aid_blocked": N_("{need} from {agency} for {location} was blocked"),
    "aid_suspended": N_("{agency} suspended aid"),
    "aid_as_leverage": N_("{team} made {need} at {location} conditional on cooperation"),
    "convoy_ambushed": N_("a convoy of {agency} to {location} was ambushed ({lost} person-days of "
                          "{need} lost)"),
    "principle_breach": N_("{team}: humanitarian principles breached at {location}"),
    "asset_request_approved": N_("a request by {team} for {unit} at {location} was approved until "
                                 "{until_hour}"),
    "asset_request_declined": N_("a request by {team} for {unit} at {location} was declined"),
    "medevac": N_plural("{team}: {unit} evacuated {injured_treated} injured person from {location}",
                        "{team}: {unit} evacuated {injured_treated} injured people from {location}"),
    "evacuation": N_("{team}: {unit} evacuated {people} people from {location} to {to}"),
    "evacuation_failed": N_("{team}: the evacuation from {location} failed"),
    "site_opened": N_("{team} opened a site at {location} for {capacity} people"),
    "hazard": N_("{hazard} at {locations}, peaking at {peak_hour}"),
    "route_flooded": N_("the route {route} was flooded"),
    "route_washed_out": N_("the route {route} was washed out"),
    "route_reopened": N_("the route {route} reopened"),
    "route_repaired": N_("the route {route} was repaired"),
    "route_closed": N_("the route {route} was closed"),
    "route_opened": N_("the route {route} opened"),
    "boats_changed": N_("the boats on {route} now carry {people} people a day"),
    "recruitment": N_("{armed_group} recruited {recruited} at {location} ({recruited_by_group})"),
    "herd_departed": N_("{herd} ({cattle} head) left {location} along its corridor"),
    "crop_damage": N_("{herd} trampled fields at {location} (tension {tension})"),
    "herd_passed": N_("{herd} passed {location} under the local agreement"),
    "herd_arrived": N_("{herd} reached {location}, the end of its corridor"),
    "herd_already_moving": N_("{herd} is already on the move"),
    # TRANSLATORS: {deaths} and {injuries} are counts with their words ("2 killed", "1 injured")
    "intercommunal_clash": N_("communities clashed at {location}: {deaths}, {injuries} (tension "
                              "{tension})"),
    "tension_alert": N_plural("tension at {location} reached {tension}: {teams} warned",
                              "tension at {location} reached {tension}: {teams} warned"),
    "local_agreement": N_("{team} supported a local agreement at {location}, holding until {until_hour}"),
    "local_agreement_failed": N_("{team}: no local agreement at {location} without mediation first"),
    "local_agreement_ended": N_("the local agreement at {location} ran out"),
    "rumour_countered": N_("{team} countered a rumour at {location} (reached {reached})"),
    "abduction": N_("{armed_group} abducted {abducted} people at {location} ({abducted_by_group}); "
                    "{recruited} joined its ranks"),
    "children_released": N_("{armed_group} released {children} children at {location} "
                            "({children_by_group})"),
    "children_handed_over": N_("{team} handed {children} released children to {agency} "
                               "{hours_after_release} hours after their release"),
    "children_handed_to_security_forces": N_("{team} handed {children} released children to "
                                             "{host_force}, a security force"),
    "children_handover_overdue": N_("{children} children released by {armed_group} at {location} still "
                                    "wait for child protection after {hours_waiting} hours"),
    "children_reunified": N_("{agency} reunified {children} children with their families"),
    "children_handover_failed": N_("{team}: no handover of children at {location}"),
    "shared_asset_conflict": N_("{team} asked for {unit} ({action}), but it went to {given_to} "
                                "({given_for}), which has priority"),
    "gathering_planned": N_("a {kind} is expected at {location} from {start_hour} to {end_hour} "
                            "({people} people from around)"),
    "gathering_started": N_("a {kind} gathered {people} people at {location} until {until_hour}"),
    "gathering_ended": N_("the {kind} at {location} ended; {went_back} people went back"),
    # TRANSLATORS: {deaths} and {injuries} are counts with their words ("2 killed", "1 injured")
    "crowd_incident": N_("a crowd incident at the {kind} at {location}: {deaths}, {injuries} "
                         "(public order {public_order})"),
    "checkpoint_passage": N_("at the checkpoint {checkpoint} of {held_by}: {passed} people passed, "
                             "{turned_back} turned back, {abducted} abducted ({abducted_by_group}), "
                             "{detoured} went round it"),
    "levy_paid": N_("{agency} paid {held_by} a levy of {amount} person-days of {need} at {checkpoint} "
                    "on the way to {location}"),
    "convoy_turned_back": N_("a convoy of {agency} to {location} was turned back at {checkpoint} "
                             "({held_by})"),
    "convoy_detoured": N_("a convoy of {agency} to {location} went round {checkpoints}: {extra_hours} "
                          "hours more on the way"),
    "checkpoint_passed": N_("a convoy of {agency} to {location} passed {checkpoint} without levy "
                            "({reason})"),
    "checkpoint_set_up": N_("{held_by} set up the checkpoint {checkpoint} on {route}"),
    "checkpoint_lifted": N_("the checkpoint {checkpoint} on {route} was lifted"),
    "checkpoint_cleared": N_("the checkpoint {checkpoint} of {held_by} stopped operating: "
                             "{protected_by} on {route}"),
    "checkpoint_resumed": N_("the checkpoint {checkpoint} of {held_by} operates again on {route}"),
    "access_negotiated": N_("{team} negotiated access through {checkpoint} with {held_by} until "
                            "{until_hour}"),
    "crossing_full": N_("the boats on {route} were full: {carried} people crossed, {turned_away} "
                        "attempts to cross were turned away"),
    "flood_deaths": N_("{deaths} died in the flood at {location}"),
    "disease_deaths": N_("{deaths} died of disease at {location}"),
    "deprivation_deaths": N_("{deaths} died of unmet needs at {location}"),
    "injury_deaths": N_("{deaths} died of untreated injuries at {location}"),
    "rumour": N_("a rumour spread at {location}"),
    "tension_changed": N_("tension rose at {location}"),
    "trust_lost": N_("people at {location} lost trust in the mission"),
}
COUNTED = {"investigation": "incidents_found", "detention": "detainees",
           "detention_overdue": "detainees", "handover": "detainees", "information_shared": "facts",
           "sgbv_referred": "cases", "sgbv_unattended": "cases", "tension_alert": "teams",
           "warning": "reached", "medevac": "injured_treated"}
# Counts said with their own words inside an event's sentence, each in its own plural form
# (one killed, two injured): a sentence with several counts cannot take one form for all.
KILLED = N_plural("{n} killed", "{n} killed")
INJURED = N_plural("{n} injured", "{n} injured")
COUNT_WORDS = {kind: {"deaths": KILLED, "injuries": INJURED}
               for kind in ("attack", "abuse_by_host_force", "intercommunal_clash",
                            "crowd_incident")}
