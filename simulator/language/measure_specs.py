"""The measures a scenario's critical tasks may name: what each judges, how it is scoped.

The debrief implements each (``debrief.measures``; a test checks both lists agree). The
scenario language needs this table to validate a measure without the debrief: its
parameters, which parts of a scope it takes, its kind, and what a team must be able to
do to influence it.

Kinds (docs/ratings.md):
- ``outcome``: what happened to people (deaths, incidents, unmet need, trust ...);
- ``effect``: whether decisions had the effect they exist for (expected actions met by
  their effect, protection standing when warned attacks came, support given only after
  due diligence ...);
- ``process``: paperwork (shares of turns with information shared, assessments broken
  down by sex and age). Process measures alone never rate a task P.

A scope says whose decisions a measure judges (``teams``), where (``places``) and when
(``turns``). A task with a team is judged only on what that team could influence, so an
outcome summed over places (``place_total``) needs ``places`` there; a task without a team
judges the whole mission and may take the whole map.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GROUPS = ("women", "men", "girls", "boys", "older")
NEEDS = ("water", "food", "shelter", "health")
DEATH_CAUSES = ("violence", "flood", "disease", "deprivation", "injuries")
KINDS = ("outcome", "effect", "process")
# Primitives that produce paper rather than change: assessments, consultations,
# pathways and networks set up, information passed on.
PROCESS_PRIMITIVES = ("assess", "engage", "hrddp_assessment", "referral_pathway",
                      "early_warning", "share_information", "message")
PROTECTIVE = ("presence", "escort", "evacuate")
# Events that are violent incidents against civilians: counted in every incident total.
VIOLENT = ("attack", "abuse_by_host_force", "intercommunal_clash", "crowd_incident")
ACTS = ("any", "support", "handover")  # support to host forces, handovers of detainees, or both
SOURCES = ("any", "alert_network")  # how a team was warned: any channel, or its own networks


@dataclass(frozen=True)
class MeasureSpec:
    kind: str
    params: dict[str, tuple | None] = field(default_factory=dict)  # name → allowed values
    scope: frozenset[str] = frozenset()  # teams, places, turns
    place_total: bool = False  # an outcome summed over places
    whole_map_only: bool = False  # no place scope: only whole-mission tasks may use it
    influence: tuple[str, ...] = ()  # a scope team needs an action composing one of these


ALL = frozenset({"teams", "places", "turns"})
WHERE = frozenset({"places", "turns"})


def _outcome(**kw) -> MeasureSpec:
    return MeasureSpec("outcome", scope=WHERE, place_total=True, **kw)


SPECS: dict[str, MeasureSpec] = {
    # Outcomes of the run, per place and turn.
    "civilian_deaths": _outcome(), "civilian_injuries": _outcome(),
    "casualties": _outcome(params={"kind": ("deaths", "injuries"), "group": GROUPS,
                                   "cause": DEATH_CAUSES}),
    "displaced_peak": _outcome(), "displaced_final": _outcome(),
    "unmet_need_person_days": _outcome(), "aid_person_days": _outcome(),
    "incidents": _outcome(), "attacks": _outcome(), "incidents_by_type": _outcome(),
    "attacks_deterred": MeasureSpec("outcome", scope=ALL, place_total=True,
                                    influence=PROTECTIVE),
    "sgbv_cases": _outcome(), "sgbv_referred": _outcome(),
    "trust_mean_final": _outcome(),
    "people_assisted": MeasureSpec("outcome", whole_map_only=True),
    "humanitarian_access_final": MeasureSpec("outcome", whole_map_only=True),
    # Harm done by the scope teams' own decisions: judged only where they took such
    # decisions (no support given, no abuse to count).
    "abuse_incidents": MeasureSpec("outcome", params={"act": ACTS}, scope=ALL,
                                   influence=("support_host_forces", "handover")),
    "harm_linked_to_mission": MeasureSpec("outcome", params={"act": ACTS}, scope=ALL,
                                          influence=("support_host_forces", "handover")),
    "principle_breaches": MeasureSpec("outcome", scope=ALL,
                                      influence=("supply", "escort", "request_asset")),
    "aid_as_leverage": MeasureSpec("outcome", scope=ALL, influence=("supply",)),
    "detentions_overdue": MeasureSpec("outcome", scope=frozenset({"teams", "turns"}),
                                      influence=("detain",)),
    "detentions_founded": MeasureSpec("effect", scope=frozenset({"teams", "turns"}),
                                      influence=("detain",)),
    "people_reached": MeasureSpec("outcome", params={"need": NEEDS}, scope=ALL,
                                  influence=("supply",)),
    "abducted": _outcome(params={"group": GROUPS + ("children",)}),
    "recruited": _outcome(params={"group": GROUPS + ("children",)}),
    "children_handed_over": MeasureSpec("effect", scope=frozenset({"teams", "turns"}),
                                        influence=("hand_over_children",)),
    "clashes": _outcome(),
    "tension_alerts_acted_on": MeasureSpec("effect", scope=ALL, influence=(
        "mediate", "local_agreement", "counter_rumour", "engage", "presence")),
    # Effects of decisions.
    "expected_actions_met": MeasureSpec("effect", params={"task": None},
                                        scope=frozenset({"teams"})),
    "response_hours": MeasureSpec("effect", params={"inject": None},
                                  scope=frozenset({"teams"}), influence=PROTECTIVE),
    "warnings_acted_on": MeasureSpec("effect", params={"source": SOURCES}, scope=ALL,
                                     influence=PROTECTIVE + ("share_information",)),
    "deaths_in_warned_attacks": MeasureSpec("outcome", params={"source": SOURCES}, scope=ALL,
                                            influence=PROTECTIVE + ("share_information",)),
    "assessed_before_aid": MeasureSpec("effect", scope=ALL, influence=("supply",)),
    "orders_effective": MeasureSpec("effect", params={"of": None}, scope=ALL),
    "hrddp_before_support": MeasureSpec("effect", params={"act": ACTS},
                                        scope=frozenset({"teams", "turns"}),
                                        influence=("support_host_forces", "handover")),
    "sgbv_referral_share": MeasureSpec("effect", scope=WHERE),
    "consulted": MeasureSpec("effect", params={"group": ("women", "youth", "leaders")},
                             scope=ALL, influence=("engage",)),
    # Process.
    "information_shared": MeasureSpec("process", scope=frozenset({"teams"}),
                                      influence=("share_information",)),
    "disaggregated": MeasureSpec("process", scope=frozenset({"teams"}), influence=("assess",)),
    "referral_before_first_case": MeasureSpec("process", scope=WHERE),
}
