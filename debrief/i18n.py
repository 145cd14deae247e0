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
    },
}
