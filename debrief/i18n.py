"""Fixed text of the debrief report, in English and French (one table, tested complete)."""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "lang": "en",  # the table's language, for figures that write numbers
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
        "over_seeds": "yours vs no action over {n} seeds",
        "may_be_luck": "may be luck: the spread between seeds holds no change",
        "band_ratings": "Ratings these decisions earn over {n} seeds",
        "ratings_col": "ratings (seeds)",
        "bands_note": "median [10–90 % band]", "decisions": "these decisions",
        "timeline": "Annex: injects and decisions", "turn": "turn", "hour": "hour",
        "what": "what", "item": "item", "inject": "inject", "decision": "decision",
        "rejected": "rejected", "none": "does not apply", "not_observed": "not observed",
        "ratings": "P: performed without challenges; S: with some challenges; M: with "
                   "major challenges; U: unable to be performed.",
        "civilian_deaths": "civilian deaths", "civilian_injuries": "civilian injuries",
        "displaced_peak": "displaced (peak)", "unmet_need_person_days":
            "unmet need (person-days)", "people_assisted": "people assisted",
        "incidents": "violent incidents", "abuse_incidents": "abuses by host forces",
        "principle_breaches": "humanitarian principle breaches",
        "plan": "Improvement plan", "issue": "issue (area for improvement)",
        "action": "corrective action", "element": "capability element",
        "responsible": "responsible", "strengths": "Strengths", "no_plan": "No area for "
        "improvement: every rated task was performed without challenges.",
        "overview": "Exercise overview", "teams": "Teams", "name": "name",
        "played_by": "played by", "by_people": "trainees", "by_bot": "{kind} bot",
        "by_unknown": "not recorded",
        "objective": "objective", "turns_line": "{turns} turns of {hours} h",
        "improvements": "Areas for improvement", "root_cause": "why",
        "no_strength": "No critical task was performed without challenges.",
        "no_improvement": "None: every rated task was performed without challenges.",
        "shortfall": "shortfall",
        "by_team": "Team by team",
        "by_team_note": "Same seed, one team replaced by bots, the other teams' decisions "
                        "kept: what each team's own decisions changed. Teams act on one "
                        "another, so the rows need not add up to the total.",
        "exec_tasks": "{p} of {n} rated critical tasks were performed without challenges; "
                      "{below} fell short; {unseen} not observed (nothing in the run showed "
                      "whether they were performed).",
        "exec_deaths": "Civilian deaths: {actual}. With no action they would have been "
                       "{passive}; with doctrine, {doctrine}.",
        "timeline_team": "Annex: injects received and decisions taken, team by team",
        "map_turn": "Turn {turn}", "map_route": "Route", "map_population": "People present",
        "map_displaced": "of whom displaced", "map_flow": "People setting off this turn",
        "map_incident": "Incident (attack or abuse)", "map_deterred": "Attack deterred",
        "map_people": "{n:,} people",
        "map_people_ref": "{n} people present (disc area)",
        "map_flow_ref": "{n} people setting off (arrow width)",
        "map_nobody": "Nobody present", "map_unknown": "Not known",
        "map_closed": "Route closed", "map_threat": "Threat", "map_units": "Mission unit(s)",
        "map_tip_unknown": "{name}: not known",
        "map_tip_present": "{name}: {people} people present",
        "map_tip_people": "{name}: {people} people present, {displaced} of them displaced",
        "fig_map": "The situation at chosen turns: people present (circle area), "
                   "displaced among them, movements during the turn, violent incidents",
        "element_planning": "planning", "element_organisation": "organisation",
        "element_equipment": "equipment", "element_training": "training",
        "element_exercise": "exercise",
        "displaced": "displaced", "deaths": "deaths", "injuries": "injuries",
        "relative": "relative to the largest of the three", "women": "women", "men": "men",
        "girls": "girls", "boys": "boys", "older": "older people",
        "fig_timeline": "Key indicators at the end of each turn and orders accepted per "
                        "team (dotted lines: injects, numbered as listed under the plot)",
        "fig_orders": "orders",
        "fig_ratings": "Final rating by critical task",
        "fig_counterfactual": "This run against no action and doctrine",
        "fig_groups": "Deaths and injuries by sex and age group",
    },
    "fr": {
        "lang": "fr",
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
        "over_seeds": "vos décisions vs sans action sur {n} graines",
        "may_be_luck": "peut-être de la chance : l'écart entre graines inclut l'absence de "
                       "changement",
        "band_ratings": "Notes que ces décisions obtiennent sur {n} graines",
        "ratings_col": "notes (graines)",
        "bands_note": "médiane [bande 10–90 %]", "decisions": "ces décisions",
        "timeline": "Annexe : injects et décisions", "turn": "tour", "hour": "heure",
        "what": "quoi", "item": "élément", "inject": "inject", "decision": "décision",
        "rejected": "rejetée", "none": "sans objet", "not_observed": "non observé",
        "ratings": "P : réalisé sans difficulté ; S : avec quelques difficultés ; M : avec "
                   "des difficultés majeures ; U : non réalisé.",
        "civilian_deaths": "civils tués", "civilian_injuries": "civils blessés",
        "displaced_peak": "déplacés (pic)", "unmet_need_person_days":
            "besoins non couverts (personnes-jours)", "people_assisted": "personnes assistées",
        "incidents": "incidents violents", "abuse_incidents": "abus des forces nationales",
        "principle_breaches": "atteintes aux principes humanitaires",
        "plan": "Plan d'amélioration", "issue": "problème (axe d'amélioration)",
        "action": "action corrective", "element": "élément de capacité",
        "responsible": "responsable", "strengths": "Points forts", "no_plan": "Aucun axe "
        "d'amélioration : chaque tâche notée a été réalisée sans difficulté.",
        "overview": "Aperçu de l'exercice", "teams": "Équipes", "name": "nom",
        "played_by": "jouée par", "by_people": "stagiaires", "by_bot": "robot {kind}",
        "by_unknown": "non enregistré",
        "objective": "objectif", "turns_line": "{turns} tours de {hours} h",
        "improvements": "Axes d'amélioration", "root_cause": "pourquoi",
        "no_strength": "Aucune tâche critique n'a été réalisée sans difficulté.",
        "no_improvement": "Aucun : chaque tâche notée a été réalisée sans difficulté.",
        "shortfall": "écart",
        "by_team": "Équipe par équipe",
        "by_team_note": "Même graine, une équipe remplacée par des bots, les décisions des "
                        "autres équipes conservées : ce que les décisions de chaque équipe ont "
                        "changé. Les équipes agissent les unes sur les autres : les lignes ne "
                        "s'additionnent pas forcément.",
        "exec_tasks": "{p} tâche(s) critique(s) notée(s) sur {n} réalisée(s) sans difficulté ; "
                      "{below} en deçà ; {unseen} non observée(s) (rien dans la partie ne "
                      "montrait si elles ont été réalisées).",
        "exec_deaths": "Civils tués : {actual}. Sans action, ils auraient été {passive} ; "
                       "avec la doctrine, {doctrine}.",
        "timeline_team": "Annexe : injects reçus et décisions prises, équipe par équipe",
        "map_turn": "Tour {turn}", "map_route": "Route", "map_population": "Personnes présentes",
        "map_displaced": "dont personnes déplacées", "map_flow": "Personnes parties pendant le tour",
        "map_incident": "Incident (attaque ou abus)", "map_deterred": "Attaque dissuadée",
        "map_people": "{n} personnes",
        "map_people_ref": "{n} personnes présentes (surface du disque)",
        "map_flow_ref": "{n} personnes parties (largeur de la flèche)",
        "map_nobody": "Personne sur place", "map_unknown": "Situation inconnue",
        "map_closed": "Route coupée", "map_threat": "Menace", "map_units": "Unité(s) de la mission",
        "map_tip_unknown": "{name} : situation inconnue",
        "map_tip_present": "{name} : {people} personnes présentes",
        "map_tip_people": "{name} : {people} personnes présentes, dont {displaced} déplacées",
        "fig_map": "La situation à des tours choisis : personnes présentes (aire du cercle), "
                   "dont déplacées, mouvements pendant le tour, incidents violents",
        "element_planning": "planification", "element_organisation": "organisation",
        "element_equipment": "équipement", "element_training": "formation",
        "element_exercise": "exercice",
        "displaced": "déplacés", "deaths": "décès", "injuries": "blessés",
        "relative": "par rapport au plus grand des trois", "women": "femmes",
        "men": "hommes", "girls": "filles", "boys": "garçons", "older": "personnes âgées",
        "fig_timeline": "Indicateurs clés en fin de tour et ordres acceptés par équipe "
                        "(pointillés : injects, numérotés comme sous le graphique)",
        "fig_orders": "ordres",
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
    "reporting": {
        "en": ("organisation", "Break every assessment and report down by sex and age, so "
                               "that the needs of women, girls and older people are seen."),
        "fr": ("organisation", "Ventiler chaque évaluation et chaque rapport par sexe et âge, "
                               "pour que les besoins des femmes, des filles et des personnes "
                               "âgées soient vus.")},
    "prevention": {
        "en": ("planning", "Answer every warning of rising tension within the turn: inclusive "
                           "mediation with leaders, women and youth, confidence patrols, and "
                           "facts against rumours, before communities clash."),
        "fr": ("planning", "Répondre à chaque alerte de montée des tensions dans le tour : "
                           "médiation inclusive avec les autorités, les femmes et les jeunes, "
                           "patrouilles de confiance et faits contre les rumeurs, avant que "
                           "les communautés ne s'affrontent.")},
    "children": {
        "en": ("training", "Hand children released by armed groups to a child-protection "
                           "actor within 48 hours, never to security forces; plan the "
                           "handover with the child-protection adviser before the release."),
        "fr": ("training", "Remettre les enfants libérés par les groupes armés à un acteur de "
                           "la protection de l'enfance sous 48 heures, jamais aux forces de "
                           "sécurité ; préparer la remise avec le conseiller en protection de "
                           "l'enfance avant la libération.")},
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
    "people_reached": "needs", "casualties": "protection", "disaggregated": "reporting",
    "aid_as_leverage": "principles", "warnings_acted_on": "protection",
    "sgbv_referral_share": "sgbv", "detentions_overdue": "principles",
    "deaths_in_warned_attacks": "protection", "assessed_before_aid": "needs",
    "orders_effective": "protection",
    "detentions_founded": "principles", "abducted": "protection",
    "children_handed_over": "children", "clashes": "prevention", "recruited": "prevention",
    "tension_alerts_acted_on": "prevention",
}


