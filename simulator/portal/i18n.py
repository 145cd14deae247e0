"""Names of the codes the portal shows (fact fields, unit kinds, refusal reasons, roles ...).

The pages' sentences are written in English where they are used (``tr``, ``ntr`` of
``simulator.i18n``; the templates get both bound to the reader's language), and translated
by the catalogues. The codes that come from the engine or the store are named here, as
texts marked ``N_`` (``pN_`` where the same English word needs another translation), and
shown with ``label`` or ``say``: an unknown code is shown as itself rather than breaking a
page.
"""

from __future__ import annotations

from simulator.i18n import LANGUAGES, N_, pN_, say

LABELS: dict[str, str | tuple[str, str]] = {
    "phase_setup": N_("Not started"),
    "phase_open": N_("Turn open"),
    "phase_closed": N_("Turn closed"),
    "phase_finished": N_("Finished"),
    "cmd_start": N_("Start"),
    "cmd_close": N_("Close the turn"),
    "cmd_open": N_("Open the next turn"),
    "cmd_pause": N_("Pause"),
    "cmd_resume": N_("Resume"),
    "bot_passive": N_("passive"),
    "bot_random": N_("random"),
    "bot_doctrine": N_("doctrine"),
    "rating_P": N_("P: performed"),
    "rating_none": pN_("rating", "not observed"),
    "rating_S": N_("S: some shortcomings"),
    "rating_M": N_("M: major shortcomings"),
    "rating_U": N_("U: unable to perform"),
    "status_accepted": N_("accepted"),
    "status_rejected": pN_("order", "rejected"),
    "sec_messages": N_("Messages"),
    "sec_threats": N_("Threats"),
    "sec_hazards": N_("Hazards"),
    "sec_needs": N_("Needs"),
    "sec_observations": N_("Observations"),
    "sec_incidents": N_("Incidents"),
    "sec_hrddp": N_("Human rights due diligence"),
    "sec_asset_requests": N_("Asset requests"),
    "sec_other": N_("Other"),
    # an expected action so far (met, attempted, refused, missed: judged at its deadline)
    "ea_met": N_("met"),
    "ea_attempted": N_("attempted without effect"),
    "ea_refused": N_("order refused"),
    "ea_missed": N_("missed"),
    "ea_met_so_far": N_("met so far"),
    "ea_not_yet": N_("not yet"),
    "ea_not_fired": N_("inject not fired yet"),
    # why an accepted order has had no effect yet (the debrief's words say "too late")
    "effect_arrived_late": N_("the unit has not reached the place yet"),
    "effect_not_delivered_by_deadline": N_("the aid has not arrived yet"),
    "effect_left_early": N_("the unit did not stay at the place"),
    # why something was refused
    "why_unknown_code": N_("This code is not known."),
    "why_too_many_attempts": N_("Too many wrong codes from this device: wait half a minute before the "
          "next try."),
    "why_cross_origin": N_("This request came from another site: open the portal's own page and try again."),
    "why_signed_in_elsewhere": N_("This browser is signed in as someone else"),
    "why_join_expired": N_("That question has expired: type the code again."),
    "why_rate_limited": N_("Too many requests at once: wait a few seconds and try again."),
    "why_quota_exceeded": N_("Your team has stored as much as a turn allows (every change of the "
          "list counts): the orders already submitted stand"),
    "why_bad_setting": N_("Unknown setting"),
    "why_no_session": N_("Please join first."),
    "why_csrf": N_("This form is out of date: reload the page and try again."),
    "why_forbidden": N_("This is not yours to see or do."),
    "why_turn_closed": N_("The turn is closed"),
    "why_key_reused": N_("This request was already sent with other orders: reload the page and send again"),
    "why_stale_key": N_("This request belongs to an earlier turn: reload the page"),
    "why_paused": N_("The exercise is paused"),
    "why_invalid_decision": N_("This order cannot be given"),
    "why_invalid_inject": N_("The inject needs a source, at least one team, a message and an hour "
          "within the turn"),
    "why_bot_team": N_("This team is played by a bot"),
    "why_unknown_team": N_("Unknown team"),
    "why_unknown_action": N_("Your team has no such order"),
    "why_unknown_param": N_("A field of this order is unknown"),
    "why_missing_param": N_("A required field is empty"),
    "why_bad_value": N_("A field has a value that is not allowed"),
    "why_unknown_location": N_("Unknown place"),
    "why_unknown_entity": N_("Unknown unit, agency or actor"),
    "why_missing_asset": N_("The unit or agency is not available"),
    "why_past_turn": N_("That turn is over"),
    "why_future_turn": N_("That turn is not open yet"),
    "why_over_budget": N_("Over this turn's budget"),
    "why_prerequisite": N_("What this order needs first is not in place"),
    "why_unreachable": N_("The unit cannot get there by the ways it travels"),
    "why_not_released": N_("The debrief is not released to the teams yet"),
    "why_wrong_phase": N_("Not possible at this phase"),
    "why_turn_not_open": N_("No turn is open"),
    "why_not_running": N_("The exercise is not running"),
    "why_unknown_inject": N_("Unknown inject"),
    "why_unknown_exercise": N_("Unknown exercise"),
    "why_unknown_course": N_("Unknown course"),
    "why_unknown_trainee": N_("Unknown trainee"),
    "why_out_of_range": N_("A number in the address is out of range"),
    "why_unknown_command": N_("Unknown command"),
    "why_unknown_turn": N_("This turn has not been played"),
    "why_unknown_order": N_("This order is no longer in the list"),
    "why_unknown_language": N_("Unknown language"),
    "why_not_finished": N_("The exercise is not finished"),
    "why_bad_setup": N_("Check the name (1 to 200 characters), the seed (0 or more), the "
          "language and the scenario."),
    "why_draft_expired": N_("The scenario checked earlier is no longer kept: choose it again."),
    "why_bad_note": N_("A note needs a text (at most 5000 characters) and a played turn."),
    "why_bad_override": N_("An override needs a critical task, a rating P, S, M or U and a "
          "justification of at least 10 characters."),
    "why_confirm_needed": N_("Tick the box to confirm"),
    "why_malformed": N_("The request is malformed"),
    "why_too_large": N_("Too large"),
    "why_invalid_scenario": N_("The scenario is not valid"),
    "why_invalid_csv": N_("The CSV file has problems: nothing was imported"),
    "why_invalid_framework": N_("The competency framework is not valid"),
    "why_unknown_practice": N_("This practice link is not known, or it was revoked."),
    "why_unknown_offer": N_("Unknown practice link"),
    "why_practice_full": N_("This practice link has made all the exercises it may: ask the "
          "instructor for a new one."),
    "why_too_many_practices": N_("Too many practice exercises started from this device: wait an hour."),
    "why_not_practice": N_("Only the team of a practice exercise ends its own turns"),
    "why_bad_offer": N_("Choose a scenario and team, a seed (0 or more), a language, and a name "
          "of at most 200 characters."),
    # what facts say
    "message": N_("Message"),
    "threat": N_("Threat"),
    "hazard": N_("Hazard"),
    "needs": N_("Needs assessment"),
    "observation": N_("Observation"),
    "incident": N_("Incident"),
    "investigation": N_("Investigation"),
    "hrddp": N_("HRDDP assessment"),
    "asset_request": N_("Asset request"),
    "rejected": N_("Order rejected"),
    "protection_concerns": N_("Protection concerns"),
    "location": N_("place"),
    "locations": N_("places"),
    "places": N_("places"),
    "actors": N_("actors"),
    "armed_group": N_("armed group"),
    # TRANSLATORS: the hour at which something is expected
    "expected_hour": pN_("hour", "expected"),
    "tactic": N_("tactic"),
    "unit": N_("unit"),
    "population": N_("people present"),
    "displaced": N_("displaced"),
    "flood_level": N_("flood level"),
    "incidents": N_("incidents"),
    "cause": N_("cause"),
    "sgbv_risk": N_("SGBV risk"),
    "topic": N_("topic"),
    "unmet": N_("share of needs unmet"),
    "injured": N_("injured"),
    "infected": N_("infected"),
    "road_open": N_("road open"),
    "by_group": N_("by sex and age"),
    "approved": N_("approved"),
    "reason": N_("reason"),
    "host_force": N_("host force"),
    "risk": N_("risk"),
    "mitigation": N_("mitigation"),
    "advice": N_("advice"),
    "peak_hour": N_("peak"),
    "level": N_("level"),
    "decision": N_("order"),
    "action": N_("action"),
    "detail": N_("detail"),
    "shared_by": N_("shared by"),
    "shared_turn": N_("shared at turn"),
    "water": N_("water"),
    "food": N_("food"),
    # TRANSLATORS: a need, named once (situation reports name it as the need of many)
    "shelter": pN_("portal", "shelter"),
    "health": N_("health"),
    "women": N_("women"),
    "patrol": N_("patrol"),
    "guard": N_("guard"),
    "leaders": N_("leaders"),
    "youth": N_("youth"),
    "fuel": pN_("support", "fuel"),
    "rations": pN_("support", "rations"),
    "joint_operation": N_("joint operation"),
    "men": N_("men"),
    "girls": N_("girls"),
    "boys": N_("boys"),
    "older": N_("older people"),
    "radio": N_("radio"),
    "phone": N_("phone"),
    "written_report": N_("written report"),
    "media": N_("media"),
    "meeting": N_("meeting"),
    "email": N_("e-mail"),
    "alert_network": N_("alert network"),
    "idle": N_("available"),
    "infantry": N_("infantry"),
    "engineer": N_("engineers"),
    "helicopter": N_("helicopter"),
    "fpu": N_("formed police unit"),
    "ipo": N_("individual police officers"),
    "medical": N_("medical"),
    "transport": pN_("support", "transport"),
    "civil_affairs": N_("civil affairs"),
    "human_rights": N_("human rights"),
    "liaison": N_("liaison"),
    # parameters of actions without a label of their own
    "to": N_("to"),
    "mode": N_("mode"),
    "amount": N_("amount"),
    "need": N_("need"),
    "consult": N_("consult"),
    "agency": N_("agency"),
    "team": N_("team"),
    "from": N_("from"),
    "kind": N_("kind"),
    "capacity": N_("capacity"),
    # what the constructs of prevention, children and access show a team
    "route": N_("route"),
    "checkpoint": N_("checkpoint"),
    "inclusive": N_("with women and youth"),
    "days": N_("days"),
    "herd": N_("herd"),
    "tension_rising": N_("Tension rising"),
    "tension": N_("tension"),
    "transhumance": N_("Transhumance announced"),
    "checkpoint_met": N_("At a checkpoint"),
    "children_released": N_("Children released"),
    "children": N_("children"),
    "gathering": N_("Gathering"),
    "people": N_("people"),
    "start_hour": N_("from"),
    "end_hour": N_("until"),
    "held_by": N_("held by"),
    "met": N_("what happened"),
    "levy": N_("levy paid"),
    "turned_back": N_("turned back"),
    "cattle": N_("head of cattle"),
    "due": N_("expected"),
    "crop_damage": N_("Crops trampled"),
    "rumour": N_("Rumour"),
    "reached": N_("reached"),
    "abduction": N_("Abduction"),
    "abducted": N_("abducted"),
    "shared_asset": N_("Shared unit not given"),
    "given_to": N_("given to"),
    "market": N_("market day"),
    "rally": N_("rally"),
    "funeral": N_("funeral"),
    "distribution": N_("distribution"),
    "religious": N_("religious gathering"),
}

