"""Fixed text of the debrief report, in English and French (one table, tested complete)."""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "After-action report", "exercise": "Exercise", "seed": "seed", "colon": ": ",
        "summary": "Executive summary", "outcomes": "Outcomes", "outcome": "outcome",
        "value": "value", "objectives": "Analysis by objective and capability",
        "capability": "Capability", "task": "critical task", "team": "team",
        "draft": "draft", "final": "final", "measure": "measure", "rating": "rating",
        "evidence": "evidence", "justification": "Evaluator's justification",
        "counterfactual": "What the decisions changed",
        "counterfactual_note": "Same seed, with every team replaced by bots: \"passive\" does "
                               "nothing, \"doctrine\" plays as doctrine says.",
        "actual": "this run", "passive": "no action", "doctrine": "doctrine",
        "yours": "yours vs no action", "doctrine_change": "doctrine vs no action",
        "bands": "Luck or skill: the same decisions over {n} seeds",
        "bands_note": "median [10–90 % band]", "decisions": "these decisions",
        "timeline": "Annex: injects and decisions", "turn": "turn", "hour": "hour",
        "what": "what", "item": "item", "inject": "inject", "decision": "decision",
        "rejected": "rejected", "none": "not rated",
        "ratings": "P: performed without challenges; S: with some challenges; M: with "
                   "major challenges; U: unable to be performed.",
        "civilian_deaths": "civilian deaths", "civilian_injuries": "civilian injuries",
        "displaced_peak": "displaced (peak)", "unmet_need_person_days":
            "unmet need (person-days)", "people_assisted": "people assisted",
        "incidents": "violent incidents", "abuse_incidents": "abuses by host forces",
        "principle_breaches": "humanitarian principle breaches",
        "plan": "Improvement plan", "issue": "issue (area for improvement)",
        "action": "corrective action", "element": "capability element",
        "responsible": "responsible", "strengths": "strengths", "no_plan": "No area for "
        "improvement: every rated task was performed without challenges.",
        "element_planning": "planning", "element_organisation": "organisation",
        "element_equipment": "equipment", "element_training": "training",
        "element_exercise": "exercise",
        "displaced": "displaced", "deaths": "deaths", "injuries": "injuries",
        "relative": "relative to the largest of the three", "women": "women", "men": "men",
        "girls": "girls", "boys": "boys", "older": "older people",
        "fig_timeline": "Key indicators at the end of each turn (dotted lines: injects)",
        "fig_ratings": "Final rating by critical task",
        "fig_counterfactual": "This run against no action and doctrine",
        "fig_groups": "Deaths and injuries by sex and age group",
    },
    "fr": {
        "title": "Rapport après action", "exercise": "Exercice", "seed": "graine",
        "colon": " : ",  # French typography: a space before the colon
        "summary": "Synthèse", "outcomes": "Résultats", "outcome": "résultat",
        "value": "valeur", "objectives": "Analyse par objectif et capacité",
        "capability": "Capacité", "task": "tâche critique", "team": "équipe",
        "draft": "provisoire", "final": "définitive", "measure": "mesure",
        "rating": "note", "evidence": "preuves",
        "justification": "Justification de l'évaluateur",
        "counterfactual": "Ce que les décisions ont changé",
        "counterfactual_note": "Même graine, chaque équipe remplacée par des bots : "
                               "« passif » ne fait rien, « doctrine » joue selon la doctrine.",
        "actual": "cette partie", "passive": "sans action", "doctrine": "doctrine",
        "yours": "vos décisions vs sans action", "doctrine_change": "doctrine vs sans action",
        "bands": "Chance ou compétence : les mêmes décisions sur {n} graines",
        "bands_note": "médiane [bande 10–90 %]", "decisions": "ces décisions",
        "timeline": "Annexe : injects et décisions", "turn": "tour", "hour": "heure",
        "what": "quoi", "item": "élément", "inject": "inject", "decision": "décision",
        "rejected": "rejetée", "none": "non noté",
        "ratings": "P : réalisé sans difficulté ; S : avec quelques difficultés ; M : avec "
                   "des difficultés majeures ; U : non réalisé.",
        "civilian_deaths": "civils tués", "civilian_injuries": "civils blessés",
        "displaced_peak": "déplacés (pic)", "unmet_need_person_days":
            "besoins non couverts (personnes-jours)", "people_assisted": "personnes assistées",
        "incidents": "incidents violents", "abuse_incidents": "abus des forces nationales",
        "principle_breaches": "atteintes aux principes humanitaires",
        "plan": "Plan d'amélioration", "issue": "problème (axe d'amélioration)",
        "action": "action corrective", "element": "élément de capacité",
        "responsible": "responsable", "strengths": "points forts", "no_plan": "Aucun axe "
        "d'amélioration : chaque tâche notée a été réalisée sans difficulté.",
        "element_planning": "planification", "element_organisation": "organisation",
        "element_equipment": "équipement", "element_training": "formation",
        "element_exercise": "exercice",
        "displaced": "déplacés", "deaths": "décès", "injuries": "blessés",
        "relative": "par rapport au plus grand des trois", "women": "femmes",
        "men": "hommes", "girls": "filles", "boys": "garçons", "older": "personnes âgées",
        "fig_timeline": "Indicateurs clés en fin de tour (pointillés : injects)",
        "fig_ratings": "Note définitive par tâche critique",
        "fig_counterfactual": "Cette partie face à l'inaction et à la doctrine",
        "fig_groups": "Décès et blessés par sexe et groupe d'âge",
    },
}


# Corrective actions by what a measure looks at: (capability element, action) per language.
ACTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "protection": {
        "en": ("planning", "Turn every early warning into presence at the threatened place "
                           "within the turn; keep a reserve unit free for it."),
        "fr": ("planning", "Transformer chaque alerte précoce en présence sur le lieu menacé "
                           "dans le tour ; garder une unité de réserve libre pour cela.")},
    "needs": {
        "en": ("organisation", "Assess needs in the first turn and deliver where the gap is "
                               "largest; request military assets only as a justified last "
                               "resort."),
        "fr": ("organisation", "Évaluer les besoins dès le premier tour et livrer là où "
                               "l'écart est le plus grand ; ne demander des moyens militaires "
                               "qu'en dernier recours justifié.")},
    "principles": {
        "en": ("training", "Route military support through the coordination cell with a "
                           "last-resort justification; assess HRDDP risk before any support "
                           "to host forces."),
        "fr": ("training", "Passer par la cellule de coordination avec une justification de "
                           "dernier recours ; évaluer le risque HRDDP avant tout appui aux "
                           "forces nationales.")},
    "engagement": {
        "en": ("training", "Engage communities with mixed teams, consult women and youth "
                           "separately, and share what is learnt with the other components."),
        "fr": ("training", "Dialoguer avec des équipes mixtes, consulter séparément femmes et "
                           "jeunes, et partager ce qui est appris avec les autres "
                           "composantes.")},
    "sgbv": {
        "en": ("planning", "Set up a survivor-centred referral pathway before the first case."),
        "fr": ("planning", "Mettre en place un circuit de référencement centré sur les "
                           "survivantes avant le premier cas.")},
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
}