# What a measure's value means, by the note its Result carries (debrief.measures).
DETAILS: dict[str, dict[str, str]] = {
    "none": {"en": "none", "fr": "aucun"},
    "outcome": {"en": "{outcome}: {value}", "fr": "{outcome} : {value}"},
    "outcome_at": {"en": "{outcome}: {value} at {places}", "fr": "{outcome} : {value} à {places}"},
    "by_type": {"en": "{counts}", "fr": "{counts}"},
    "harm": {"en": "{abuses} abuses ({deaths} deaths) after {supports} supports by the mission",
             "fr": "{abuses} abus ({deaths} décès) après {supports} appui(s) de la mission"},
    "not_fired": {"en": "inject {inject} did not fire", "fr": "l'inject {inject} n'a pas eu lieu"},
    "no_threat": {"en": "inject {inject} threatens no place",
                  "fr": "l'inject {inject} ne menace aucun lieu"},
    "no_protection": {"en": "no protection at {places}", "fr": "aucune protection à {places}"},
    "response": {"en": "{what} by {team} at {location} {hours} h after {inject}",
                 "fr": "{what} par {team} à {location} {hours} h après {inject}"},
    "none_due": {"en": "no expected action was due", "fr": "aucune action attendue n'était due"},
    "expected": {"en": "{met} of {due} expected actions met by their effect ({attempted} "
                       "attempted without effect, {refused} refused, {missed} not ordered)",
                 "fr": "{met} action(s) attendue(s) sur {due} atteinte(s) par leur effet "
                       "({attempted} tentée(s) sans effet, {refused} refusée(s), {missed} non "
                       "ordonnée(s))"},
    "shared": {"en": "shared in {turns} of {of} turns",
               "fr": "partage lors de {turns} tour(s) sur {of}"},
    "breaches": {"en": "{breaches} breaches in {orders} orders using or requesting military "
                       "assets or delivering aid",
                 "fr": "{breaches} atteinte(s) pour {orders} ordre(s) employant ou demandant des "
                       "moyens militaires ou livrant de l'aide"},
    "no_military_use": {"en": "no military asset used or requested, no aid sent: nothing to "
                              "judge",
                        "fr": "aucun moyen militaire employé ni demandé, aucune aide envoyée : "
                              "rien à juger"},
    "no_aid_order": {"en": "no aid sent: nothing to judge",
                     "fr": "aucune aide envoyée : rien à juger"},
    "no_tension_alert": {"en": "no warning of rising tension: nothing to judge",
                         "fr": "aucune alerte de montée des tensions : rien à juger"},
    "answered": {"en": "{answered} of {alerts} warnings of rising tension answered at the "
                       "place in time",
                 "fr": "{answered} alerte(s) de montée des tensions sur {alerts} suivies d'une "
                       "réponse sur place à temps"},
    "no_release": {"en": "no child released: nothing to judge",
                   "fr": "aucun enfant libéré : rien à juger"},
    "children_care": {"en": "{in_time} of {released} released children handed to a "
                            "child-protection actor in time ({to_security_forces} handed to "
                            "security forces)",
                      "fr": "{in_time} enfant(s) libéré(s) sur {released} remis à un acteur "
                            "de la protection de l'enfance dans les délais "
                            "({to_security_forces} remis aux forces de sécurité)"},
    "no_detention": {"en": "no detention: nothing to judge",
                     "fr": "aucune détention : rien à juger"},
    "overdue": {"en": "detainees held past the limit in {turns} turn(s) ({detentions} "
                      "detentions)",
                "fr": "détenus gardés au-delà du délai pendant {turns} tour(s) ({detentions} "
                      "détention(s))"},
    "assessed_first": {"en": "{assessed} of {orders} aid orders went to a place assessed in "
                             "the three turns before",
                       "fr": "{assessed} ordre(s) d'aide sur {orders} visaient un lieu évalué "
                             "dans les trois tours précédents"},
    "effective": {"en": "{effective} of {orders} orders had their effect",
                  "fr": "{effective} ordre(s) sur {orders} ont eu leur effet"},
    "no_order": {"en": "no such order: nothing to judge", "fr": "aucun ordre de ce type : rien à juger"},
    "founded": {"en": "{founded} of {orders} detention orders apprehended suspects",
                "fr": "{founded} ordre(s) de détention sur {orders} ont appréhendé des suspects"},
    "warnings": {"en": "{protected} of {warned} warned attacks found protection there",
                 "fr": "{protected} attaque(s) annoncée(s) sur {warned} ont trouvé une "
                       "protection sur place"},
    "warned_deaths": {"en": "{deaths} civilians killed in {warned} warned attacks",
                      "fr": "{deaths} civils tués lors de {warned} attaque(s) annoncée(s)"},
    "no_warned_attack": {"en": "no warned attack came: nothing to judge",
                         "fr": "aucune attaque annoncée n'a eu lieu : rien à juger"},
    "no_case": {"en": "no case of sexual violence", "fr": "aucun cas de violence sexuelle"},
    "referral_share": {"en": "{referred} of {cases} survivors of sexual violence reached a "
                             "referral pathway",
                       "fr": "{referred} survivant(e)s de violences sexuelles sur {cases} ont "
                             "atteint un circuit de référencement"},
    "no_support": {"en": "no support to host forces: nothing to judge",
                   "fr": "aucun appui aux forces nationales : rien à juger"},
    "hrddp": {"en": "{assessed} of {supports} supports after an HRDDP assessment that did not "
                    "advise withholding ({withheld} against a 'withhold' advice)",
              "fr": "{assessed} appui(s) sur {supports} après une évaluation HRDDP qui ne "
                    "conseillait pas de le refuser ({withheld} malgré un avis de refus)"},
    "no_engagement": {"en": "no community engagement", "fr": "aucun dialogue communautaire"},
    "consulted": {"en": "{group} consulted, then the place protected when the attack came, "
                        "for {with} of {of} warned attacks",
                  "fr": "{group} consulté(e)s, puis le lieu protégé à l'arrivée de l'attaque, "
                        "pour {with} attaque(s) annoncée(s) sur {of}"},
    "no_pathway": {"en": "no referral pathway", "fr": "aucun circuit de référencement"},
    "pathway_no_case": {"en": "pathway set up; no case", "fr": "circuit en place ; aucun cas"},
    "pathway_before": {"en": "pathway (turn {pathway}) before first case (turn {case})",
                       "fr": "circuit (tour {pathway}) avant le premier cas (tour {case})"},
    "pathway_after": {"en": "pathway (turn {pathway}) after first case (turn {case})",
                      "fr": "circuit (tour {pathway}) après le premier cas (tour {case})"},
    "reached": {"en": "{amount} person-days of {need} in {drops} deliveries to {places} "
                      "places: {people} people a day",
                "fr": "{amount} personnes-jours de {need} en {drops} livraison(s) vers {places} "
                      "lieu(x) : {people} personnes par jour"},
    "casualties": {"en": "{count} {kind} ({group}){at}", "fr": "{count} {kind} ({group}){at}"},
    "no_assessment": {"en": "no needs assessment", "fr": "aucune évaluation des besoins"},
    "disaggregated": {"en": "{split} of {of} assessments disaggregated by sex and age",
                      "fr": "{split} évaluation(s) sur {of} ventilée(s) par sexe et âge"},
    "leverage": {"en": "aid made conditional on cooperation {count} time(s) ({places})",
                 "fr": "aide conditionnée à une coopération {count} fois ({places})"},
    "cause_leverage": {"en": "{count} delivery(ies) of aid made conditional on cooperation "
                             "({places})",
                       "fr": "{count} livraison(s) d'aide conditionnée(s) à une coopération "
                             "({places})"},
    "cause_missed": {"en": "{team} did not order {action}{where} by turn {by_turn}, "
                           "as inject {inject} expected",
                     "fr": "{team} n'a pas ordonné {action}{where} avant la fin du tour "
                           "{by_turn}, comme l'attendait l'inject {inject}"},
    "cause_late": {"en": "{team} ordered {action}{where} in turn {turn}, after the "
                         "deadline (turn {by_turn}) of inject {inject}",
                   "fr": "{team} a ordonné {action}{where} au tour {turn}, après "
                         "l'échéance (tour {by_turn}) de l'inject {inject}"},
    "cause_refused": {"en": "{team}'s order {action} was refused ({reason}) before the deadline "
                            "(turn {by_turn}) of inject {inject}",
                      "fr": "l'ordre {action} de {team} a été refusé ({reason}) avant "
                            "l'échéance (tour {by_turn}) de l'inject {inject}"},
    "cause_attempted": {"en": "{team} ordered {action}{where} for inject {inject}, without "
                              "effect by the deadline (turn {by_turn}): {why}",
                        "fr": "{team} a ordonné {action}{where} pour l'inject {inject}, sans "
                              "effet à l'échéance (tour {by_turn}) : {why}"},
    "cause_unprotected": {"en": "attack at {location} in turn {turn} ({deaths} deaths), warned "
                                "{hours} h before, found no protection there",
                          "fr": "attaque à {location} au tour {turn} ({deaths} décès), annoncée "
                                "{hours} h avant, sans protection sur place"},
    "cause_unguarded": {"en": "attack at {location} in turn {turn} ({deaths} deaths): no unit "
                              "was posted there",
                        "fr": "attaque à {location} au tour {turn} ({deaths} décès) : aucune "
                              "unité n'y était postée"},
    "cause_attack_protected": {"en": "attack at {location} in turn {turn} ({deaths} deaths) "
                                     "despite protectors there ({units})",
                               "fr": "attaque à {location} au tour {turn} ({deaths} décès) "
                                     "malgré des protecteurs sur place ({units})"},
    "cause_deaths": {"en": "{count} {kind} at {location}", "fr": "{count} {kind} à {location}"},
    "cause_abuse": {"en": "abuse by {host_force} at {location} in turn {turn} ({deaths} deaths) "
                          "after support by the mission",
                    "fr": "abus de {host_force} à {location} au tour {turn} ({deaths} décès) "
                          "après un appui de la mission"},
    "cause_unattended": {"en": "{cases} survivor(s) of sexual violence at {location} in turn "
                               "{turn} had no referral pathway within reach",
                         "fr": "{cases} survivant(e)(s) de violences sexuelles à {location} au "
                               "tour {turn} sans circuit de référencement à portée"},
    "cause_not_consulted": {"en": "warned attack at {location} in turn {turn} ({deaths} "
                                  "deaths): {group} were not consulted there before it, or "
                                  "nothing done after consulting them protected the place "
                                  "when it came",
                            "fr": "attaque annoncée à {location} au tour {turn} ({deaths} "
                                  "décès) : les {group} n'y ont pas été consulté(e)s avant, ou "
                                  "rien de ce qui a suivi ne protégeait le lieu à son "
                                  "arrivée"},
    "cause_trust_lost": {"en": "trust lost at {location} in turn {turn} ({kind})",
                         "fr": "confiance perdue à {location} au tour {turn} ({kind})"},
    "cause_no_effect": {"en": "{team} ordered {action} in turn {turn}, without effect: {why}",
                        "fr": "{team} a ordonné {action} au tour {turn}, sans effet : {why}"},
    "cause_unassessed": {"en": "{team} sent {action} to {location} in turn {turn} with no needs "
                               "assessment there in the three turns before",
                         "fr": "{team} a envoyé {action} à {location} au tour {turn} sans "
                               "évaluation des besoins sur place dans les trois tours "
                               "précédents"},
    "cause_unfounded": {"en": "{count} detention order(s) where there was nobody to detain "
                              "({places})",
                        "fr": "{count} ordre(s) de détention sans personne à appréhender "
                              "({places})"},
    "cause_overdue": {"en": "detainees held past the limit {count} time(s)",
                      "fr": "détenus gardés au-delà du délai {count} fois"},
    "cause_not_disaggregated": {"en": "{count} assessment(s) not broken down by sex and age "
                                      "({places})",
                                "fr": "{count} évaluation(s) non ventilée(s) par sexe et âge "
                                      "({places})"},
    "cause_friction": {"en": "{count} × {kind} ({places})", "fr": "{count} × {kind} ({places})"},
    "cause_breach": {"en": "{count} use(s) of military assets for aid without an approved "
                           "last resort ({places})",
                     "fr": "{count} emploi(s) de moyens militaires pour l'aide sans dernier "
                           "recours approuvé ({places})"},
    "cause_blind_support": {"en": "{team} gave {what} to {host_force} in turn {turn} without "
                                  "an HRDDP assessment",
                            "fr": "{team} a fourni {what} à {host_force} au tour {turn} sans "
                                  "évaluation HRDDP"},
    "cause_withheld_support": {"en": "{team} gave {what} to {host_force} in turn {turn} "
                                     "against an HRDDP advice to withhold it",
                               "fr": "{team} a fourni {what} à {host_force} au tour {turn} "
                                     "malgré un avis HRDDP de refus"},
}
# Names the sentences above may carry, translated where the report's text has them.
GROUP_NAMES = {"en": {"youth": "youth", "leaders": "leaders", "all": "all groups"},
               "fr": {"youth": "jeunes", "leaders": "chefs", "all": "tous groupes"}}
