"""The portal's fixed text in English and French: one table (a test checks it complete).

``t(key, lang, **values)`` is for the pages' sentences: a missing key is a bug and raises.
``label(key, lang)`` names things that come from the engine (fact fields, unit kinds,
refusal reasons ...): an unknown one is shown as its code rather than breaking a page.
"""

from __future__ import annotations

from simulator.i18n import LANGUAGES

TEXT: dict[str, dict[str, str]] = {
    "app_name": {"en": "Tabletop exercise", "fr": "Exercice sur table"},
    "language": {"en": "Language", "fr": "Langue"},
    "logout": {"en": "Log out", "fr": "Se déconnecter"},
    "join_title": {"en": "Join an exercise", "fr": "Rejoindre un exercice"},
    "join_code": {"en": "Your code", "fr": "Votre code"},
    "join_hint": {"en": "Type the code from your printed sheet. Capitals, spaces and dashes "
                        "do not matter.",
                  "fr": "Tapez le code de votre feuille imprimée. Majuscules, espaces et tirets "
                        "sont indifférents."},
    "join": {"en": "Join", "fr": "Rejoindre"},
    "joined_as": {"en": "You have joined as {who}.", "fr": "Vous êtes connecté comme {who}."},
    "continue": {"en": "Continue", "fr": "Continuer"},
    "error_title": {"en": "Not possible", "fr": "Impossible"},
    "back_home": {"en": "Back to the start page", "fr": "Retour à la page d'accueil"},
    "role_instructor": {"en": "Instructor", "fr": "Instructeur"},
    "role_team": {"en": "Team", "fr": "Équipe"},
    "role_evaluator": {"en": "Evaluator", "fr": "Évaluateur"},
    "role_trainee": {"en": "Trainee", "fr": "Stagiaire"},
    # courses
    "courses": {"en": "Courses", "fr": "Cours"},
    "course_school": {"en": "School", "fr": "École"},
    "course_dates": {"en": "Dates", "fr": "Dates"},
    "course_start": {"en": "First day", "fr": "Premier jour"},
    "course_end": {"en": "Last day", "fr": "Dernier jour"},
    "trainees": {"en": "Trainees", "fr": "Stagiaires"},
    "no_courses": {"en": "No course yet.", "fr": "Aucun cours pour l'instant."},
    "new_course": {"en": "New course", "fr": "Nouveau cours"},
    "create_course": {"en": "Create the course", "fr": "Créer le cours"},
    "class_view": {"en": "Class view", "fr": "Vue de la promotion"},
    "class_view_hint": {
        "en": "Each trainee against each competency: the final ratings of the tasks their "
              "teams played that count towards it, and the latest sign-off.",
        "fr": "Chaque stagiaire face à chaque compétence : les notes finales des tâches "
              "jouées par ses équipes qui y comptent, et la dernière validation."},
    "cohort_comparison": {"en": "Cohort comparison", "fr": "Comparaison des équipes"},
    "cohort_hint": {
        "en": "Exercises on the same scenario and seed side by side. In brackets: what the "
              "same decisions earned over {seeds} seeds. \"May be luck\": those seeds "
              "overlap, so the difference may not be skill.",
        "fr": "Les exercices sur le même scénario et la même graine côte à côte. Entre "
              "crochets : ce que les mêmes décisions ont obtenu sur {seeds} graines. « Peut "
              "être de la chance » : ces graines se recoupent, la différence peut ne pas tenir "
              "à la compétence."},
    "may_be_luck": {"en": "May be luck", "fr": "Peut être de la chance"},
    "outcome": {"en": "Outcome", "fr": "Résultat"},
    "doctrine": {"en": "Doctrine (bots)", "fr": "Doctrine (bots)"},
    "passive": {"en": "Doing nothing (bots)", "fr": "Inaction (bots)"},
    "no_finished_exercises": {"en": "No finished exercise in this course yet.",
                              "fr": "Aucun exercice terminé dans ce cours pour l'instant."},
    "certificates": {"en": "Certificates", "fr": "Certificats"},
    "certificate": {"en": "Certificate", "fr": "Certificat"},
    "class_record": {"en": "Class record", "fr": "Relevé de la promotion"},
    "course_exercises": {"en": "Exercises of the course", "fr": "Exercices du cours"},
    "no_course_exercises": {"en": "No exercise in this course yet.",
                            "fr": "Aucun exercice dans ce cours pour l'instant."},
    "add_to_course": {"en": "Add an exercise to the course and form its teams",
                      "fr": "Ajouter un exercice au cours et former ses équipes"},
    "form_teams": {"en": "Teams", "fr": "Équipes"},
    "form_teams_hint": {"en": "Choose each trainee's team in this exercise (bot teams take "
                              "nobody).",
                        "fr": "Choisissez l'équipe de chaque stagiaire dans cet exercice "
                              "(les équipes jouées par des bots ne prennent personne)."},
    "no_team": {"en": "(no team)", "fr": "(aucune équipe)"},
    "save_teams": {"en": "Save the teams", "fr": "Enregistrer les équipes"},
    "country": {"en": "Country", "fr": "Pays"},
    "service": {"en": "Service", "fr": "Service"},
    "sex": {"en": "Sex", "fr": "Sexe"},
    "email": {"en": "Email", "fr": "Courriel"},
    "service_military": {"en": "military", "fr": "militaire"},
    "service_police": {"en": "police", "fr": "police"},
    "service_civilian": {"en": "civilian", "fr": "civil"},
    "sex_female": {"en": "female", "fr": "femme"},
    "sex_male": {"en": "male", "fr": "homme"},
    "export_data": {"en": "Export their data", "fr": "Exporter ses données"},
    "delete_trainee": {"en": "Delete", "fr": "Supprimer"},
    "no_trainees": {"en": "No trainee yet.", "fr": "Aucun stagiaire pour l'instant."},
    "import_cohort": {"en": "Import the cohort (CSV)", "fr": "Importer la promotion (CSV)"},
    "import_cohort_hint": {
        "en": "Columns name, country, service (military, police, civilian), sex (female, "
              "male) and optionally email; French headers and values work too. One bad row "
              "and nothing is imported: the page says which row and column.",
        "fr": "Colonnes nom, pays, service (militaire, police, civil), sexe (femme, homme) et "
              "éventuellement courriel ; les en-têtes anglais conviennent aussi. Une ligne "
              "fautive et rien n'est importé : la page indique la ligne et la colonne."},
    "import": {"en": "Import", "fr": "Importer"},
    "add_trainee": {"en": "Add a trainee", "fr": "Ajouter un stagiaire"},
    "signoff": {"en": "Sign-off", "fr": "Validation"},
    "signoff_met": {"en": "met", "fr": "acquise"},
    "signoff_not_yet_met": {"en": "not yet met", "fr": "pas encore acquise"},
    "evaluator_name": {"en": "Your name", "fr": "Votre nom"},
    "comment": {"en": "Comment", "fr": "Commentaire"},
    "sign_off": {"en": "Sign", "fr": "Valider"},
    "trainee_codes": {"en": "Codes for the trainees", "fr": "Codes des stagiaires"},
    "trainee_codes_hint": {
        "en": "Each trainee joins with their code to read their own record, and only theirs. "
              "New codes replace the earlier ones: print this page now, it is shown once.",
        "fr": "Chaque stagiaire se connecte avec son code pour lire son propre relevé, et "
              "seulement le sien. De nouveaux codes remplacent les anciens : imprimez cette "
              "page maintenant, elle n'est montrée qu'une fois."},
    "my_record": {"en": "My record", "fr": "Mon relevé"},
    "exercise": {"en": "Exercise", "fr": "Exercice"},
    "overridden": {"en": "set by the evaluators", "fr": "fixée par les évaluateurs"},
    "no_ratings_yet": {"en": "Nothing yet.", "fr": "Rien pour l'instant."},
    "exercises_played": {"en": "Exercises played", "fr": "Exercices joués"},
    "bad_signoff": {"en": "That sign-off could not be stored: choose met or not yet met and "
                          "give your name.",
                    "fr": "Cette validation n'a pas pu être enregistrée : choisissez acquise "
                          "ou pas encore acquise et indiquez votre nom."},
    # instructor
    "exercises": {"en": "Exercises", "fr": "Exercices"},
    "new_exercise": {"en": "New exercise", "fr": "Nouvel exercice"},
    "no_exercises": {"en": "No exercise yet.", "fr": "Aucun exercice pour l'instant."},
    "name": {"en": "Name", "fr": "Nom"},
    "phase": {"en": "Phase", "fr": "Phase"},
    "turn": {"en": "Turn", "fr": "Tour"},
    "seed": {"en": "Seed", "fr": "Graine"},
    "scenario": {"en": "Scenario", "fr": "Scénario"},
    "shipped_scenario": {"en": "A scenario shipped with the simulator",
                         "fr": "Un scénario livré avec le simulateur"},
    "or_upload": {"en": "or your own scenario file (YAML)",
                  "fr": "ou votre propre fichier de scénario (YAML)"},
    "upload_hint": {"en": "At most 1 MB. A file chosen here is used instead of the list above; "
                          "every problem is shown with its line.",
                    "fr": "1 Mo au plus. Un fichier choisi ici remplace le choix ci-dessus ; "
                          "chaque problème est indiqué avec sa ligne."},
    "scenario_problems": {"en": "The scenario has {count} problem(s):",
                          "fr": "Le scénario a {count} problème(s) :"},
    "exercise_lang": {"en": "Language of the exercise (messages to teams)",
                      "fr": "Langue de l'exercice (messages aux équipes)"},
    "next_teams": {"en": "Next: teams", "fr": "Suite : équipes"},
    "turns_of": {"en": "{turns} turns of {hours} hours", "fr": "{turns} tours de {hours} heures"},
    "who_plays": {"en": "Who plays each team", "fr": "Qui joue chaque équipe"},
    "people": {"en": "People (a join code)", "fr": "Des personnes (un code d'accès)"},
    "bot_kind": {"en": "Bot: {kind}", "fr": "Bot : {kind}"},
    "create": {"en": "Create the exercise", "fr": "Créer l'exercice"},
    "codes_title": {"en": "Join codes", "fr": "Codes d'accès"},
    "codes_once": {"en": "Print this page now: the codes are shown only once (only their "
                         "fingerprints are kept). Cut along the dashes and hand each slip out.",
                   "fr": "Imprimez cette page maintenant : les codes ne sont montrés qu'une fois "
                         "(seule leur empreinte est gardée). Découpez selon les pointillés et "
                         "distribuez chaque coupon."},
    "to_console": {"en": "To the exercise console", "fr": "Vers la console de l'exercice"},
    "slip_how": {"en": "Open {address} on the classroom Wi-Fi and type this code:",
                 "fr": "Ouvrez {address} sur le Wi-Fi de la salle et tapez ce code :"},
    "new_codes": {"en": "New codes", "fr": "Nouveaux codes"},
    "new_codes_hint": {"en": "Print a new sheet: the old codes stop working and everyone who "
                             "joined with them must join again.",
                       "fr": "Imprimer une nouvelle feuille : les anciens codes ne marchent plus "
                             "et ceux qui les ont utilisés doivent se reconnecter."},
    "instructor_code_title": {"en": "Instructor code", "fr": "Code instructeur"},
    "instructor_code_hint": {"en": "A new instructor code replaces the current one: the current "
                                   "code stops working and every other instructor is signed out "
                                   "(you stay signed in). Do it when the code may have been seen.",
                             "fr": "Un nouveau code instructeur remplace l'actuel : l'actuel ne "
                                   "fonctionne plus et tout autre instructeur est déconnecté (vous "
                                   "restez connecté). À faire si le code a pu être vu."},
    "instructor_code_confirm": {"en": "Yes: the current instructor code stops working",
                                "fr": "Oui : le code instructeur actuel cesse de fonctionner"},
    "new_instructor_code": {"en": "New instructor code", "fr": "Nouveau code instructeur"},
    "instructor_code_once": {"en": "The new instructor code is shown only now: write it down. The "
                                   "old code no longer works, and every other instructor session "
                                   "has ended.",
                             "fr": "Le nouveau code instructeur n'est montré que maintenant : "
                                   "notez-le. L'ancien code ne fonctionne plus, et toute autre "
                                   "session d'instructeur est fermée."},
    "to_exercises": {"en": "Back to the exercises", "fr": "Retour aux exercices"},
    "bad_host_title": {"en": "Unknown address", "fr": "Adresse inconnue"},
    "bad_host_text": {"en": "This server does not answer to this name. Open the address the "
                            "instructor gave: it is printed when the portal starts.",
                      "fr": "Ce serveur ne répond pas à ce nom. Ouvrez l'adresse donnée par "
                            "l'instructeur : elle s'affiche au démarrage du portail."},
    "turn_of": {"en": "turn {turn} of {turns}", "fr": "tour {turn} sur {turns}"},
    "paused": {"en": "paused", "fr": "en pause"},
    "refresh": {"en": "Refresh", "fr": "Actualiser"},
    "debrief": {"en": "Debrief report", "fr": "Rapport de débriefing"},
    "debrief_preparing": {"en": "The debrief is being prepared. This page reloads by itself "
                                "until it is ready; it takes a minute or two.",
                          "fr": "Le débriefing est en préparation. Cette page se recharge "
                                "d'elle-même jusqu'à ce qu'il soit prêt ; comptez une minute "
                                "ou deux."},
    "teams": {"en": "Teams", "fr": "Équipes"},
    "team": {"en": "Team", "fr": "Équipe"},
    "played_by": {"en": "Played by", "fr": "Jouée par"},
    "orders_this_turn": {"en": "Orders this turn", "fr": "Ordres de ce tour"},
    "submitted_n": {"en": "{n} submitted", "fr": "{n} soumis"},
    "held_injects": {"en": "Held injects", "fr": "Injects en réserve"},
    "shared_assets": {"en": "Shared assets requested this turn",
                      "fr": "Moyens partagés demandés ce tour-ci"},
    "shared_unit": {"en": "Unit", "fr": "Unité"},
    "requested_by": {"en": "Requested by (order)", "fr": "Demandée par (ordre)"},
    "goes_to": {"en": "Goes to", "fr": "Attribuée à"},
    "by_priority": {"en": "by priority", "fr": "par priorité"},
    "no_held": {"en": "The scenario holds no inject back.",
                "fr": "Le scénario ne garde aucun inject en réserve."},
    "fire": {"en": "Fire now", "fr": "Déclencher"},
    "fired": {"en": "Fired.", "fr": "Déclenché."},
    "adhoc_inject": {"en": "Write an inject", "fr": "Écrire un inject"},
    "inject_from": {"en": "From (the simulated source)", "fr": "De (la source simulée)"},
    "inject_to": {"en": "To", "fr": "À"},
    "message_en": {"en": "Message in English", "fr": "Message en anglais"},
    "message_fr": {"en": "Message in French (English if empty)",
                   "fr": "Message en français (l'anglais si vide)"},
    "inject_hour": {"en": "Hour of the turn", "fr": "Heure du tour"},
    "send_inject": {"en": "Send the inject", "fr": "Envoyer l'inject"},
    "past_turns": {"en": "Turns so far", "fr": "Tours joués"},
    "no_turns": {"en": "No turn yet.", "fr": "Aucun tour pour l'instant."},
    "turn_n": {"en": "Turn {turn}", "fr": "Tour {turn}"},
    "evaluation": {"en": "Evaluators' notes and ratings", "fr": "Notes et notes d'évaluation"},
    "no_notes": {"en": "Nothing yet.", "fr": "Rien pour l'instant."},
    # reports and orders
    "report_of": {"en": "Situation at turn {turn} of {turns}, {when}",
                  "fr": "Situation au tour {turn} sur {turns}, {when}"},
    "budget": {"en": "budget {budget}", "fr": "budget {budget}"},
    "when": {"en": "{when} (turn {turn})", "fr": "{when} (tour {turn})"},
    "nothing_new": {"en": "Nothing reported.", "fr": "Rien à signaler."},
    "units": {"en": "Your units", "fr": "Vos unités"},
    "unit": {"en": "Unit", "fr": "Unité"},
    "kind": {"en": "Kind", "fr": "Type"},
    "location": {"en": "Location", "fr": "Lieu"},
    "task": {"en": "Task", "fr": "Tâche"},
    "busy_until": {"en": "Busy until", "fr": "Occupée jusqu'à"},
    "fatigue": {"en": "Fatigue", "fr": "Fatigue"},
    "agencies": {"en": "Your agencies", "fr": "Vos agences"},
    "agency": {"en": "Agency", "fr": "Agence"},
    "stocks": {"en": "Stocks (person-days)", "fr": "Stocks (personnes-jours)"},
    "suspended": {"en": "Suspended", "fr": "Suspendue"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
    "orders": {"en": "Orders", "fr": "Ordres"},
    "no_orders": {"en": "No order.", "fr": "Aucun ordre."},
    "no_report": {"en": "No report for this turn.", "fr": "Pas de rapport pour ce tour."},
    # team
    "not_started": {"en": "The exercise has not started yet.",
                    "fr": "L'exercice n'a pas encore commencé."},
    "finished": {"en": "The exercise is over. Thank you.", "fr": "L'exercice est terminé. Merci."},
    "turn_closed": {"en": "The turn is closed: wait for the instructor to open the next one.",
                    "fr": "Le tour est clos : attendez que l'instructeur ouvre le suivant."},
    "paused_team": {"en": "The exercise is paused: orders cannot be changed now.",
                    "fr": "L'exercice est en pause : les ordres ne peuvent pas changer maintenant."},
    "turn_open": {"en": "Turn {turn} of {turns} is open: give your orders.",
                  "fr": "Le tour {turn} sur {turns} est ouvert : donnez vos ordres."},
    "your_orders": {"en": "Your orders for turn {turn}", "fr": "Vos ordres pour le tour {turn}"},
    "remove": {"en": "Remove", "fr": "Retirer"},
    "withdraw_all": {"en": "Withdraw all orders", "fr": "Retirer tous les ordres"},
    "new_order": {"en": "Add an order", "fr": "Ajouter un ordre"},
    "optional": {"en": "optional", "fr": "facultatif"},
    "add_order": {"en": "Add this order", "fr": "Ajouter cet ordre"},
    "situation_report": {"en": "Situation report", "fr": "Rapport de situation"},
    "last_report": {"en": "Report of the closed turn", "fr": "Rapport du tour clos"},
    "final_state": {"en": "Final situation", "fr": "Situation finale"},
    # evaluator
    "notes": {"en": "Notes", "fr": "Notes"},
    "critical_task": {"en": "Critical task", "fr": "Tâche critique"},
    "note": {"en": "Note", "fr": "Note"},
    "add_note": {"en": "Add the note", "fr": "Ajouter la note"},
    "overrides": {"en": "Rating overrides", "fr": "Notes corrigées"},
    "rating": {"en": "Rating", "fr": "Note"},
    "justification": {"en": "Justification (at least 10 characters)",
                      "fr": "Justification (10 caractères au moins)"},
    "set_override": {"en": "Set the rating", "fr": "Fixer la note"},
    "no_tasks": {"en": "The scenario has no critical task to rate.",
                 "fr": "Le scénario n'a aucune tâche critique à noter."},
    # orders of the turns played
    "past_orders": {"en": "Your orders in the turns played",
                    "fr": "Vos ordres des tours joués"},
    "turn_when": {"en": "Turn {turn} · {when}", "fr": "Tour {turn} · {when}"},
    "order_done": {"en": "Carried out: it had its effect.",
                   "fr": "Exécuté : il a eu son effet."},
    "order_failed": {"en": "Accepted, but {why}.", "fr": "Accepté, mais {why}."},
    "order_rejected": {"en": "Refused: {why}.", "fr": "Refusé : {why}."},
    "order_n_why": {"en": "order {n} ({action}): {why}", "fr": "ordre {n} ({action}) : {why}"},
    "order_not_carried_out": {"en": "Accepted, not carried out.",
                              "fr": "Accepté, non exécuté."},
    # the debrief for teams
    "release_debrief": {"en": "Release the debrief to the teams",
                        "fr": "Publier le débriefing aux équipes"},
    "release_hint": {"en": "Teams then see their critical tasks with draft and final ratings, "
                           "and the report. Do it after the evaluators' overrides.",
                     "fr": "Les équipes voient alors leurs tâches critiques avec les notes "
                           "provisoires et définitives, et le rapport. À faire après les "
                           "corrections des évaluateurs."},
    "released": {"en": "The debrief is released to the teams.",
                 "fr": "Le débriefing est publié aux équipes."},
    "not_released": {"en": "Your debrief is not released yet: the instructor releases it after "
                           "the end of the exercise, once the evaluators have confirmed the "
                           "ratings. Come back to this page then.",
                     "fr": "Votre débriefing n'est pas encore publié : l'instructeur le publie "
                           "après la fin de l'exercice, une fois les notes confirmées par les "
                           "évaluateurs. Revenez sur cette page à ce moment-là."},
    "your_debrief": {"en": "Your debrief", "fr": "Votre débriefing"},
    "draft_rating": {"en": "Draft rating", "fr": "Note provisoire"},
    "final_rating": {"en": "Final rating", "fr": "Note définitive"},
    "not_observed": {"en": "not observed", "fr": "non observée"},
    "read_report": {"en": "Read the whole report", "fr": "Lire le rapport complet"},
    "no_team_tasks": {"en": "No critical task of the scenario is your team's.",
                      "fr": "Aucune tâche critique du scénario ne revient à votre équipe."},
    # live evaluation
    "live_ratings": {"en": "Draft ratings so far", "fr": "Notes provisoires à ce stade"},
    "live_ratings_hint": {"en": "From the turns played so far ({played} of {turns}); they change "
                                "as the exercise goes on. Not observed: nothing to judge yet.",
                          "fr": "D'après les tours joués ({played} sur {turns}) ; elles "
                                "changent au fil de l'exercice. Non observée : rien à juger "
                                "pour l'instant."},
    "no_played": {"en": "Draft ratings appear once the first turn has been played.",
                  "fr": "Les notes provisoires apparaissent une fois le premier tour joué."},
    "expected_actions": {"en": "Expected actions of the injects",
                         "fr": "Actions attendues des injects"},
    "no_expected": {"en": "No inject with an expected action has fired yet.",
                    "fr": "Aucun inject avec une action attendue n'a encore été déclenché."},
    "inject_fired_at": {"en": "fired {when}", "fr": "déclenché {when}"},
    "inject_due_at": {"en": "due {when}", "fr": "prévu {when}"},
    "deadline": {"en": "Deadline", "fr": "Échéance"},
    "status": {"en": "So far", "fr": "À ce stade"},
    "action": {"en": "Action", "fr": "Action"},
    "place": {"en": "Place", "fr": "Lieu"},
    # maps
    "map_known": {"en": "Map: what your team knows", "fr": "Carte : ce que sait votre équipe"},
    "map_known_hint": {"en": "Only what your reports say: a place with no report shows no "
                             "number.",
                       "fr": "Seulement ce que disent vos rapports : un lieu sans rapport "
                             "n'affiche aucun chiffre."},
    "map_truth": {"en": "Map: the situation on the ground (not shown to teams)",
                  "fr": "Carte : la situation sur le terrain (non montrée aux équipes)"},
    # self-paced practice
    "practice_banner": {"en": "Practice — not for certification",
                        "fr": "Entraînement — ne compte pas pour la certification"},
    "practice_offers": {"en": "Self-paced practice", "fr": "Entraînement en autonomie"},
    "practice_offers_hint": {"en": "A practice link lets a trainee, or an applicant before the "
                                   "course, play one team alone against doctrine bots, at their "
                                   "own pace. Each start from the link makes a new exercise of "
                                   "its own; it appears in your list of exercises, with its "
                                   "debrief once finished. Its ratings never count for "
                                   "certification.",
                             "fr": "Un lien d'entraînement permet à un stagiaire, ou à un "
                                   "candidat avant le cours, de jouer seul une équipe face à des "
                                   "bots « doctrine », à son rythme. Chaque départ depuis le lien "
                                   "crée un exercice distinct ; il apparaît dans votre liste "
                                   "d'exercices, avec son débriefing une fois terminé. Ses notes "
                                   "ne comptent jamais pour la certification."},
    "new_offer": {"en": "New practice link", "fr": "Nouveau lien d'entraînement"},
    "scenario_team": {"en": "Scenario, and the team the trainee plays",
                      "fr": "Scénario, et l'équipe que joue le stagiaire"},
    "create_offer": {"en": "Create the link", "fr": "Créer le lien"},
    "offer_link": {"en": "Practice link", "fr": "Lien d'entraînement"},
    "offer_link_once": {"en": "Copy this link now: it is shown only once (only its fingerprint "
                              "is kept). Whoever has it can start practice exercises: at most "
                              "{cap} for this link, and {limit} an hour from one device. Revoke "
                              "it below when it is no longer needed.",
                        "fr": "Copiez ce lien maintenant : il n'est montré qu'une fois (seule son "
                              "empreinte est gardée). Qui l'a peut lancer des exercices "
                              "d'entraînement : {cap} au plus pour ce lien, et {limit} par heure "
                              "depuis un appareil. Révoquez-le ci-dessous quand il ne sert plus."},
    "offers": {"en": "Practice links", "fr": "Liens d'entraînement"},
    "no_offers": {"en": "No practice link yet.", "fr": "Aucun lien d'entraînement pour l'instant."},
    "made": {"en": "Exercises made", "fr": "Exercices créés"},
    "link_state": {"en": "Link", "fr": "Lien"},
    "active": {"en": "works", "fr": "actif"},
    "revoked": {"en": "revoked", "fr": "révoqué"},
    "revoke": {"en": "Revoke", "fr": "Révoquer"},
    "practice_exercises": {"en": "Practice exercises (self-paced)",
                           "fr": "Exercices d'entraînement (en autonomie)"},
    "no_practice": {"en": "No practice exercise yet.",
                    "fr": "Aucun exercice d'entraînement pour l'instant."},
    "offer": {"en": "Practice link", "fr": "Lien d'entraînement"},
    "turn_reached": {"en": "Turn reached", "fr": "Tour atteint"},
    "practice_console": {"en": "Self-paced practice: the trainee's team ends its own turns; every "
                               "other team is a doctrine bot. The debrief is released to the "
                               "trainee at the end.",
                         "fr": "Entraînement en autonomie : l'équipe du stagiaire clôt elle-même "
                               "ses tours ; toutes les autres équipes sont des bots « doctrine ». "
                               "Le débriefing est publié au stagiaire à la fin."},
    "practice_title": {"en": "Practice exercise: {title}", "fr": "Exercice d'entraînement : {title}"},
    "practice_intro": {"en": "You play the team {team} alone; the other teams are played by the "
                             "simulator's doctrine bots. Go at your own pace: give your orders, "
                             "then end the turn; the next one opens at once. At the end you read "
                             "your debrief.",
                       "fr": "Vous jouez seul l'équipe {team} ; les autres équipes sont jouées "
                             "par les bots « doctrine » du simulateur. Allez à votre rythme : "
                             "donnez vos ordres, puis terminez le tour ; le suivant s'ouvre "
                             "aussitôt. À la fin, vous lisez votre débriefing."},
    "practice_lang": {"en": "messages in {language}", "fr": "messages en {language}"},
    "practice_not_cert": {"en": "This is practice: your ratings are marked as practice and never "
                                "count for certification.",
                          "fr": "C'est un entraînement : vos notes sont marquées comme telles et "
                                "ne comptent jamais pour la certification."},
    "practice_signed_in": {"en": "This browser is already signed in to the portal: starting the "
                                 "practice signs it in as the practice team instead.",
                           "fr": "Ce navigateur est déjà connecté au portail : commencer "
                                 "l'entraînement le connecte à la place comme l'équipe "
                                 "d'entraînement."},
    "practice_each": {"en": "Each start makes a new exercise of your own.",
                      "fr": "Chaque départ crée un nouvel exercice, rien qu'à vous."},
    "practice_start": {"en": "Start my practice exercise",
                       "fr": "Commencer mon exercice d'entraînement"},
    "end_turn": {"en": "End turn {turn}", "fr": "Terminer le tour {turn}"},
    "end_last_turn": {"en": "End turn {turn}, the last one", "fr": "Terminer le tour {turn}, le dernier"},
    "end_turn_hint": {"en": "When your orders are complete, end the turn: the other teams (bots) "
                            "decide at the same moment, and the next turn opens at once.",
                      "fr": "Quand vos ordres sont complets, terminez le tour : les autres "
                            "équipes (des bots) décident au même moment, et le tour suivant "
                            "s'ouvre aussitôt."},
    "practice_closed": {"en": "The turn is closed: go on to the next one.",
                        "fr": "Le tour est clos : passez au suivant."},
    "go_on": {"en": "Go on to turn {turn}", "fr": "Passer au tour {turn}"},
    # a join while signed in as someone else
    "identity_in": {"en": "{who} of the exercise “{exercise}”",
                    "fr": "{who} de l'exercice « {exercise} »"},
    "join_replace_title": {"en": "You are already signed in", "fr": "Vous êtes déjà connecté"},
    "join_replace_question": {"en": "You are signed in as {current}. Join as {new} instead?",
                              "fr": "Vous êtes connecté comme {current}. Rejoindre plutôt "
                                    "comme {new} ?"},
    "join_replace_hint": {"en": "Joining signs this browser out of its current session.",
                          "fr": "Rejoindre déconnecte ce navigateur de sa session actuelle."},
    "join_replace_confirm": {"en": "Yes, join with the new code",
                             "fr": "Oui, rejoindre avec le nouveau code"},
    "join_replace_stay": {"en": "No, stay signed in as before",
                          "fr": "Non, rester connecté comme avant"},
    # what teams see of the others, and the limits they reached (console)
    "others_shown": {"en": "What each team sees of the other teams' orders",
                     "fr": "Ce que chaque équipe voit des ordres des autres équipes"},
    "others_shown_submitted": {"en": "Whether each has submitted (never how many)",
                               "fr": "Si chacune a soumis (jamais combien)"},
    "others_shown_nothing": {"en": "Nothing", "fr": "Rien"},
    "save": {"en": "Save", "fr": "Enregistrer"},
    "others_submitted": {"en": "Other teams that have submitted orders: {teams}.",
                         "fr": "Autres équipes qui ont soumis des ordres : {teams}."},
    "others_none": {"en": "No other team has submitted orders yet.",
                    "fr": "Aucune autre équipe n'a encore soumis d'ordres."},
    "limits_reached": {"en": "Limits reached", "fr": "Limites atteintes"},
    "limits_hint": {"en": "A team sending requests too fast waits a few seconds; one storing "
                          "too many orders in a turn has its submission refused (what it "
                          "stored before is kept).",
                    "fr": "Une équipe qui envoie des requêtes trop vite attend quelques "
                          "secondes ; celle qui enregistre trop d'ordres dans un tour voit sa "
                          "soumission refusée (ce qu'elle avait enregistré est conservé)."},
    "limit": {"en": "Limit", "fr": "Limite"},
    "time": {"en": "Time", "fr": "Heure"},
    "limit_rate": {"en": "requests per second", "fr": "requêtes par seconde"},
    "limit_storage": {"en": "orders stored per turn", "fr": "ordres enregistrés par tour"},
}

LABELS: dict[str, dict[str, str]] = {
    "phase_setup": {"en": "Not started", "fr": "Pas commencé"},
    "phase_open": {"en": "Turn open", "fr": "Tour ouvert"},
    "phase_closed": {"en": "Turn closed", "fr": "Tour clos"},
    "phase_finished": {"en": "Finished", "fr": "Terminé"},
    "cmd_start": {"en": "Start", "fr": "Démarrer"},
    "cmd_close": {"en": "Close the turn", "fr": "Clore le tour"},
    "cmd_open": {"en": "Open the next turn", "fr": "Ouvrir le tour suivant"},
    "cmd_pause": {"en": "Pause", "fr": "Pause"},
    "cmd_resume": {"en": "Resume", "fr": "Reprendre"},
    "bot_passive": {"en": "passive", "fr": "passif"},
    "bot_random": {"en": "random", "fr": "aléatoire"},
    "bot_doctrine": {"en": "doctrine", "fr": "doctrine"},
    "lang_en": {"en": "English", "fr": "anglais"},
    "lang_fr": {"en": "French", "fr": "français"},
    "rating_P": {"en": "P: performed", "fr": "P : réalisée"},
    "rating_S": {"en": "S: some shortcomings", "fr": "S : quelques lacunes"},
    "rating_M": {"en": "M: major shortcomings", "fr": "M : lacunes majeures"},
    "rating_U": {"en": "U: unable to perform", "fr": "U : non réalisée"},
    "status_accepted": {"en": "accepted", "fr": "accepté"},
    "status_rejected": {"en": "rejected", "fr": "rejeté"},
    "sec_messages": {"en": "Messages", "fr": "Messages"},
    "sec_threats": {"en": "Threats", "fr": "Menaces"},
    "sec_hazards": {"en": "Hazards", "fr": "Aléas"},
    "sec_needs": {"en": "Needs", "fr": "Besoins"},
    "sec_observations": {"en": "Observations", "fr": "Observations"},
    "sec_incidents": {"en": "Incidents", "fr": "Incidents"},
    "sec_hrddp": {"en": "Human rights due diligence", "fr": "Diligence voulue (HRDDP)"},
    "sec_asset_requests": {"en": "Asset requests", "fr": "Demandes de moyens"},
    "sec_other": {"en": "Other", "fr": "Autres"},
    # an expected action so far (met, attempted, refused, missed: judged at its deadline)
    "ea_met": {"en": "met", "fr": "réalisée"},
    "ea_attempted": {"en": "attempted without effect", "fr": "tentée sans effet"},
    "ea_refused": {"en": "order refused", "fr": "ordre refusé"},
    "ea_missed": {"en": "missed", "fr": "manquée"},
    "ea_met_so_far": {"en": "met so far", "fr": "réalisée à ce stade"},
    "ea_not_yet": {"en": "not yet", "fr": "pas encore"},
    "ea_not_fired": {"en": "inject not fired yet", "fr": "inject pas encore déclenché"},
    # why an accepted order has had no effect yet (the debrief's words say "too late")
    "effect_arrived_late": {"en": "the unit has not reached the place yet",
                            "fr": "l'unité n'a pas encore atteint le lieu"},
    "effect_not_delivered_by_deadline": {"en": "the aid has not arrived yet",
                                         "fr": "l'aide n'est pas encore arrivée"},
    "effect_left_early": {"en": "the unit did not stay at the place",
                          "fr": "l'unité n'est pas restée sur place"},
    # why something was refused
    "why_unknown_code": {"en": "This code is not known.", "fr": "Ce code est inconnu."},
    "why_too_many_attempts": {"en": "Too many wrong codes from this device: wait half a "
                                    "minute before the next try.",
                              "fr": "Trop de codes erronés depuis cet appareil : attendez une "
                                    "demi-minute avant le prochain essai."},
    "why_cross_origin": {"en": "This request came from another site: open the portal's own "
                               "page and try again.",
                         "fr": "Cette requête vient d'un autre site : ouvrez la page du "
                               "portail lui-même et réessayez."},
    "why_signed_in_elsewhere": {"en": "This browser is signed in as someone else",
                                "fr": "Ce navigateur est connecté comme quelqu'un d'autre"},
    "why_join_expired": {"en": "That question has expired: type the code again.",
                         "fr": "Cette question a expiré : tapez à nouveau le code."},
    "why_rate_limited": {"en": "Too many requests at once: wait a few seconds and try again.",
                         "fr": "Trop de requêtes à la fois : attendez quelques secondes et "
                               "réessayez."},
    "why_quota_exceeded": {"en": "Your team has stored as much as a turn allows (every change "
                                 "of the list counts): the orders already submitted stand",
                           "fr": "Votre équipe a enregistré tout ce qu'un tour permet (chaque "
                                 "changement de la liste compte) : les ordres déjà soumis "
                                 "restent"},
    "why_bad_setting": {"en": "Unknown setting", "fr": "Réglage inconnu"},
    "why_no_session": {"en": "Please join first.", "fr": "Rejoignez d'abord l'exercice."},
    "why_csrf": {"en": "This form is out of date: reload the page and try again.",
                 "fr": "Ce formulaire est périmé : rechargez la page et réessayez."},
    "why_forbidden": {"en": "This is not yours to see or do.",
                      "fr": "Ceci ne vous est pas accessible."},
    "why_turn_closed": {"en": "The turn is closed", "fr": "Le tour est clos"},
    "why_key_reused": {"en": "This request was already sent with other orders: reload the "
                             "page and send again",
                       "fr": "Cette demande a déjà été envoyée avec d'autres ordres : "
                             "rechargez la page et renvoyez"},
    "why_stale_key": {"en": "This request belongs to an earlier turn: reload the page",
                      "fr": "Cette demande appartient à un tour précédent : rechargez la page"},
    "why_paused": {"en": "The exercise is paused", "fr": "L'exercice est en pause"},
    "why_invalid_decision": {"en": "This order cannot be given", "fr": "Cet ordre est impossible"},
    "why_invalid_inject": {"en": "The inject needs a source, at least one team, a message and "
                                 "an hour within the turn",
                           "fr": "L'inject demande une source, au moins une équipe, un message "
                                 "et une heure dans le tour"},
    "why_bot_team": {"en": "This team is played by a bot", "fr": "Cette équipe est jouée par un bot"},
    "why_unknown_team": {"en": "Unknown team", "fr": "Équipe inconnue"},
    "why_unknown_action": {"en": "Your team has no such order", "fr": "Votre équipe n'a pas cet ordre"},
    "why_unknown_param": {"en": "A field of this order is unknown",
                          "fr": "Un champ de cet ordre est inconnu"},
    "why_missing_param": {"en": "A required field is empty", "fr": "Un champ obligatoire est vide"},
    "why_bad_value": {"en": "A field has a value that is not allowed",
                      "fr": "Un champ a une valeur non permise"},
    "why_unknown_location": {"en": "Unknown place", "fr": "Lieu inconnu"},
    "why_unknown_entity": {"en": "Unknown unit, agency or actor",
                           "fr": "Unité, agence ou acteur inconnu"},
    "why_missing_asset": {"en": "The unit or agency is not available",
                          "fr": "L'unité ou l'agence n'est pas disponible"},
    "why_past_turn": {"en": "That turn is over", "fr": "Ce tour est terminé"},
    "why_future_turn": {"en": "That turn is not open yet", "fr": "Ce tour n'est pas encore ouvert"},
    "why_over_budget": {"en": "Over this turn's budget", "fr": "Au-delà du budget du tour"},
    "why_prerequisite": {"en": "What this order needs first is not in place",
                         "fr": "Ce que cet ordre demande d'abord n'est pas en place"},
    "why_unreachable": {"en": "The unit cannot get there by the ways it travels",
                        "fr": "L'unité ne peut pas s'y rendre par ses moyens de déplacement"},
    "why_not_released": {"en": "The debrief is not released to the teams yet",
                         "fr": "Le débriefing n'est pas encore publié aux équipes"},
    "why_wrong_phase": {"en": "Not possible at this phase", "fr": "Impossible à cette phase"},
    "why_turn_not_open": {"en": "No turn is open", "fr": "Aucun tour n'est ouvert"},
    "why_not_running": {"en": "The exercise is not running", "fr": "L'exercice n'est pas en cours"},
    "why_unknown_inject": {"en": "Unknown inject", "fr": "Inject inconnu"},
    "why_unknown_exercise": {"en": "Unknown exercise", "fr": "Exercice inconnu"},
    "why_unknown_course": {"en": "Unknown course", "fr": "Cours inconnu"},
    "why_unknown_trainee": {"en": "Unknown trainee", "fr": "Stagiaire inconnu"},
    "why_out_of_range": {"en": "A number in the address is out of range",
                         "fr": "Un nombre de l'adresse est hors limites"},
    "why_unknown_command": {"en": "Unknown command", "fr": "Commande inconnue"},
    "why_unknown_turn": {"en": "This turn has not been played", "fr": "Ce tour n'a pas été joué"},
    "why_unknown_order": {"en": "This order is no longer in the list",
                          "fr": "Cet ordre n'est plus dans la liste"},
    "why_unknown_language": {"en": "Unknown language", "fr": "Langue inconnue"},
    "why_not_finished": {"en": "The exercise is not finished", "fr": "L'exercice n'est pas terminé"},
    "why_bad_setup": {"en": "Check the name (1 to 200 characters), the seed (0 or more), the "
                            "language and the scenario.",
                      "fr": "Vérifiez le nom (1 à 200 caractères), la graine (0 ou plus), la "
                            "langue et le scénario."},
    "why_draft_expired": {"en": "The scenario checked earlier is no longer kept: choose it again.",
                          "fr": "Le scénario vérifié plus tôt n'est plus gardé : choisissez-le "
                                "de nouveau."},
    "why_bad_note": {"en": "A note needs a text (at most 5000 characters) and a played turn.",
                     "fr": "Une note demande un texte (5000 caractères au plus) et un tour joué."},
    "why_bad_override": {"en": "An override needs a critical task, a rating P, S, M or U and a "
                               "justification of at least 10 characters.",
                         "fr": "Une correction demande une tâche critique, une note P, S, M ou U "
                               "et une justification de 10 caractères au moins."},
    "why_confirm_needed": {"en": "Tick the box to confirm", "fr": "Cochez la case pour confirmer"},
    "why_malformed": {"en": "The request is malformed", "fr": "La requête est mal formée"},
    "why_too_large": {"en": "Too large", "fr": "Trop volumineux"},
    "why_invalid_scenario": {"en": "The scenario is not valid", "fr": "Le scénario n'est pas valide"},
    "why_invalid_csv": {"en": "The CSV file has problems: nothing was imported",
                        "fr": "Le fichier CSV a des problèmes : rien n'a été importé"},
    "why_invalid_framework": {"en": "The competency framework is not valid",
                              "fr": "Le référentiel de compétences n'est pas valide"},
    "why_unknown_practice": {"en": "This practice link is not known, or it was revoked.",
                             "fr": "Ce lien d'entraînement est inconnu, ou il a été révoqué."},
    "why_unknown_offer": {"en": "Unknown practice link", "fr": "Lien d'entraînement inconnu"},
    "why_practice_full": {"en": "This practice link has made all the exercises it may: ask the "
                                "instructor for a new one.",
                          "fr": "Ce lien d'entraînement a créé tous les exercices permis : "
                                "demandez-en un nouveau à l'instructeur."},
    "why_too_many_practices": {"en": "Too many practice exercises started from this device: "
                                     "wait an hour.",
                               "fr": "Trop d'exercices d'entraînement lancés depuis cet "
                                     "appareil : attendez une heure."},
    "why_not_practice": {"en": "Only the team of a practice exercise ends its own turns",
                         "fr": "Seule l'équipe d'un exercice d'entraînement clôt ses propres "
                               "tours"},
    "why_bad_offer": {"en": "Choose a scenario and team, a seed (0 or more), a language, and a "
                            "name of at most 200 characters.",
                      "fr": "Choisissez un scénario et une équipe, une graine (0 ou plus), une "
                            "langue, et un nom de 200 caractères au plus."},
    # what facts say
    "message": {"en": "Message", "fr": "Message"},
    "threat": {"en": "Threat", "fr": "Menace"},
    "hazard": {"en": "Hazard", "fr": "Aléa"},
    "needs": {"en": "Needs assessment", "fr": "Évaluation des besoins"},
    "observation": {"en": "Observation", "fr": "Observation"},
    "incident": {"en": "Incident", "fr": "Incident"},
    "investigation": {"en": "Investigation", "fr": "Enquête"},
    "hrddp": {"en": "HRDDP assessment", "fr": "Évaluation HRDDP"},
    "asset_request": {"en": "Asset request", "fr": "Demande de moyens"},
    "rejected": {"en": "Order rejected", "fr": "Ordre rejeté"},
    "protection_concerns": {"en": "Protection concerns", "fr": "Préoccupations de protection"},
    "location": {"en": "place", "fr": "lieu"},
    "locations": {"en": "places", "fr": "lieux"},
    "places": {"en": "places", "fr": "lieux"},
    "actors": {"en": "actors", "fr": "acteurs"},
    "armed_group": {"en": "armed group", "fr": "groupe armé"},
    "expected_hour": {"en": "expected", "fr": "attendue"},
    "tactic": {"en": "tactic", "fr": "tactique"},
    "unit": {"en": "unit", "fr": "unité"},
    "population": {"en": "people present", "fr": "personnes présentes"},
    "displaced": {"en": "displaced", "fr": "déplacés"},
    "flood_level": {"en": "flood level", "fr": "niveau de crue"},
    "incidents": {"en": "incidents", "fr": "incidents"},
    "cause": {"en": "cause", "fr": "cause"},
    "sgbv_risk": {"en": "SGBV risk", "fr": "risque de VBG"},
    "topic": {"en": "topic", "fr": "sujet"},
    "unmet": {"en": "share of needs unmet", "fr": "part des besoins non couverts"},
    "injured": {"en": "injured", "fr": "blessés"},
    "infected": {"en": "infected", "fr": "infectés"},
    "road_open": {"en": "road open", "fr": "route ouverte"},
    "by_group": {"en": "by sex and age", "fr": "par sexe et âge"},
    "approved": {"en": "approved", "fr": "approuvée"},
    "reason": {"en": "reason", "fr": "motif"},
    "host_force": {"en": "host force", "fr": "force nationale"},
    "risk": {"en": "risk", "fr": "risque"},
    "mitigation": {"en": "mitigation", "fr": "atténuation"},
    "advice": {"en": "advice", "fr": "avis"},
    "peak_hour": {"en": "peak", "fr": "pic"},
    "level": {"en": "level", "fr": "niveau"},
    "decision": {"en": "order", "fr": "ordre"},
    "action": {"en": "action", "fr": "action"},
    "detail": {"en": "detail", "fr": "détail"},
    "shared_by": {"en": "shared by", "fr": "partagé par"},
    "shared_turn": {"en": "shared at turn", "fr": "partagé au tour"},
    "water": {"en": "water", "fr": "eau"},
    "food": {"en": "food", "fr": "vivres"},
    "shelter": {"en": "shelter", "fr": "abri"},
    "health": {"en": "health", "fr": "santé"},
    "women": {"en": "women", "fr": "femmes"},
    "patrol": {"en": "patrol", "fr": "patrouille"}, "guard": {"en": "guard", "fr": "garde"},
    "leaders": {"en": "leaders", "fr": "chefs"}, "youth": {"en": "youth", "fr": "jeunes"},
    "fuel": {"en": "fuel", "fr": "carburant"}, "rations": {"en": "rations", "fr": "rations"},
    "joint_operation": {"en": "joint operation", "fr": "opération conjointe"},
    "men": {"en": "men", "fr": "hommes"},
    "girls": {"en": "girls", "fr": "filles"},
    "boys": {"en": "boys", "fr": "garçons"},
    "older": {"en": "older people", "fr": "personnes âgées"},
    "radio": {"en": "radio", "fr": "radio"},
    "phone": {"en": "phone", "fr": "téléphone"},
    "written_report": {"en": "written report", "fr": "rapport écrit"},
    "media": {"en": "media", "fr": "médias"},
    "meeting": {"en": "meeting", "fr": "réunion"},
    "email": {"en": "e-mail", "fr": "courriel"},
    "alert_network": {"en": "alert network", "fr": "réseau d'alerte"},
    "idle": {"en": "available", "fr": "disponible"},
    "infantry": {"en": "infantry", "fr": "infanterie"},
    "engineer": {"en": "engineers", "fr": "génie"},
    "helicopter": {"en": "helicopter", "fr": "hélicoptère"},
    "fpu": {"en": "formed police unit", "fr": "unité de police constituée"},
    "ipo": {"en": "individual police officers", "fr": "policiers individuels"},
    "medical": {"en": "medical", "fr": "médical"},
    "transport": {"en": "transport", "fr": "transport"},
    "civil_affairs": {"en": "civil affairs", "fr": "affaires civiles"},
    "human_rights": {"en": "human rights", "fr": "droits de l'homme"},
    "liaison": {"en": "liaison", "fr": "liaison"},
    # parameters of actions without a label of their own
    "to": {"en": "to", "fr": "à"},
    "mode": {"en": "mode", "fr": "mode"},
    "amount": {"en": "amount", "fr": "quantité"},
    "need": {"en": "need", "fr": "besoin"},
    "consult": {"en": "consult", "fr": "consulter"},
    "agency": {"en": "agency", "fr": "agence"},
    "team": {"en": "team", "fr": "équipe"},
    "from": {"en": "from", "fr": "de"},
    "kind": {"en": "kind", "fr": "type"},
    "capacity": {"en": "capacity", "fr": "capacité"},
    # what the constructs of prevention, children and access show a team
    "route": {"en": "route", "fr": "itinéraire"},
    "checkpoint": {"en": "checkpoint", "fr": "point de contrôle"},
    "inclusive": {"en": "with women and youth", "fr": "avec femmes et jeunes"},
    "days": {"en": "days", "fr": "jours"},
    "herd": {"en": "herd", "fr": "troupeau"},
    "tension_rising": {"en": "Tension rising", "fr": "Montée des tensions"},
    "tension": {"en": "tension", "fr": "tension"},
    "transhumance": {"en": "Transhumance announced", "fr": "Transhumance annoncée"},
    "checkpoint_met": {"en": "At a checkpoint", "fr": "À un point de contrôle"},
    "children_released": {"en": "Children released", "fr": "Enfants libérés"},
    "children": {"en": "children", "fr": "enfants"},
    "gathering": {"en": "Gathering", "fr": "Rassemblement"},
    "people": {"en": "people", "fr": "personnes"},
    "start_hour": {"en": "from", "fr": "de"},
    "end_hour": {"en": "until", "fr": "jusqu'à"},
    "held_by": {"en": "held by", "fr": "tenu par"},
    "met": {"en": "what happened", "fr": "ce qui s'est passé"},
    "levy": {"en": "levy paid", "fr": "taxe payée"},
    "turned_back": {"en": "turned back", "fr": "refoulé"},
    "cattle": {"en": "head of cattle", "fr": "têtes de bétail"},
    "due": {"en": "expected", "fr": "attendu"},
    "crop_damage": {"en": "Crops trampled", "fr": "Cultures piétinées"},
    "rumour": {"en": "Rumour", "fr": "Rumeur"},
    "reached": {"en": "reached", "fr": "a atteint"},
    "abduction": {"en": "Abduction", "fr": "Enlèvement"},
    "abducted": {"en": "abducted", "fr": "enlevés"},
    "shared_asset": {"en": "Shared unit not given", "fr": "Unité partagée non attribuée"},
    "given_to": {"en": "given to", "fr": "attribuée à"},
    "market": {"en": "market day", "fr": "jour de marché"},
    "rally": {"en": "rally", "fr": "rassemblement"},
    "funeral": {"en": "funeral", "fr": "funérailles"},
    "distribution": {"en": "distribution", "fr": "distribution"},
    "religious": {"en": "religious gathering", "fr": "rassemblement religieux"},
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
_PREFIXES = ("why_", "phase_", "cmd_", "bot_", "lang_", "rating_", "status_", "sec_", "ea_")


def t(key: str, lang: str = "en", **values) -> str:
    """The sentence ``key`` in ``lang`` (English if the language is unknown)."""
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)


def label(key: str, lang: str = "en") -> str:
    """The name of an engine code in ``lang``; the code itself if the table lacks it."""
    entry = LABELS.get(key)
    if entry:
        return entry.get(lang, entry["en"])
    MISSED.add(key)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return key.replace("_", " ")


__all__ = ["LANGUAGES", "TEXT", "LABELS", "t", "label"]
