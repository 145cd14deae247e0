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

from simulator.i18n import N_, count, tr
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


def number(value, lang: str = "en") -> str:
    """A count as a whole number with thousands grouped; a value below 10 that is not
    whole (a share, a trust level) with two decimals, a decimal comma in French."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "–" if value is None else str(value)
    if float(value).is_integer() or abs(value) >= 10:
        return count(value, lang)
    shown = f"{value:.2f}"
    return shown.replace(".", ",") if lang == "fr" else shown


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
        return f"«\u00a0{head}\u00a0» ({text(inj.from_, self.lang)})" if self.lang == "fr" \
            else f"“{head}” ({text(inj.from_, self.lang)})"

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
                f[k] = EVENT_VALUES[lang].get(v, str(v).replace("_", " "))
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
            f["reason"] = EVENT_VALUES[lang].get(e.get("reason"), "–")
        if kind == "investigation":
            f["found"] = self.num(len(e.get("incidents_found", [])))
        if kind == "inject_fired":
            f["message"] = self.name(e.get("inject"))
        if kind == "attack" and e.get("tactic") == "abduction":
            kind = "abduction"  # people taken, not killed
        sentence = EVENTS[lang].get(kind)
        if sentence is None:
            label = kind.replace("_", " ")
            where = f" ({f['location']})" if "location" in e else ""
            who = f"{f['team']}: " if "team" in e else ""
            return f"{who}{label}{where}"
        return sentence.format_map(f)

    def _value(self, v) -> str:
        """A parameter's value: a name, a number, or a choice in words."""
        if v is True:
            return "✓"
        if isinstance(v, (int, float)):
            return self.num(v)
        v = str(v)
        return self.entities.get(v) or EVENT_VALUES[self.lang].get(v, v.replace("_", " "))

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


# Words for the values events carry (needs, hazards, tactics, statuses ...).
EVENT_VALUES = {
    "en": {"water": "water", "food": "food", "shelter": "shelter", "health": "health",
           "flood": "flood", "epidemic": "epidemic", "raid": "raid", "abduction": "abduction",
           "ambush": "ambush", "met": "met", "attempted": "attempted without effect",
           "escort": "escorted", "negotiated_access": "access negotiated",
           "market": "market day", "rally": "rally", "funeral": "funeral",
           "distribution": "distribution", "religious": "religious gathering",
           "refused": "refused", "missed": "not ordered", "patrol": "patrol",
           "guard": "guard", "joint_operation": "joint operation", "fuel": "fuel",
           "rations": "rations", "transport": "transport", "leaders": "leaders",
           "women": "women", "youth": "youth",
           "support": "support", "support with mitigation": "support with mitigation",
           "withhold support": "withhold support"},
    "fr": {"water": "eau", "food": "vivres", "shelter": "abri", "health": "santé",
           "flood": "crue", "epidemic": "épidémie", "raid": "raid", "abduction": "enlèvement",
           "ambush": "embuscade", "met": "atteinte", "attempted": "tentée sans effet",
           "escort": "sous escorte", "negotiated_access": "accès négocié",
           "market": "jour de marché", "rally": "rassemblement politique",
           "funeral": "funérailles", "distribution": "distribution",
           "religious": "rassemblement religieux",
           "refused": "refusée", "missed": "non ordonnée", "patrol": "patrouille",
           "guard": "garde", "joint_operation": "opération conjointe", "fuel": "carburant",
           "rations": "rations", "transport": "transport", "leaders": "chefs",
           "women": "femmes", "youth": "jeunes",
           "support": "appuyer", "support with mitigation": "appuyer avec des mesures "
           "d'atténuation", "withhold support": "refuser l'appui"},
}