# Why an order had no effect (simulator.play.expectations), for the reader.
REASONS = {
    "en": {"unit_cannot_reach": "the unit could not reach the place",
           "arrived_late": "the unit arrived after the attack (or the deadline)",
           "left_early": "the unit had left before the attack",
           "aid_blocked": "the aid was blocked", "convoy_ambushed": "the convoy was ambushed",
           "principle_breach": "the delivery breached the humanitarian principles",
           "aid_as_leverage": "the aid was made conditional on cooperation",
           "delivered_after_deadline": "the aid arrived after the deadline",
           "not_delivered_by_deadline": "the aid had not arrived by the deadline",
           "approved_unused": "the approved asset was never used",
           "asset_request_declined": "the request was declined",
           "after_support": "the assessment came after support was given",
           "without_hrddp": "no HRDDP assessment came first",
           "against_withhold_advice": "the HRDDP assessment advised withholding it",
           "no_detainees": "there were no detainees to hand over",
           "nothing_new_shared": "nothing new was passed on",
           "after_deadline": "it happened after the deadline",
           "evacuation_failed": "the evacuation failed", "detention_failed": "nobody was detained",
           "engagement_failed": "the team could not reach the community",
           "repair_failed": "the repair failed", "route_not_found": "no such route",
           "repair_not_needed": "the route was not damaged",
           "children_handover_failed": "no child was handed over (none waiting there, or "
                                       "not to a child-protection actor)",
           "local_agreement_failed": "no agreement: there had been no mediation there",
           "herd_already_moving": "the herd was already moving",
           "shared_asset_conflict": "another team with priority had the shared unit",
           "convoy_turned_back": "the convoy was turned back at a checkpoint",
           "no_change": "it changed nothing (one was in place already, or nobody was left to "
                        "move)",
           "no_effect": "nothing came of it"},
    "fr": {"unit_cannot_reach": "l'unité n'a pas pu atteindre le lieu",
           "arrived_late": "l'unité est arrivée après l'attaque (ou l'échéance)",
           "left_early": "l'unité était repartie avant l'attaque",
           "aid_blocked": "l'aide a été bloquée", "convoy_ambushed": "le convoi a été attaqué",
           "principle_breach": "la livraison a porté atteinte aux principes humanitaires",
           "aid_as_leverage": "l'aide a été conditionnée à une coopération",
           "delivered_after_deadline": "l'aide est arrivée après l'échéance",
           "not_delivered_by_deadline": "l'aide n'était pas arrivée à l'échéance",
           "approved_unused": "le moyen approuvé n'a jamais été employé",
           "asset_request_declined": "la demande a été refusée",
           "after_support": "l'évaluation est venue après l'appui",
           "without_hrddp": "aucune évaluation HRDDP préalable",
           "against_withhold_advice": "l'évaluation HRDDP conseillait de le refuser",
           "no_detainees": "aucun détenu à remettre",
           "nothing_new_shared": "rien de nouveau n'a été transmis",
           "after_deadline": "c'est arrivé après l'échéance",
           "evacuation_failed": "l'évacuation a échoué", "detention_failed": "personne n'a été appréhendé",
           "engagement_failed": "l'équipe n'a pas pu atteindre la communauté",
           "repair_failed": "la réparation a échoué", "route_not_found": "itinéraire inexistant",
           "repair_not_needed": "l'itinéraire n'était pas endommagé",
           "children_handover_failed": "aucun enfant remis (aucun n'attendait là, ou pas à un "
                                       "acteur de la protection de l'enfance)",
           "local_agreement_failed": "pas d'accord : il n'y avait pas eu de médiation",
           "herd_already_moving": "le troupeau était déjà en mouvement",
           "shared_asset_conflict": "une autre équipe prioritaire avait l'unité partagée",
           "convoy_turned_back": "le convoi a été refoulé à un point de contrôle",
           "no_change": "cela n'a rien changé (un dispositif était déjà en place, ou il ne "
                        "restait personne à déplacer)",
           "no_effect": "rien n'en est sorti"},
}
# Deaths not reported by an attack, by the event that reports them.
DEATH_KINDS = {
    "en": {"flood_deaths": "deaths in the flood", "disease_deaths": "deaths from disease",
           "deprivation_deaths": "deaths from unmet needs",
           "injury_deaths": "deaths from untreated injuries"},
    "fr": {"flood_deaths": "décès dans la crue", "disease_deaths": "décès de maladie",
           "deprivation_deaths": "décès faute de besoins couverts",
           "injury_deaths": "décès de blessures non soignées"},
}
# Orders that failed on the ground (debrief.rootcause.FRICTION), named for the reader.
FRICTION_NAMES = {
    "en": {"aid_blocked": "aid deliveries blocked", "unit_cannot_reach": "units unable to reach",
           "route_not_found": "routes not found", "evacuation_failed": "evacuations failed",
           "engagement_failed": "engagements failed", "detention_failed": "detentions failed",
           "repair_failed": "repairs failed", "asset_request_declined":
               "military asset requests declined", "convoy_ambushed": "convoys ambushed"},
    "fr": {"aid_blocked": "livraisons d'aide bloquées",
           "unit_cannot_reach": "unités incapables d'atteindre le lieu",
           "route_not_found": "itinéraires introuvables", "evacuation_failed": "évacuations échouées",
           "engagement_failed": "dialogues échoués", "detention_failed": "détentions échouées",
           "repair_failed": "réparations échouées", "asset_request_declined":
               "demandes de moyens militaires refusées", "convoy_ambushed": "convois pris en "
                                                                           "embuscade"},
}


