"""The sentences that say what a measure found and why a task fell short, in the reader's
language: a measure's ``Result`` and a ``Cause`` carry a note and its values (ids, counts),
and ``describe`` writes them out; the debrief's JSON keeps the note and its values."""

from __future__ import annotations

from debrief.words import METRIC_NAMES, TERMS, event_value, metric_name, term
from simulator.i18n import N_, N_plural, ntr, tr

# What a measure's value means, by the note its Result carries (debrief.measures), and the
# causes debrief.rootcause finds.
NOTES = {
    "none": N_("none"),
    "outcome": N_("{outcome}: {value}"),
    "outcome_at": N_("{outcome}: {value} at {places}"),
    "by_type": N_("{counts}"),
    # TRANSLATORS: each {…} is a count with its words ("2 abuses", "1 death")
    "harm": N_("{abuses} ({deaths}) after {supports}"),
    "not_fired": N_("inject {inject} did not fire"),
    "no_threat": N_("inject {inject} threatens no place"),
    "no_protection": N_("no protection at {places}"),
    "response": N_("{what} by {team} at {location} {hours} h after {inject}"),
    "none_due": N_("no expected action was due"),
    "no_military_use": N_("no military asset used or requested, no aid sent: nothing to judge"),
    "no_aid_order": N_("no aid sent: nothing to judge"),
    "no_tension_alert": N_("no warning of rising tension: nothing to judge"),
    "no_release": N_("no child released: nothing to judge"),
    "no_detention": N_("no detention: nothing to judge"),
    "no_order": N_("no such order: nothing to judge"),
    "no_warned_attack": N_("no warned attack came: nothing to judge"),
    "no_case": N_("no case of sexual violence"),
    "no_support": N_("no support to host forces: nothing to judge"),
    "no_engagement": N_("no community engagement"),
    "no_pathway": N_("no referral pathway"),
    "pathway_no_case": N_("pathway set up; no case"),
    "pathway_before": N_("pathway (turn {pathway}) before first case (turn {case})"),
    "pathway_after": N_("pathway (turn {pathway}) after first case (turn {case})"),
    # TRANSLATORS: {drops} and {places} are counts with their words ("2 deliveries", "1 place")
    "reached": N_("{amount} person-days of {need} in {drops} to {places}: {people} people a day"),
    "casualties": N_("{count} {kind} ({group}){at}"),
    "no_assessment": N_("no needs assessment"),
    "cause_missed": N_("{team} did not order {action}{where} by turn {by_turn}, as inject {inject} "
                       "expected"),
    "cause_late": N_("{team} ordered {action}{where} in turn {turn}, after the deadline (turn "
                     "{by_turn}) of inject {inject}"),
    "cause_refused": N_("{team}'s order {action} was refused ({reason}) before the deadline (turn "
                        "{by_turn}) of inject {inject}"),
    "cause_attempted": N_("{team} ordered {action}{where} for inject {inject}, without effect by the "
                          "deadline (turn {by_turn}): {why}"),
    # TRANSLATORS: {deaths} is a count with its words ("1 death", "2 deaths")
    "cause_unprotected": N_("attack at {location} in turn {turn} ({deaths}), warned {hours} h "
                            "before, found no protection there"),
    # TRANSLATORS: {deaths} is a count with its words ("1 death", "2 deaths")
    "cause_unguarded": N_("attack at {location} in turn {turn} ({deaths}): no unit was posted "
                          "there"),
    # TRANSLATORS: {deaths} is a count with its words ("1 death", "2 deaths")
    "cause_attack_protected": N_("attack at {location} in turn {turn} ({deaths}) despite "
                                 "protectors there ({units})"),
    "cause_deaths": N_("{count} {kind} at {location}"),
    # TRANSLATORS: {deaths} is a count with its words ("1 death", "2 deaths")
    "cause_abuse": N_("abuse by {host_force} at {location} in turn {turn} ({deaths}) after "
                      "support by the mission"),
    # TRANSLATORS: {deaths} is a count with its words ("1 death", "2 deaths")
    "cause_not_consulted": N_("warned attack at {location} in turn {turn} ({deaths}): {group} "
                              "were not consulted there before it, or nothing done after consulting "
                              "them protected the place when it came"),
    "cause_trust_lost": N_("trust lost at {location} in turn {turn} ({kind})"),
    "cause_no_effect": N_("{team} ordered {action} in turn {turn}, without effect: {why}"),
    "cause_unassessed": N_("{team} sent {action} to {location} in turn {turn} with no needs "
                           "assessment there in the three turns before"),
    "cause_friction": N_("{count} × {kind} ({places})"),
    "cause_blind_support": N_("{team} gave {what} to {host_force} in turn {turn} without an HRDDP "
                              "assessment"),
    "cause_withheld_support": N_("{team} gave {what} to {host_force} in turn {turn} against an HRDDP "
                                 "advice to withhold it"),
}
# The notes whose words follow a count (named in the note's values): each language says
# them in its own plural forms.
COUNTED = {
    # TRANSLATORS: {detentions} is a count with its words ("2 detentions")
    "overdue": ("turns", N_plural(
        "detainees held past the limit in {turns} turn ({detentions})",
        "detainees held past the limit in {turns} turns ({detentions})")),
    "leverage": ("count", N_plural(
        "aid made conditional on cooperation {count} time ({places})",
        "aid made conditional on cooperation {count} times ({places})")),
    "cause_leverage": ("count", N_plural(
        "{count} delivery of aid made conditional on cooperation ({places})",
        "{count} deliveries of aid made conditional on cooperation ({places})")),
    "cause_unattended": ("cases", N_plural(
        "{cases} survivor of sexual violence at {location} in turn {turn} had no referral "
        "pathway within reach",
        "{cases} survivors of sexual violence at {location} in turn {turn} had no referral "
        "pathway within reach")),
    "cause_unfounded": ("count", N_plural(
        "{count} detention order where there was nobody to detain ({places})",
        "{count} detention orders where there was nobody to detain ({places})")),
    "cause_overdue": ("count", N_plural(
        "detainees held past the limit {count} time",
        "detainees held past the limit {count} times")),
    "cause_not_disaggregated": ("count", N_plural(
        "{count} assessment not broken down by sex and age ({places})",
        "{count} assessments not broken down by sex and age ({places})")),
    # TRANSLATORS: {attempted}, {refused} and {missed} are counts with their words
    "expected": ("due", N_plural(
        "{met} of {due} expected action met by its effect ({attempted}, {refused}, {missed})",
        "{met} of {due} expected actions met by their effect ({attempted}, {refused}, "
        "{missed})")),
    "cause_breach": ("count", N_plural(
        "{count} use of military assets for aid without an approved last resort ({places})",
        "{count} uses of military assets for aid without an approved last resort ({places})")),
    # A share "X of Y things": the total (Y) decides the form.
    "shared": ("of", N_plural("shared in {turns} of {of} turn", "shared in {turns} of {of} turns")),
    # TRANSLATORS: {breaches} is a count with its words ("2 breaches")
    "breaches": ("orders", N_plural(
        "{breaches} in {orders} order using or requesting military assets or delivering aid",
        "{breaches} in {orders} orders using or requesting military assets or delivering aid")),
    "answered": ("alerts", N_plural(
        "{answered} of {alerts} warning of rising tension answered at the place in time",
        "{answered} of {alerts} warnings of rising tension answered at the place in time")),
    "children_care": ("released", N_plural(
        "{in_time} of {released} released child handed to a child-protection actor in time "
        "({to_security_forces} handed to security forces)",
        "{in_time} of {released} released children handed to a child-protection actor in time "
        "({to_security_forces} handed to security forces)")),
    "assessed_first": ("orders", N_plural(
        "{assessed} of {orders} aid order went to a place assessed in the three turns before",
        "{assessed} of {orders} aid orders went to a place assessed in the three turns before")),
    "effective": ("orders", N_plural("{effective} of {orders} order had its effect",
                                     "{effective} of {orders} orders had their effect")),
    "founded": ("orders", N_plural(
        "{founded} of {orders} detention order apprehended suspects",
        "{founded} of {orders} detention orders apprehended suspects")),
    "warnings": ("warned", N_plural(
        "{protected} of {warned} warned attack found protection there",
        "{protected} of {warned} warned attacks found protection there")),
    # TRANSLATORS: {deaths} is a count with its words ("2 civilians killed")
    "warned_deaths": ("warned", N_plural("{deaths} in {warned} warned attack",
                                         "{deaths} in {warned} warned attacks")),
    "referral_share": ("cases", N_plural(
        "{referred} of {cases} survivor of sexual violence reached a referral pathway",
        "{referred} of {cases} survivors of sexual violence reached a referral pathway")),
    "hrddp": ("supports", N_plural(
        "{assessed} of {supports} support after an HRDDP assessment that did not advise "
        "withholding ({withheld} against a 'withhold' advice)",
        "{assessed} of {supports} supports after an HRDDP assessment that did not advise "
        "withholding ({withheld} against a 'withhold' advice)")),
    "consulted": ("of", N_plural(
        "{group} consulted, then the place protected when the attack came, for {with} of {of} "
        "warned attack",
        "{group} consulted, then the place protected when the attack came, for {with} of {of} "
        "warned attacks")),
    "disaggregated": ("of", N_plural("{split} of {of} assessment disaggregated by sex and age",
                                     "{split} of {of} assessments disaggregated by sex and age")),
}
# Counts said with their own words inside a note's sentence, each in the plural form of
# its language: a sentence holding several counts cannot take one form for all.
DEATHS = N_plural("{n} death", "{n} deaths")
COUNT_WORDS = {
    "harm": {"abuses": N_plural("{n} abuse", "{n} abuses"), "deaths": DEATHS,
             "supports": N_plural("{n} support by the mission", "{n} supports by the mission")},
    "expected": {"attempted": N_plural("{n} attempted without effect",
                                       "{n} attempted without effect"),
                 "refused": N_plural("{n} refused", "{n} refused"),
                 "missed": N_plural("{n} not ordered", "{n} not ordered")},
    "overdue": {"detentions": N_plural("{n} detention", "{n} detentions")},
    "breaches": {"breaches": N_plural("{n} breach", "{n} breaches")},
    "warned_deaths": {"deaths": N_plural("{n} civilian killed", "{n} civilians killed")},
    "reached": {"drops": N_plural("{n} delivery", "{n} deliveries"),
                "places": N_plural("{n} place", "{n} places")},
    **{note: {"deaths": DEATHS} for note in ("cause_unprotected", "cause_unguarded",
                                             "cause_attack_protected", "cause_abuse",
                                             "cause_not_consulted")},
}
# Why an order had no effect (simulator.play.expectations), for the reader.
REASONS = {
    "unit_cannot_reach": N_("the unit could not reach the place"),
    "arrived_late": N_("the unit arrived after the attack (or the deadline)"),
    "left_early": N_("the unit had left before the attack"),
    "aid_blocked": N_("the aid was blocked"),
    "convoy_ambushed": N_("the convoy was ambushed"),
    "principle_breach": N_("the delivery breached the humanitarian principles"),
    "aid_as_leverage": N_("the aid was made conditional on cooperation"),
    "delivered_after_deadline": N_("the aid arrived after the deadline"),
    "not_delivered_by_deadline": N_("the aid had not arrived by the deadline"),
    "approved_unused": N_("the approved asset was never used"),
    "asset_request_declined": N_("the request was declined"),
    "after_support": N_("the assessment came after support was given"),
    "without_hrddp": N_("no HRDDP assessment came first"),
    "against_withhold_advice": N_("the HRDDP assessment advised withholding it"),
    "no_detainees": N_("there were no detainees to hand over"),
    "nothing_new_shared": N_("nothing new was passed on"),
    "after_deadline": N_("it happened after the deadline"),
    "evacuation_failed": N_("the evacuation failed"),
    "detention_failed": N_("nobody was detained"),
    "engagement_failed": N_("the team could not reach the community"),
    "repair_failed": N_("the repair failed"),
    "route_not_found": N_("no such route"),
    "repair_not_needed": N_("the route was not damaged"),
    "children_handover_failed": N_("no child was handed over (none waiting there, or not to a "
                                   "child-protection actor)"),
    "local_agreement_failed": N_("no agreement: there had been no mediation there"),
    "herd_already_moving": N_("the herd was already moving"),
    "shared_asset_conflict": N_("another team with priority had the shared unit"),
    "convoy_turned_back": N_("the convoy was turned back at a checkpoint"),
    "no_change": N_("it changed nothing (one was in place already, or nobody was left to move)"),
    "no_effect": N_("nothing came of it"),
}
# Deaths not reported by an attack, by the event that reports them.
DEATH_KINDS = {
    "flood_deaths": N_("deaths in the flood"),
    "disease_deaths": N_("deaths from disease"),
    "deprivation_deaths": N_("deaths from unmet needs"),
    "injury_deaths": N_("deaths from untreated injuries"),
}
# Orders that failed on the ground (debrief.rootcause.FRICTION), named for the reader.
FRICTION_NAMES = {
    "aid_blocked": N_("aid deliveries blocked"),
    "unit_cannot_reach": N_("units unable to reach"),
    "route_not_found": N_("routes not found"),
    "evacuation_failed": N_("evacuations failed"),
    "engagement_failed": N_("engagements failed"),
    "detention_failed": N_("detentions failed"),
    "repair_failed": N_("repairs failed"),
    "asset_request_declined": N_("military asset requests declined"),
    "convoy_ambushed": N_("convoys ambushed"),
}
# What was done, for sentences that name it (the kind of a response or of a support).
WHAT = {
    "presence": N_("presence"),
    "escort": N_("escort"),
    "evacuation": N_("evacuation"),
    "handover": N_("a handover of detainees"),
    "fuel": N_("fuel"),
    "rations": N_("rations"),
    "transport": N_("transport"),
    "joint_operation": N_("a joint operation"),
}
IDS = ("location", "where", "team", "inject", "action", "host_force", "task")
LABELS = ("outcome", "what")  # a metric or an event type


