"""The improvement plan's corrective actions: what a task that fell short calls for,
by what its measures look at, and the capability element each action works on."""

from __future__ import annotations

from simulator.i18n import N_

# Corrective actions by what a measure looks at: (capability element, action).
ACTIONS = {
    "protection": ("planning", N_("Turn every early warning into presence at the threatened place "
                                  "within the turn; keep a reserve unit free for it.")),
    "needs": ("organisation", N_("Assess needs in the first turn and deliver where the gap is "
                                 "largest; request military assets only as a justified last resort.")),
    "principles": ("training", N_("Route military support through the coordination cell with a "
                                  "last-resort justification; assess HRDDP risk before any support to "
                                  "host forces.")),
    "engagement": ("training", N_("Engage communities with mixed teams, consult women and youth "
                                  "separately, and share what is learnt with the other components.")),
    "reporting": ("organisation", N_("Break every assessment and report down by sex and age, so that "
                                     "the needs of women, girls and older people are seen.")),
    "prevention": ("planning", N_("Answer every warning of rising tension within the turn: inclusive "
                                  "mediation with leaders, women and youth, confidence patrols, and "
                                  "facts against rumours, before communities clash.")),
    "children": ("training", N_("Hand children released by armed groups to a child-protection actor "
                                "within 48 hours, never to security forces; plan the handover with "
                                "the child-protection adviser before the release.")),
    "sgbv": ("planning", N_("Set up a survivor-centred referral pathway before the first case.")),
}
# Which kind of corrective action each metric calls for.
METRIC_ACTION = {
    "civilian_deaths": "protection", "civilian_injuries": "protection", "incidents": "protection",
    "attacks": "protection", "attacks_deterred": "protection", "response_hours": "protection",
    "incidents_by_type": "protection", "displaced_peak": "protection",
    "displaced_final": "protection", "unmet_need_person_days": "needs",
    "aid_person_days": "needs", "people_assisted": "needs", "principle_breaches": "principles",
    "humanitarian_access_final": "principles", "abuse_incidents": "principles",
    "hrddp_before_support": "principles", "harm_linked_to_mission": "principles",
    "trust_mean_final": "engagement", "consulted": "engagement",
    "information_shared": "engagement", "expected_actions_met": "protection",
    "sgbv_cases": "sgbv", "sgbv_referred": "sgbv", "referral_before_first_case": "sgbv",
    "people_reached": "needs", "casualties": "protection", "disaggregated": "reporting",
    "aid_as_leverage": "principles", "warnings_acted_on": "protection",
    "sgbv_referral_share": "sgbv", "detentions_overdue": "principles",
    "deaths_in_warned_attacks": "protection", "assessed_before_aid": "needs",
    "orders_effective": "protection",
    "detentions_founded": "principles", "abducted": "protection",
    "children_handed_over": "children", "clashes": "prevention", "recruited": "prevention",
    "tension_alerts_acted_on": "prevention",
}
# The capability elements an action works on.
ELEMENTS = {
    "planning": N_("planning"),
    "organisation": N_("organisation"),
    "equipment": N_("equipment"),
    "training": N_("training"),
    "exercise": N_("exercise"),
}