def describe(note: str, args: dict, lang: str = "en", words=None) -> str:
    """The sentence ``note`` with ``args``, in ``lang``; group names translated. With
    ``words`` (``debrief.words.Words``) ids become names and numbers whole counts; without,
    ids stay as written (the debrief's JSON keeps them)."""
    args = dict(args)
    if words is not None:
        args = _in_words(args, words, lang)
    names = {**TEXT[lang], **GROUP_NAMES[lang]}
    if "group" in args:
        args["group"] = names.get(args["group"], args["group"])
    if "where" in args:  # a place, or nothing where the action has none
        args["where"] = f" ({'at' if lang == 'en' else 'à'} {args['where']})" \
            if args["where"] else ""
    if "kind" in args:
        args["kind"] = {**names, **FRICTION_NAMES[lang], **DEATH_KINDS[lang]}.get(
            args["kind"], args["kind"])
    if args.get("need") == "all":
        args["need"] = "aid" if lang == "en" else "aide"
    if "why" in args:
        args["why"] = REASONS[lang].get(args["why"], args["why"])
    if "places" in args and note == "casualties":
        args["at"] = f" {'at' if lang == 'en' else 'à'} {args['places']}" if args["places"] else ""
    if "counts" in args:
        args["counts"] = ", ".join(f"{k}: {v}" for k, v in args["counts"].items())
    return DETAILS[note][lang].format(**args)