def reason(why: str | None, lang: str = "en") -> str:
    """Why an order had no effect, in ``lang`` (an unknown reason as it is)."""
    return tr(REASONS[why], lang) if why in REASONS else (why or "")


def describe(note: str, args: dict, lang: str = "en", words=None) -> str:
    """The sentence ``note`` with ``args``, in ``lang`` (in the plural form its count calls
    for); group names translated. With ``words`` (``debrief.words.Words``) ids become names
    and numbers whole counts; without, ids stay as written (the debrief's JSON keeps them)."""
    count = args.get(COUNTED[note][0]) if note in COUNTED else None
    args = dict(args)
    said = {}  # counts with their words, put in last (a "places" count is not a list of places)
    for key, forms in COUNT_WORDS.get(note, {}).items():
        n = args.pop(key)
        said[key] = ntr(*forms, round(n), lang, n=words.num(n) if words is not None else n)
    if words is not None:
        args = _in_words(args, words, lang)
    args.update(said)
    if "group" in args:
        args["group"] = term(args["group"], lang)
    if "where" in args:  # a place, or nothing where the action has none
        args["where"] = " (" + tr("at {place}", lang, place=args["where"]) + ")" \
            if args["where"] else ""
    if "kind" in args:
        kind = args["kind"]
        known = FRICTION_NAMES.get(kind) or DEATH_KINDS.get(kind)
        args["kind"] = tr(known, lang) if known else term(kind, lang)
    if "need" in args:  # a need in the words events say it with, or aid of every kind
        args["need"] = tr("aid", lang) if args["need"] == "all" else event_value(args["need"], lang)
    if "why" in args:
        args["why"] = reason(args["why"], lang)
    if "places" in args and note == "casualties":
        args["at"] = " " + tr("at {place}", lang, place=args["places"]) if args["places"] else ""
    if "counts" in args:
        args["counts"] = ", ".join(f"{k}: {v}" for k, v in args["counts"].items())
    if note in COUNTED:
        return ntr(*COUNTED[note][1], round(count), lang, **args)
    return tr(NOTES[note], lang, **args)


def _in_words(args: dict, words, lang: str) -> dict:
    """``args`` with ids as names, places listed by name, counts as whole numbers."""
    out = {}
    for k, v in args.items():
        if k in IDS and isinstance(v, str) and v:
            out[k] = words.name(v)
        elif k in ("places", "units") and isinstance(v, (str, list)):
            out[k] = words.names(v)
        elif k in LABELS and isinstance(v, str):
            known = METRIC_NAMES.get(v) or WHAT.get(v)
            out[k] = tr(known, lang) if known else term(v, lang) if v in TERMS \
                else v.replace("_", " ")
        elif k == "counts" and isinstance(v, dict):
            out[k] = {metric_name(x, lang): n for x, n in v.items()}
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and k != "turn":
            out[k] = words.num(v)
        else:
            out[k] = v
    return out