ROLES = {  # who someone is in an exercise
    "instructor": N_("Instructor"),
    "team": N_("Team"),
    "evaluator": N_("Evaluator"),
    "trainee": N_("Trainee"),
}

SERVICES = {  # a trainee's service
    "military": N_("military"),
    "police": N_("police"),
    "civilian": N_("civilian"),
}

SEXES = {  # a trainee's sex
    "female": N_("female"),
    "male": N_("male"),
}

SIGNOFFS = {  # a competency's sign-off
    # TRANSLATORS: a competency a trainee has shown (signed off by an evaluator)
    "met": pN_("sign-off", "met"),
    "not_yet_met": N_("not yet met"),
}

LIMITS = {  # the limits a team can reach (simulator.portal.quotas.KINDS)
    "rate": N_("requests per second"),
    "storage": N_("orders stored per turn"),
}

OTHERS_SHOWN = {  # what a team is told of the others' orders
    "submitted": N_("Whether each has submitted (never how many)"),
    "nothing": N_("Nothing"),
}

# Codes the engine and the portal can show through ``label``: a test checks each is there.
LABEL_GROUPS = {
    "phase_": ("setup", "open", "closed", "finished"),
    "cmd_": ("start", "close", "open", "pause", "resume"),
    "rating_": ("P", "S", "M", "U"),
    "status_": ("accepted", "rejected"),
    "ea_": ("met", "attempted", "refused", "missed", "met_so_far", "not_yet", "not_fired"),
    "why_": ("unknown_team", "unknown_action", "unknown_param", "missing_param", "bad_value",
             "unknown_location", "unknown_entity", "missing_asset", "past_turn", "future_turn",
             "over_budget", "prerequisite", "unreachable"),
}

MISSED: set[str] = set()  # codes shown as themselves (tests check none of the groups above)
_PREFIXES = ("why_", "phase_", "cmd_", "bot_", "rating_", "status_", "sec_", "ea_")


def label(key: str, lang: str = "en") -> str:
    """The name of an engine code in ``lang``; the code itself if the table lacks it."""
    entry = LABELS.get(key)
    if entry:
        return say(entry, lang)
    MISSED.add(key)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return key.replace("_", " ")


__all__ = ["LANGUAGES", "LABELS", "ROLES", "SERVICES", "SEXES", "SIGNOFFS", "LIMITS",
           "OTHERS_SHOWN", "label", "say", "pN_"]