# What each metric measures, for a measure the scenario does not describe.
METRIC_NAMES = {
    "en": {"civilian_deaths": "civilian deaths", "civilian_injuries": "civilian injuries",
           "casualties": "casualties", "displaced_peak": "displaced people (peak)",
           "displaced_final": "displaced people at the end",
           "unmet_need_person_days": "unmet need (person-days)",
           "aid_person_days": "aid delivered (person-days)", "incidents": "violent incidents",
           "attacks": "attacks", "incidents_by_type": "incidents by type",
           "attacks_deterred": "attacks deterred", "sgbv_cases": "cases of sexual violence",
           "sgbv_referred": "survivors referred", "trust_mean_final": "trust at the end",
           "people_assisted": "people assisted",
           "humanitarian_access_final": "humanitarian access at the end",
           "abuse_incidents": "abuses after the mission's support",
           "harm_linked_to_mission": "harm linked to the mission's support",
           "principle_breaches": "humanitarian principle breaches",
           "aid_as_leverage": "aid made conditional",
           "detentions_overdue": "detainees held too long",
           "detentions_founded": "detentions that found suspects",
           "people_reached": "people reached with aid",
           "abducted": "people abducted", "recruited": "people recruited by armed groups",
           "children_handed_over": "released children handed to child protection in time",
           "clashes": "intercommunal clashes",
           "tension_alerts_acted_on": "warnings of rising tension answered in time",
           "expected_actions_met": "expected actions met by their effect",
           "response_hours": "time to respond",
           "warnings_acted_on": "warned attacks that found protection",
           "deaths_in_warned_attacks": "deaths in warned attacks",
           "assessed_before_aid": "aid sent to assessed places",
           "orders_effective": "orders that had their effect",
           "hrddp_before_support": "support only after an HRDDP assessment",
           "sgbv_referral_share": "survivors who reached a referral pathway",
           "consulted": "consultations acted on",
           "information_shared": "turns with information shared",
           "disaggregated": "assessments by sex and age",
           "referral_before_first_case": "referral pathway before the first case"},
    "fr": {"civilian_deaths": "civils tués", "civilian_injuries": "civils blessés",
           "casualties": "victimes", "displaced_peak": "personnes déplacées (pic)",
           "displaced_final": "personnes déplacées à la fin",
           "unmet_need_person_days": "besoins non couverts (personnes-jours)",
           "aid_person_days": "aide livrée (personnes-jours)",
           "incidents": "incidents violents", "attacks": "attaques",
           "incidents_by_type": "incidents par type", "attacks_deterred": "attaques dissuadées",
           "sgbv_cases": "cas de violences sexuelles", "sgbv_referred": "survivant(e)s référé(e)s",
           "trust_mean_final": "confiance à la fin", "people_assisted": "personnes assistées",
           "humanitarian_access_final": "accès humanitaire à la fin",
           "abuse_incidents": "abus après l'appui de la mission",
           "harm_linked_to_mission": "préjudices liés à l'appui de la mission",
           "principle_breaches": "atteintes aux principes humanitaires",
           "aid_as_leverage": "aide conditionnée",
           "detentions_overdue": "détenus gardés trop longtemps",
           "detentions_founded": "détentions ayant appréhendé des suspects",
           "people_reached": "personnes atteintes par l'aide",
           "abducted": "personnes enlevées",
           "recruited": "personnes recrutées par des groupes armés",
           "children_handed_over": "enfants libérés remis à temps à la protection de l'enfance",
           "clashes": "affrontements intercommunautaires",
           "tension_alerts_acted_on": "alertes de montée des tensions suivies à temps",
           "expected_actions_met": "actions attendues atteintes par leur effet",
           "response_hours": "délai de réaction",
           "warnings_acted_on": "attaques annoncées ayant trouvé une protection",
           "deaths_in_warned_attacks": "décès lors d'attaques annoncées",
           "assessed_before_aid": "aide envoyée vers des lieux évalués",
           "orders_effective": "ordres ayant eu leur effet",
           "hrddp_before_support": "appui seulement après une évaluation HRDDP",
           "sgbv_referral_share": "survivant(e)s ayant atteint un circuit de référencement",
           "consulted": "consultations suivies d'effet",
           "information_shared": "tours avec partage d'information",
           "disaggregated": "évaluations par sexe et âge",
           "referral_before_first_case": "circuit de référencement avant le premier cas"},
}