# One sentence per kind of event; {field} is the event's field in words.
EVENTS = {
    "en": {
        "turn_opened": "turn {turn} opened", "turn_closed": "turn {turn} closed",
        "inject_fired": "inject to {to}: {message}",
        "decision_accepted": "{team} ordered {order}",
        "decision_rejected": "{team} ordered {order}, refused: {why}",
        "expected_action": "{team} was expected to order {action}{where} by turn {by_turn} "
                           "after {inject}: {status}",
        "attack": "{armed_group} attacked {location} ({tactic}): {deaths} killed, {injuries} "
                  "injured",
        "attack_deterred": "an attack by {armed_group} on {location} was deterred "
                           "(protected by {protected_by})",
        "attack_abandoned": "{armed_group} abandoned its attack on {location}",
        "abuse_by_host_force": "{host_force} abused civilians at {location}: {deaths} killed, "
                               "{injuries} injured",
        "threat_planned": "{armed_group} planned a {tactic} on {location} for {expected_hour}",
        "false_alarm": "a warning of a {tactic} by {armed_group} on {location} for "
                       "{expected_hour}, which proved false",
        "early_warning_reported": "the alert network at {network} warned {team} of {armed_group} "
                                  "at {location} for {expected_hour}",
        "warning": "{team} warned people at {location} ({reached} reached)",
        "presence": "{team}: {unit} on {mode} at {location} from {arrive_hour} until "
                    "{until_hour}",
        "escort": "{team}: {unit} escorting at {location} until {until_hour}",
        "task_done": "{team}: {unit} finished its task at {location}",
        "unit_cannot_reach": "{team}: {unit} could not reach {location}",
        "engagement": "{team} consulted the community at {location} ({consulted})",
        "engagement_failed": "{team} could not engage the community at {location}",
        "mediation": "{team} mediated at {location}",
        "investigation": "{team} investigated at {location}: {found} incident(s) found",
        "detention": "{team}: {unit} detained {detainees} suspect(s) of {armed_group} at "
                     "{location}",
        "detention_failed": "{team}: {unit} found no one to detain at {location}",
        "detention_overdue": "{team} held {detainees} detainee(s) past the limit",
        "handover": "{team} handed {detainees} detainee(s) to {host_force} (HRDDP advice: "
                    "{advice})",
        "host_force_supported": "{team} supported {host_force} ({kind}; HRDDP advice: {advice})",
        "hrddp_assessment": "{team} assessed {host_force} under the HRDDP: {advice}",
        "abuse": "{host_force} abused civilians at {location}",
        "information_shared": "{team} shared {facts} fact(s) with {to}",
        "alert_network_set_up": "{team} set up an alert network at {location}",
        "referral_pathway": "{team} set up an SGBV referral pathway at {location}",
        "sgbv_referred": "{cases} survivor(s) of sexual violence at {location} were referred",
        "sgbv_unattended": "{cases} survivor(s) of sexual violence at {location} had no "
                           "referral pathway within reach",
        "assessment": "{team} assessed needs at {location} ({population} people)",
        "aid_dispatched": "{agency} sent {amount} person-days of {need} to {location}",
        "aid_delivered": "{agency} delivered {amount} person-days of {need} at {location}",
        "aid_blocked": "{need} from {agency} for {location} was blocked",
        "aid_suspended": "{agency} suspended aid",
        "aid_as_leverage": "{team} made {need} at {location} conditional on cooperation",
        "convoy_ambushed": "a convoy of {agency} to {location} was ambushed ({lost} "
                           "person-days of {need} lost)",
        "principle_breach": "{team}: humanitarian principles breached at {location}",
        "asset_request_approved": "a request by {team} for {unit} at {location} was "
                                  "approved until {until_hour}",
        "asset_request_declined": "a request by {team} for {unit} at {location} was declined",
        "medevac": "{team}: {unit} evacuated {injured_treated} injured people from {location}",
        "evacuation": "{team}: {unit} evacuated {people} people from {location} to {to}",
        "evacuation_failed": "{team}: the evacuation from {location} failed",
        "site_opened": "{team} opened a site at {location} for {capacity} people",
        "hazard": "{hazard} at {locations}, peaking at {peak_hour}",
        "route_flooded": "the route {route} was flooded",
        "route_washed_out": "the route {route} was washed out",
        "route_reopened": "the route {route} reopened",
        "route_repaired": "the route {route} was repaired",
        "route_closed": "the route {route} was closed", "route_opened": "the route {route} opened",
        "boats_changed": "the boats on {route} now carry {people} people a day",
        "recruitment": "{armed_group} recruited {recruited} at {location} "
                       "({recruited_by_group})",
        "herd_departed": "{herd} ({cattle} head) left {location} along its corridor",
        "crop_damage": "{herd} trampled fields at {location} (tension {tension})",
        "herd_passed": "{herd} passed {location} under the local agreement",
        "herd_arrived": "{herd} reached {location}, the end of its corridor",
        "herd_already_moving": "{herd} is already on the move",
        "intercommunal_clash": "communities clashed at {location}: {deaths} killed, "
                               "{injuries} injured (tension {tension})",
        "tension_alert": "tension at {location} reached {tension}: {teams} warned",
        "local_agreement": "{team} supported a local agreement at {location}, holding until "
                           "{until_hour}",
        "local_agreement_failed": "{team}: no local agreement at {location} without "
                                  "mediation first",
        "local_agreement_ended": "the local agreement at {location} ran out",
        "rumour_countered": "{team} countered a rumour at {location} (reached {reached})",
        "abduction": "{armed_group} abducted {abducted} people at {location} "
                     "({abducted_by_group}); {recruited} joined its ranks",
        "children_released": "{armed_group} released {children} children at {location} "
                             "({children_by_group})",
        "children_handed_over": "{team} handed {children} released children to {agency} "
                                "{hours_after_release} hours after their release",
        "children_handed_to_security_forces": "{team} handed {children} released children "
                                              "to {host_force}, a security force",
        "children_handover_overdue": "{children} children released by {armed_group} at "
                                     "{location} still wait for child protection after "
                                     "{hours_waiting} hours",
        "children_reunified": "{agency} reunified {children} children with their families",
        "children_handover_failed": "{team}: no handover of children at {location}",
        "shared_asset_conflict": "{team} asked for {unit} ({action}), but it went to "
                                 "{given_to} ({given_for}), which has priority",
        "gathering_planned": "a {kind} is expected at {location} from {start_hour} to "
                             "{end_hour} ({people} people from around)",
        "gathering_started": "a {kind} gathered {people} people at {location} until "
                             "{until_hour}",
        "gathering_ended": "the {kind} at {location} ended; {went_back} people went back",
        "crowd_incident": "a crowd incident at the {kind} at {location}: {deaths} killed, "
                          "{injuries} injured (public order {public_order})",
        "checkpoint_passage": "at the checkpoint {checkpoint} of {held_by}: {passed} people "
                              "passed, {turned_back} turned back, {abducted} abducted "
                              "({abducted_by_group}), {detoured} went round it",
        "levy_paid": "{agency} paid {held_by} a levy of {amount} person-days of {need} at "
                     "{checkpoint} on the way to {location}",
        "convoy_turned_back": "a convoy of {agency} to {location} was turned back at "
                              "{checkpoint} ({held_by})",
        "convoy_detoured": "a convoy of {agency} to {location} went round {checkpoints}: "
                           "{extra_hours} hours more on the way",
        "checkpoint_passed": "a convoy of {agency} to {location} passed {checkpoint} without "
                             "levy ({reason})",
        "checkpoint_set_up": "{held_by} set up the checkpoint {checkpoint} on {route}",
        "checkpoint_lifted": "the checkpoint {checkpoint} on {route} was lifted",
        "checkpoint_cleared": "the checkpoint {checkpoint} of {held_by} stopped operating: "
                              "{protected_by} on {route}",
        "checkpoint_resumed": "the checkpoint {checkpoint} of {held_by} operates again on "
                              "{route}",
        "access_negotiated": "{team} negotiated access through {checkpoint} with {held_by} "
                             "until {until_hour}",
        "crossing_full": "the boats on {route} were full: {carried} people crossed, "
                         "{turned_away} attempts to cross were turned away",
        "flood_deaths": "{deaths} died in the flood at {location}",
        "disease_deaths": "{deaths} died of disease at {location}",
        "deprivation_deaths": "{deaths} died of unmet needs at {location}",
        "injury_deaths": "{deaths} died of untreated injuries at {location}",
        "rumour": "a rumour spread at {location}", "tension_changed": "tension rose at {location}",
        "trust_lost": "people at {location} lost trust in the mission",
    },
    "fr": {
        "turn_opened": "ouverture du tour {turn}", "turn_closed": "clôture du tour {turn}",
        "inject_fired": "inject à {to} : {message}",
        "decision_accepted": "{team} a ordonné {order}",
        "decision_rejected": "{team} a ordonné {order}, refusé : {why}",
        "expected_action": "{team} devait ordonner {action}{where} avant la fin du tour "
                           "{by_turn} après {inject} : {status}",
        "attack": "{armed_group} a attaqué {location} ({tactic}) : {deaths} tué(s), "
                  "{injuries} blessé(s)",
        "attack_deterred": "l'attaque de {armed_group} sur {location} a été dissuadée "
                           "(protection : {protected_by})",
        "attack_abandoned": "{armed_group} a renoncé à son attaque sur {location}",
        "abuse_by_host_force": "{host_force} a commis des abus à {location} : {deaths} tué(s), "
                               "{injuries} blessé(s)",
        "false_alarm": "une alerte d'action ({tactic}) de {armed_group} sur {location} pour "
                       "{expected_hour}, qui s'est révélée fausse",
        "threat_planned": "{armed_group} a prévu une action ({tactic}) sur {location} pour "
                          "{expected_hour}",
        "early_warning_reported": "le réseau d'alerte de {network} a prévenu {team} : "
                                  "{armed_group} à {location} pour {expected_hour}",
        "warning": "{team} a alerté la population de {location} ({reached} atteint(e)s)",
        "presence": "{team} : {unit} en {mode} à {location} de {arrive_hour} à {until_hour}",
        "escort": "{team} : {unit} en escorte à {location} jusqu'à {until_hour}",
        "task_done": "{team} : {unit} a terminé sa tâche à {location}",
        "unit_cannot_reach": "{team} : {unit} n'a pas pu atteindre {location}",
        "engagement": "{team} a consulté la communauté à {location} ({consulted})",
        "engagement_failed": "le dialogue de {team} à {location} a échoué",
        "mediation": "{team} a mené une médiation à {location}",
        "investigation": "{team} a enquêté à {location} : {found} incident(s) trouvé(s)",
        "detention": "{team} : {unit} a appréhendé {detainees} suspect(s) de {armed_group} à "
                     "{location}",
        "detention_failed": "{team} : {unit} n'a trouvé personne à appréhender à {location}",
        "detention_overdue": "{team} a gardé {detainees} détenu(s) au-delà du délai",
        "handover": "{team} a remis {detainees} détenu(s) à {host_force} (avis HRDDP : "
                    "{advice})",
        "host_force_supported": "{team} a appuyé {host_force} ({kind} ; avis HRDDP : {advice})",
        "hrddp_assessment": "{team} a évalué {host_force} selon la HRDDP : {advice}",
        "abuse": "{host_force} a commis des abus à {location}",
        "information_shared": "{team} a transmis {facts} information(s) à {to}",
        "alert_network_set_up": "{team} a mis en place un réseau d'alerte à {location}",
        "referral_pathway": "{team} a mis en place un circuit de référencement VBG à {location}",
        "sgbv_referred": "{cases} survivant(e)s de violences sexuelles à {location} ont été "
                         "référé(e)s",
        "sgbv_unattended": "{cases} survivant(e)s de violences sexuelles à {location} "
                           "n'avaient aucun circuit de référencement à portée",
        "assessment": "{team} a évalué les besoins à {location} ({population} personnes)",
        "aid_dispatched": "{agency} a envoyé {amount} personnes-jours ({need}) vers "
                          "{location}",
        "aid_delivered": "{agency} a livré {amount} personnes-jours ({need}) à {location}",
        "aid_blocked": "l'aide de {agency} ({need}) pour {location} a été bloquée",
        "aid_suspended": "{agency} a suspendu l'aide",
        "aid_as_leverage": "{team} a conditionné l'aide ({need}) à {location} à une coopération",
        "convoy_ambushed": "le convoi de {agency} vers {location} a été attaqué ({lost} "
                           "personnes-jours perdus : {need})",
        "principle_breach": "{team} : atteinte aux principes humanitaires à {location}",
        "asset_request_approved": "la demande de {unit} pour {location} par {team} a été "
                                  "approuvée jusqu'à {until_hour}",
        "asset_request_declined": "la demande de {unit} pour {location} par {team} a été "
                                  "refusée",
        "medevac": "{team} : {unit} a évacué {injured_treated} blessé(s) de {location}",
        "evacuation": "{team} : {unit} a évacué {people} personnes de {location} vers {to}",
        "evacuation_failed": "{team} : l'évacuation de {location} a échoué",
        "site_opened": "{team} a ouvert un site à {location} pour {capacity} personnes",
        "hazard": "{hazard} à {locations}, au plus haut à {peak_hour}",
        "route_flooded": "l'itinéraire {route} a été inondé",
        "route_washed_out": "l'itinéraire {route} a été emporté",
        "route_reopened": "l'itinéraire {route} a rouvert",
        "route_repaired": "l'itinéraire {route} a été réparé",
        "route_closed": "l'itinéraire {route} a été fermé",
        "boats_changed": "les bateaux sur {route} transportent désormais {people} personnes "
                         "par jour",
        "recruitment": "{armed_group} a recruté {recruited} personnes à {location} "
                       "({recruited_by_group})",
        "herd_departed": "{herd} ({cattle} têtes) a quitté {location} par son couloir",
        "crop_damage": "{herd} a piétiné des champs à {location} (tension {tension})",
        "herd_passed": "{herd} a traversé {location} selon l'accord local",
        "herd_arrived": "{herd} a atteint {location}, au bout de son couloir",
        "herd_already_moving": "{herd} est déjà en mouvement",
        "intercommunal_clash": "affrontement entre communautés à {location} : {deaths} tués, "
                               "{injuries} blessés (tension {tension})",
        "tension_alert": "la tension à {location} a atteint {tension} : {teams} alerté(s)",
        "local_agreement": "{team} a appuyé un accord local à {location}, valable jusqu'à "
                           "{until_hour}",
        "local_agreement_failed": "{team} : pas d'accord local à {location} sans médiation "
                                  "préalable",
        "local_agreement_ended": "l'accord local à {location} a expiré",
        "rumour_countered": "{team} a contré une rumeur à {location} (portée : {reached})",
        "abduction": "{armed_group} a enlevé {abducted} personnes à {location} "
                     "({abducted_by_group}) ; {recruited} ont rejoint ses rangs",
        "children_released": "{armed_group} a libéré {children} enfants à {location} "
                             "({children_by_group})",
        "children_handed_over": "{team} a remis {children} enfants libérés à {agency} "
                                "{hours_after_release} heures après leur libération",
        "children_handed_to_security_forces": "{team} a remis {children} enfants libérés à "
                                              "{host_force}, une force de sécurité",
        "children_handover_overdue": "{children} enfants libérés par {armed_group} à "
                                     "{location} attendent encore la protection de l'enfance "
                                     "après {hours_waiting} heures",
        "children_reunified": "{agency} a réuni {children} enfants avec leur famille",
        "children_handover_failed": "{team} : pas de remise d'enfants à {location}",
        "shared_asset_conflict": "{team} a demandé {unit} ({action}), mais l'unité est allée "
                                 "à {given_to} ({given_for}), prioritaire",
        "gathering_planned": "{kind} attendu(e) à {location} de {start_hour} à {end_hour} "
                             "({people} personnes des environs)",
        "gathering_started": "{kind} : {people} personnes rassemblées à {location} jusqu'à "
                             "{until_hour}",
        "gathering_ended": "fin de {kind} à {location} ; {went_back} personnes sont rentrées",
        "crowd_incident": "incident de foule ({kind}) à {location} : {deaths} tués, "
                          "{injuries} blessés (ordre public {public_order})",
        "checkpoint_passage": "au point de contrôle {checkpoint} de {held_by} : {passed} "
                              "personnes sont passées, {turned_back} refoulées, {abducted} "
                              "enlevées ({abducted_by_group}), {detoured} l'ont contourné",
        "levy_paid": "{agency} a payé à {held_by} une taxe de {amount} jours-personnes de "
                     "{need} à {checkpoint} en route vers {location}",
        "convoy_turned_back": "un convoi de {agency} vers {location} a été refoulé à "
                              "{checkpoint} ({held_by})",
        "convoy_detoured": "un convoi de {agency} vers {location} a contourné {checkpoints} : "
                           "{extra_hours} heures de plus en route",
        "checkpoint_passed": "un convoi de {agency} vers {location} a passé {checkpoint} sans "
                             "taxe ({reason})",
        "checkpoint_set_up": "{held_by} a établi le point de contrôle {checkpoint} sur {route}",
        "checkpoint_lifted": "le point de contrôle {checkpoint} sur {route} a été levé",
        "checkpoint_cleared": "le point de contrôle {checkpoint} de {held_by} a cessé de "
                              "fonctionner : {protected_by} sur {route}",
        "checkpoint_resumed": "le point de contrôle {checkpoint} de {held_by} fonctionne à "
                              "nouveau sur {route}",
        "access_negotiated": "{team} a négocié l'accès par {checkpoint} avec {held_by} "
                             "jusqu'à {until_hour}",
        "crossing_full": "les bateaux sur {route} étaient pleins : {carried} personnes ont "
                         "traversé, {turned_away} tentatives de traversée refusées",
        "route_opened": "l'itinéraire {route} a ouvert",
        "flood_deaths": "{deaths} décès dans la crue à {location}",
        "disease_deaths": "{deaths} décès de maladie à {location}",
        "deprivation_deaths": "{deaths} décès faute de besoins couverts à {location}",
        "injury_deaths": "{deaths} décès de blessures non soignées à {location}",
        "rumour": "une rumeur s'est répandue à {location}",
        "tension_changed": "la tension a monté à {location}",
        "trust_lost": "la population de {location} a perdu confiance dans la mission",
    },
}