IDS = ("location", "where", "team", "inject", "action", "host_force", "task")
LABELS = ("outcome", "what")  # a metric or an event type
# What was done, for sentences that name it (the kind of a response or of a support).
WHAT = {"en": {"presence": "presence", "escort": "escort", "evacuation": "evacuation",
               "handover": "a handover of detainees", "fuel": "fuel", "rations": "rations",
               "transport": "transport", "joint_operation": "a joint operation"},
        "fr": {"presence": "présence", "escort": "escorte", "evacuation": "évacuation",
               "handover": "une remise de détenus", "fuel": "du carburant",
               "rations": "des rations", "transport": "du transport",
               "joint_operation": "une opération conjointe"}}


def _in_words(args: dict, words, lang: str) -> dict:
    """``args`` with ids as names, places listed by name, counts as whole numbers."""
    out = {}
    for k, v in args.items():
        if k in IDS and isinstance(v, str) and v:
            out[k] = words.name(v)
        elif k in ("places", "units") and isinstance(v, (str, list)):
            out[k] = words.names(v)
        elif k in LABELS and isinstance(v, str):
            out[k] = METRIC_NAMES[lang].get(v) or WHAT[lang].get(v) or TEXT[lang].get(v) or \
                v.replace("_", " ")
        elif k == "counts" and isinstance(v, dict):
            out[k] = {METRIC_NAMES[lang].get(x) or x.replace("_", " "): n for x, n in v.items()}
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and k != "turn":
            out[k] = words.num(v)
        else:
            out[k] = v
    return out

# The report's words for names-not-ids reading: the clock, casualties by cause, evaluators'
# notes, the evidence appendix (added to TEXT below, one table per language).
REPORT_MORE = {
    "en": {"clock_note": "Times are on the scenario clock: the exercise starts on {start}; "
                         "a turn lasts {hours} h.",
           "seed_line": "Played on seed {seed}.",
           "casualties": "Deaths and injuries by cause", "cause": "cause",
           "cause_attack": "attacks by armed groups",
           "cause_abuse_by_host_force": "abuses by host forces",
           "cause_intercommunal_clash": "clashes between communities",
           "cause_crowd_incident": "crowd incidents",
           "cause_flood_deaths": "the flood", "cause_disease_deaths": "disease",
           "cause_deprivation_deaths": "unmet needs (water, food, shelter, health)",
           "cause_injury_deaths": "untreated injuries", "total": "total",
           "notes": "Evaluators' notes", "note_turn": "turn {turn}",
           "note_general": "the whole exercise",
           "appendix": "Annex for analysts: the events cited",
           "appendix_note": "Every event the report cites as evidence, in the order it "
                            "happened; the numbers in brackets elsewhere point here. Event "
                            "ids match the run's events.jsonl.",
           "ref": "no.", "when": "when", "happened": "what happened", "event_id": "event id",
           "ids": "Annex for analysts: ids", "id": "id",
           "answers": "answers", "answer_delay": "{inject}, {hours} h after it",
           "more": "and {n} more", "no_casualty": "No civilian was killed or injured.",
           "practice": "Practice — not for certification",
           "practice_note": "A self-paced practice exercise: one trainee's team against "
                            "bots. Its ratings are for learning only and never count for "
                            "certification."},
    "fr": {"clock_note": "Les heures suivent l'horloge du scénario : l'exercice commence le "
                         "{start} ; un tour dure {hours} h.",
           "seed_line": "Joué sur la graine {seed}.",
           "casualties": "Décès et blessés par cause", "cause": "cause",
           "cause_attack": "attaques des groupes armés",
           "cause_abuse_by_host_force": "abus des forces nationales",
           "cause_intercommunal_clash": "affrontements entre communautés",
           "cause_crowd_incident": "incidents de foule",
           "cause_flood_deaths": "la crue", "cause_disease_deaths": "la maladie",
           "cause_deprivation_deaths": "besoins non couverts (eau, vivres, abri, santé)",
           "cause_injury_deaths": "blessures non soignées", "total": "total",
           "notes": "Notes des évaluateurs", "note_turn": "tour {turn}",
           "note_general": "l'ensemble de l'exercice",
           "appendix": "Annexe pour les analystes : les événements cités",
           "appendix_note": "Chaque événement que le rapport cite comme preuve, dans l'ordre "
                            "où il s'est produit ; les numéros entre crochets y renvoient. Les "
                            "identifiants d'événement sont ceux du fichier events.jsonl.",
           "ref": "n°", "when": "quand", "happened": "ce qui s'est passé",
           "event_id": "identifiant", "ids": "Annexe pour les analystes : identifiants",
           "id": "identifiant", "answers": "répond à",
           "answer_delay": "{inject}, {hours} h après", "more": "et {n} de plus",
           "no_casualty": "Aucun civil n'a été tué ni blessé.",
           "practice": "Entraînement — ne compte pas pour la certification",
           "practice_note": "Un exercice d'entraînement en autonomie : l'équipe d'un "
                            "stagiaire face à des bots. Ses notes servent à apprendre et ne "
                            "comptent jamais pour la certification."},
}
for _lang, _more in REPORT_MORE.items():
    TEXT[_lang].update(_more)
