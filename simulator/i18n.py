"""One translation layer for fixed user-facing text (English and French).

``t("key", lang, **values)`` formats the message; a missing key or language is a bug that
the tests catch (every key has every language).
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "valid": {"en": "{path}: valid ({locations} locations, {teams} teams, {actions} actions, "
                    "{injects} injects)",
              "fr": "{path} : valide ({locations} lieux, {teams} équipes, {actions} actions, "
                    "{injects} injects)"},
    "invalid": {"en": "{count} problem(s) found", "fr": "{count} problème(s) trouvé(s)"},
    "competencies_valid": {"en": "{path}: valid ({count} competencies; {mapped} of the {tasks} "
                                 "critical tasks of {scenarios} scenarios mapped)",
                           "fr": "{path} : valide ({count} compétences ; {mapped} des {tasks} "
                                 "tâches critiques de {scenarios} scénarios rattachées)"},
    "turn_progress": {"en": "turn {turn}/{turns}: {events} events, civilians killed so far: "
                            "{deaths}",
                      "fr": "tour {turn}/{turns} : {events} événements, civils tués jusqu'ici : "
                            "{deaths}"},
    "rejected": {"en": "refused, turn {turn}, {team}: {action}: {why}",
                 "fr": "refusé, tour {turn}, {team} : {action} : {why}"},
    "outcome_title": {"en": "Outcome of {scenario} (seed {seed})",
                      "fr": "Résultat de {scenario} (graine {seed})"},
    "civilian_deaths": {"en": "civilian deaths", "fr": "civils tués"},
    "civilian_injuries": {"en": "civilian injuries", "fr": "civils blessés"},
    "displaced_peak": {"en": "displaced (peak)", "fr": "déplacés (pic)"},
    "unmet_need_person_days": {"en": "unmet need (person-days)",
                               "fr": "besoins non couverts (personnes-jours)"},
    "incidents": {"en": "violent incidents", "fr": "incidents violents"},
    "attacks_deterred": {"en": "attacks deterred", "fr": "attaques dissuadées"},
    "people_assisted": {"en": "people assisted", "fr": "personnes assistées"},
    "abuse_incidents": {"en": "abuses by host forces", "fr": "abus des forces nationales"},
    "principle_breaches": {"en": "humanitarian principle breaches",
                           "fr": "atteintes aux principes humanitaires"},
    "humanitarian_access_final": {"en": "humanitarian access at the end",
                                  "fr": "accès humanitaire à la fin"},
    "compare_outcome": {"en": "outcome", "fr": "résultat"},
    "no_scenario_copy": {"en": "{folder}: no scenario.yaml; run the exercise again with this "
                               "version",
                         "fr": "{folder} : pas de scenario.yaml ; rejouez l'exercice avec "
                               "cette version"},
    "compare_task": {"en": "objective / critical task", "fr": "objectif / tâche critique"},
    "decisions": {"en": "decisions: {accepted} accepted, {rejected} rejected",
                  "fr": "décisions : {accepted} acceptées, {rejected} rejetées"},
    "wrote": {"en": "outputs written to {path}", "fr": "résultats écrits dans {path}"},
    "report_written": {"en": "debrief report: {path}", "fr": "rapport de débriefing : {path}"},
    "error": {"en": "error: {message}", "fr": "erreur : {message}"},
    "bad_bot": {"en": "--bots expects TEAM=KIND (KIND: {kinds}), got {value!r}",
                "fr": "--bots attend EQUIPE=TYPE (TYPE : {kinds}), reçu {value!r}"},
    "unknown_team": {"en": "unknown team {team!r} in --bots (teams: {teams})",
                     "fr": "équipe inconnue {team!r} dans --bots (équipes : {teams})"},
    "compare_progress": {"en": "{kind}: seed {seed}/{seeds}", "fr": "{kind} : graine {seed}/{seeds}"},
    "compare_title": {"en": "{scenario}: every team played by each bot kind, {seeds} seeds; "
                            "mean [10–90 % band]",
                      "fr": "{scenario} : chaque équipe jouée par chaque type de bot, {seeds} "
                            "graines ; moyenne [bande 10–90 %]"},
    "replay_progress": {"en": "debrief replay, {what}: {i}/{n}",
                        "fr": "rejeu du débriefing, {what} : {i}/{n}"},
    "ratings_title": {"en": "ratings over {seeds} seeds (seeds per rating; P best, U worst, "
                            "- not observed)",
                      "fr": "notes sur {seeds} graines (graines par note ; P la meilleure, U la "
                            "pire, - non observé)"},
    "bad_team_seeds": {"en": "--team-seeds must be 1 or more, got {seeds}",
                       "fr": "--team-seeds doit valoir 1 ou plus, reçu {seeds}"},
    "bad_seeds": {"en": "--seeds must be 1 or more, got {seeds}",
                  "fr": "--seeds doit valoir 1 ou plus, reçu {seeds}"},
    "schema_written": {"en": "JSON Schema written to {path}",
                       "fr": "schéma JSON écrit dans {path}"},
    "serve_code": {"en": "instructor code: {code}", "fr": "code instructeur : {code}"},
    "serve_listening": {"en": "listening on {url}", "fr": "à l'écoute sur {url}"},
    "serve_network": {"en": "on this network, teams open {url}",
                      "fr": "sur ce réseau, les équipes ouvrent {url}"},
    "generate_bad_places": {"en": "--places must be from {low} to {high}, got {value}",
                            "fr": "--places doit aller de {low} à {high}, reçu {value}"},
    "generate_bad_population": {"en": "--population must be from 0 to {high}, got {value}",
                                "fr": "--population doit aller de 0 à {high}, reçu {value}"},
    "generate_bad_armed_groups": {"en": "--armed-groups must be from 0 to {high} (one for "
                                        "every ten places, at most 50), got {value}",
                                  "fr": "--armed-groups doit aller de 0 à {high} (un pour dix "
                                        "lieux, 50 au plus), reçu {value}"},
    "generate_stage_places": {"en": "placing the towns, villages and sites",
                              "fr": "placement des villes, villages et sites"},
    "generate_stage_roads": {"en": "laying the roads, tracks and river crossings",
                             "fr": "tracé des routes, pistes et traversées du fleuve"},
    "generate_stage_people": {"en": "settling the population",
                              "fr": "répartition de la population"},
    "generate_stage_writing": {"en": "writing the scenario", "fr": "écriture du scénario"},
    "generate_written": {"en": "{path}: district written ({places} places, {routes} routes, "
                               "{people} people, {groups} armed groups; {size} MB)",
                         "fr": "{path} : district écrit ({places} lieux, {routes} routes, "
                               "{people} personnes, {groups} groupes armés ; {size} Mo)"},
    "msel_written": {"en": "{path}: MSEL written ({injects} injects, {actions} expected "
                           "actions; {sheets})",
                     "fr": "{path} : MSEL écrite ({injects} injects, {actions} actions "
                           "attendues ; {sheets})"},
    "msel_sheets_xlsx": {"en": "sheets MSEL, expected actions by team, reference",
                         "fr": "feuilles MSEL, actions attendues par équipe, référence"},
    "msel_sheets_csv": {"en": "the MSEL sheet only; an .xlsx file adds the expected actions "
                              "by team and a reference of names and ids",
                        "fr": "la feuille MSEL seule ; un fichier .xlsx ajoute les actions "
                              "attendues par équipe et une référence des noms et des ids"},
    "msel_out_suffix": {"en": "--out must end in .xlsx or .csv, not {suffix}",
                        "fr": "--out doit finir par .xlsx ou .csv, pas {suffix}"},
    "msel_imported": {"en": "{path}: scenario written with the sheet's MSEL ({injects} "
                            "injects: {changed} changed, {added} added, {removed} removed)",
                      "fr": "{path} : scénario écrit avec la MSEL de la feuille ({injects} "
                            "injects : {changed} modifiés, {added} ajoutés, {removed} "
                            "supprimés)"},
    "msel_check": {"en": "to check: {problem}", "fr": "à vérifier : {problem}"},
    "imported": {"en": "{path}: scenario written ({days} days, {locations} locations, "
                       "{injects} injects)",
                 "fr": "{path} : scénario écrit ({days} jours, {locations} lieux, {injects} "
                       "injects)"},
    "validation_start": {"en": "{case}: {days} days, {camps} camps, {seeds} seed(s) in {jobs} "
                               "process(es)",
                         "fr": "{case} : {days} jours, {camps} camps, {seeds} graine(s) dans "
                               "{jobs} processus"},
    "validation_day": {"en": "  seed {seed}: day {day}/{days}",
                       "fr": "  graine {seed} : jour {day}/{days}"},
    "validation_seed": {"en": "  seed {seed}: done in {seconds:.1f} s",
                        "fr": "  graine {seed} : terminée en {seconds:.1f} s"},
    "naive_capacity_split": {"en": "capacity split", "fr": "répartition selon la capacité"},
    "naive_nearest_camp": {"en": "nearest camp", "fr": "camp le plus proche"},
    "ard_normal": {"en": "normal", "fr": "normal"},
    "ard_rescaled": {"en": "rescaled", "fr": "remis à l'échelle"},
    "plot_observed": {"en": "observed (interpolated)", "fr": "observé (interpolé)"},
    "plot_reports": {"en": "UNHCR reports (corrected)", "fr": "rapports du HCR (corrigés)"},
    "plot_simulated": {"en": "simulated (mean, band over {seeds} seeds)",
                       "fr": "simulé (moyenne, bande sur {seeds} graines)"},
    "plot_capacity": {"en": "naive: capacity split", "fr": "naïf : répartition selon la capacité"},
    "plot_days": {"en": "days from {start}", "fr": "jours depuis le {start}"},
    "plot_people": {"en": "people in camp", "fr": "personnes dans le camp"},
    "plot_all": {"en": "{case}: camp counts, days from {start}",
                 "fr": "{case} : effectifs des camps, jours depuis le {start}"},
    "validation_title": {"en": "{case}: {days} days, {camps} camps, {seeds} seed(s)",
                         "fr": "{case} : {days} jours, {camps} camps, {seeds} graine(s)"},
    "validation_ard": {"en": "ARD {kind}: {mean:.3f} [{min:.3f}–{max:.3f} over seeds]",
                       "fr": "ARD {kind} : {mean:.3f} [{min:.3f}–{max:.3f} selon les graines]"},
    "validation_naive": {"en": "naive forecast, {name}: ARD {value:.3f}",
                         "fr": "prévision naïve, {name} : ARD {value:.3f}"},
    "validation_time": {"en": "{per_run:.1f} s per run; {wall:.1f} s in all",
                        "fr": "{per_run:.1f} s par simulation ; {wall:.1f} s au total"},
    "serve_bind": {"en": "cannot listen on {host}:{port}: {message}",
                   "fr": "impossible d'écouter sur {host}:{port} : {message}"},
    # ttx serve: the instructor code, HTTPS and who may connect (simulator/portal/tls.py).
    "serve_code_kept": {"en": "the instructor code is unchanged (it was shown when it was made); "
                              "start with --new-instructor-code, or use \"New instructor code\" "
                              "on the portal, to get a new one",
                        "fr": "le code instructeur n'a pas changé (il a été affiché à sa "
                              "création) ; démarrez avec --new-instructor-code, ou utilisez « "
                              "Nouveau code instructeur » sur le portail, pour en obtenir un "
                              "nouveau"},
    "serve_code_rotated": {"en": "the previous instructor code no longer works, and whoever "
                                 "signed in with it is signed out",
                           "fr": "l'ancien code instructeur ne fonctionne plus, et qui s'était "
                                 "connecté avec lui est déconnecté"},
    "serve_needs_tls": {"en": "--host {host} lets other computers connect, and join codes "
                              "would cross the network in clear: add --tls (HTTPS with a "
                              "certificate made for this laptop) or --cert FILE --key FILE (the "
                              "school's); --plain-http only where HTTPS ends before this computer",
                        "fr": "--host {host} laisse d'autres ordinateurs se connecter, et les "
                              "codes d'accès traverseraient le réseau en clair : ajoutez --tls "
                              "(HTTPS avec un certificat fait pour cet ordinateur) ou --cert "
                              "FICHIER --key FICHIER (celui de l'école) ; --plain-http seulement "
                              "si HTTPS s'arrête avant cet ordinateur"},
    "serve_plain_warning": {"en": "warning: plain HTTP on {host}: join codes and sessions cross "
                                  "the network in clear unless HTTPS ends in front of this "
                                  "computer",
                            "fr": "attention : HTTP en clair sur {host} : codes d'accès et "
                                  "sessions traversent le réseau en clair, sauf si HTTPS "
                                  "s'arrête devant cet ordinateur"},
    "serve_tls_or_plain": {"en": "--plain-http cannot go with --tls or --cert: choose one",
                           "fr": "--plain-http ne va pas avec --tls ou --cert : choisissez"},
    "serve_cert_and_key": {"en": "--cert and --key go together: give both",
                           "fr": "--cert et --key vont ensemble : donnez les deux"},
    "serve_other_addresses": {"en": "other addresses of this computer: {urls}",
                              "fr": "autres adresses de cet ordinateur : {urls}"},
    "serve_cert_kept": {"en": "HTTPS: the certificate of earlier starts, from {folder}",
                        "fr": "HTTPS : le certificat des démarrages précédents, de {folder}"},
    "serve_cert_new": {"en": "HTTPS: a self-signed certificate was made for this laptop, in "
                             "{folder}",
                       "fr": "HTTPS : un certificat auto-signé a été fait pour cet ordinateur, "
                             "dans {folder}"},
    "serve_cert_names": {"en": "HTTPS: the certificate did not name {names}; a new one was made, "
                               "in {folder}: its fingerprint changed, read it out again",
                         "fr": "HTTPS : le certificat ne nommait pas {names} ; un nouveau a été "
                               "fait, dans {folder} : son empreinte a changé, relisez-la"},
    "serve_cert_expiring": {"en": "HTTPS: the certificate was near its end; a new one was made, "
                                  "in {folder}: its fingerprint changed, read it out again",
                            "fr": "HTTPS : le certificat arrivait à expiration ; un nouveau a "
                                  "été fait, dans {folder} : son empreinte a changé, relisez-la"},
    "serve_cert_unusable": {"en": "HTTPS: the certificate in {folder} could not be read; a new "
                                  "one was made: its fingerprint changed, read it out again",
                            "fr": "HTTPS : le certificat de {folder} était illisible ; un "
                                  "nouveau a été fait : son empreinte a changé, relisez-la"},
    "serve_cert_school": {"en": "HTTPS: certificate {path}",
                          "fr": "HTTPS : certificat {path}"},
    "serve_fingerprint": {"en": "certificate SHA-256 fingerprint: {fingerprint}",
                          "fr": "empreinte SHA-256 du certificat : {fingerprint}"},
    "serve_fingerprint_short": {"en": "read out to the class: {short} (the start of the SHA-256 "
                                      "fingerprint the browser shows)",
                                "fr": "à lire à la classe : {short} (le début de l'empreinte "
                                      "SHA-256 que montre le navigateur)"},
    "tls_missing": {"en": "{path}: no such file", "fr": "{path} : fichier introuvable"},
    "tls_unreadable": {"en": "{path}: cannot be read: {why}",
                       "fr": "{path} : illisible : {why}"},
    "tls_bad_cert": {"en": "{path}: not a certificate in PEM form (-----BEGIN CERTIFICATE-----)",
                     "fr": "{path} : pas un certificat au format PEM "
                           "(-----BEGIN CERTIFICATE-----)"},
    "tls_bad_key": {"en": "{path}: not a private key in PEM form without a password",
                    "fr": "{path} : pas une clé privée au format PEM sans mot de passe"},
    "tls_mismatch": {"en": "{key_file} is not the private key of {cert_file}",
                     "fr": "{key_file} n'est pas la clé privée de {cert_file}"},
    "check_progress": {"en": "check: {strategy} seed {seed}/{seeds} done ({done}/{total})",
                       "fr": "vérification : {strategy} graine {seed}/{seeds} terminée "
                             "({done}/{total})"},
    "check_done": {"en": "check: {plays} plays in {seconds:.1f} s in {where}",
                   "fr": "vérification : {plays} parties en {seconds:.1f} s dans {where}"},
    "check_title": {"en": "{scenario}: every team plays each of {strategies} strategies over "
                          "{seeds} seeds",
                    "fr": "{scenario} : chaque équipe joue chacune des {strategies} stratégies sur "
                          "{seeds} graines"},
    "check_ratings": {"en": "ratings (seeds per rating; P best, U worst, - not observed)",
                      "fr": "notes (graines par note ; P la meilleure, U la pire, - non observé)"},
    "check_table_head": {"en": "objective / critical task", "fr": "objectif / tâche critique"},
    "check_bands": {"en": "outcomes: median [10–90 % band]",
                    "fr": "résultats : médiane [bande 10–90 %]"},
    "check_targets": {"en": "targets", "fr": "repères"},
    "check_p_share": {"en": "share of task ratings at P: {shares}",
                      "fr": "part des notes de tâches à P : {shares}"},
    "check_random_above": {"en": "random rated better than doctrine: {share} of (task, seed) pairs",
                           "fr": "aléatoire mieux noté que la doctrine : {share} des paires "
                                 "(tâche, graine)"},
    "check_median": {"en": "median {outcome}: {values}", "fr": "{outcome} médian : {values}"},
    "check_held": {"en": "held, fired only by the instructor: {injects}",
                   "fr": "en réserve, déclenchés seulement par l'instructeur : {injects}"},
    "check_flags": {"en": "flags ({count}):", "fr": "alertes ({count}) :"},
    "check_no_flags": {"en": "no flags", "fr": "aucune alerte"},
    "check_flag_gamed_task": {
        "en": "{task}: {strategy} is rated P on {p_seeds}/{seeds} seeds ({share:.0%}, more than "
              "{limit:.0%}); its measures pass without the judgement the task stands for",
        "fr": "{task} : {strategy} obtient P sur {p_seeds}/{seeds} graines ({share:.0%}, plus de "
              "{limit:.0%}) ; ses mesures se passent du jugement que la tâche représente"},
    "check_flag_doctrine_fails": {
        "en": "{task}: doctrine is rated P on only {p_seeds}/{seeds} seeds ({share:.0%}, fewer "
              "than {limit:.0%}); the task may be out of reach or its thresholds too strict",
        "fr": "{task} : la doctrine n'obtient P que sur {p_seeds}/{seeds} graines ({share:.0%}, "
              "moins de {limit:.0%}) ; la tâche est peut-être hors d'atteinte ou ses seuils trop "
              "stricts"},
    "check_flag_inject_never_fires": {
        "en": "{inject}: never fires in {plays} plays; its trigger may be out of reach",
        "fr": "{inject} : jamais déclenché en {plays} parties ; son déclencheur est peut-être "
              "hors d'atteinte"},
    "check_flag_action_unused": {
        "en": "{action} ({team}): doctrine never orders it in {seeds} seeds",
        "fr": "{action} ({team}) : la doctrine ne l'ordonne jamais en {seeds} graines"},
    "check_flag_measure_never_applies": {
        "en": "{task}/{measure}: never applies in {plays} plays, so it never rates the task",
        "fr": "{task}/{measure} : ne s'applique jamais en {plays} parties, donc ne note jamais "
              "la tâche"},
    "check_unknown_strategy": {"en": "unknown strategy {name!r} (strategies: {strategies})",
                               "fr": "stratégie inconnue {name!r} (stratégies : {strategies})"},
    "check_bad_jobs": {"en": "--jobs must be 0 (one per core) or more, got {jobs}",
                       "fr": "--jobs doit valoir 0 (un par cœur) ou plus, reçu {jobs}"},
    # Where replays run (simulator/play/workers.py) and Monte Carlo sweeps (debrief/sweep.py).
    "workers_here": {"en": "this process", "fr": "ce processus"},
    "workers_local": {"en": "{count} local processes", "fr": "{count} processus locaux"},
    "workers_dask": {"en": "the Dask cluster at {address} ({workers} workers, {threads} threads)",
                     "fr": "la grappe Dask de {address} ({workers} workers, {threads} fils)"},
    "dask_missing": {"en": "--dask needs Dask's distributed package, not installed here: "
                           "pip install 'ttx-sim[dask]' (or 'dask[distributed]')",
                     "fr": "--dask a besoin du paquet distributed de Dask, absent ici : "
                           "pip install 'ttx-sim[dask]' (ou 'dask[distributed]')"},
    "dask_bad_address": {"en": "--dask: {address!r} is not a Dask scheduler's address ({reason}); "
                               "give the one the scheduler prints, such as tcp://HOST:8786",
                         "fr": "--dask : {address!r} n'est pas l'adresse d'un ordonnanceur Dask "
                               "({reason}) ; donnez celle qu'affiche l'ordonnanceur, comme "
                               "tcp://HÔTE:8786"},
    "dask_unreachable": {"en": "no Dask scheduler answered at {address} within {seconds} s; is it "
                               "running, and is the address the one it prints?",
                         "fr": "aucun ordonnanceur Dask n'a répondu à {address} en {seconds} s ; "
                               "tourne-t-il, et l'adresse est-elle celle qu'il affiche ?"},
    "dask_no_workers": {"en": "the Dask cluster at {address} has no workers (waited {seconds} s); "
                              "start some with: dask worker {address}",
                        "fr": "la grappe Dask de {address} n'a aucun worker (attendu {seconds} s) ; "
                              "démarrez-en avec : dask worker {address}"},
    "dask_other_version": {"en": "Dask workers {workers} do not have this version of ttx and its "
                                 "libraries, so their replays could differ; install it on them",
                           "fr": "les workers Dask {workers} n'ont pas cette version de ttx et de "
                                 "ses bibliothèques, leurs rejeux pourraient différer ; "
                                 "installez-la sur eux"},
    "sweep_bad_workers": {"en": "--workers must be 0 (one per core) or more, got {workers}",
                          "fr": "--workers doit valoir 0 (un par cœur) ou plus, reçu {workers}"},
    "sweep_start": {"en": "sweep: {seeds} seeds of {scenario} in {where}",
                    "fr": "balayage : {seeds} graines de {scenario} dans {where}"},
    "sweep_progress": {"en": "sweep: {done}/{total} replays done",
                       "fr": "balayage : {done}/{total} rejeux terminés"},
    "sweep_done": {"en": "sweep: {seeds} replays in {seconds:.1f} s",
                   "fr": "balayage : {seeds} rejeux en {seconds:.1f} s"},
    "sweep_title": {"en": "{scenario}: {inputs} over seeds 0 to {last}; median [10–90 % band]",
                    "fr": "{scenario} : {inputs} sur les graines 0 à {last} ; médiane "
                          "[bande 10–90 %]"},
    "sweep_decisions": {"en": "the decisions of {path}", "fr": "les décisions de {path}"},
    "sweep_bots": {"en": "bots ({bots})", "fr": "bots ({bots})"},
    "sweep_bots_all": {"en": "every team played by the {kind} bot",
                       "fr": "chaque équipe jouée par le bot {kind}"},
    "sweep_no_orders": {"en": "no orders from any team", "fr": "aucun ordre d'aucune équipe"},
    "sweep_seed": {"en": "seed", "fr": "graine"},
    "sweep_median": {"en": "median", "fr": "médiane"},
    "sweep_team": {"en": "team", "fr": "équipe"},
    "sweep_not_rated": {"en": "not rated", "fr": "non notée"},
    # Situation reports as people read them (simulator/world/sitrep_text.py).
    "clock": {"en": "day {day}, {hh}:{mm}", "fr": "jour {day}, {hh} h {mm}"},
    "sitrep_title": {"en": "Situation report: {team}", "fr": "Rapport de situation : {team}"},
    "sitrep_when": {"en": "Turn {turn} of {turns}, {when}. Budget left: {budget}.",
                    "fr": "Tour {turn} sur {turns}, {when}. Budget restant : {budget}."},
    "sitrep_none": {"en": "Nothing new.", "fr": "Rien de nouveau."},
    "shared_by": {"en": " (passed on by {teams})", "fr": " (transmis par {teams})"},
    "sitrep_messages": {"en": "Messages", "fr": "Messages"},
    "sitrep_message": {"en": "{when}, from {sender}: {text}", "fr": "{when}, de {sender} : {text}"},
    "sitrep_places": {"en": " (places: {places})", "fr": " (lieux : {places})"},
    "sitrep_threats": {"en": "Threats", "fr": "Menaces"},
    "sitrep_threat": {"en": "{place}: {group} expected around {when}",
                      "fr": "{place} : arrivée de {group} attendue vers {when}"},
    "sitrep_hazards": {"en": "Hazards", "fr": "Aléas"},
    "sitrep_hazard": {"en": "{hazard} at {places}, reported {when}",
                      "fr": "{hazard} à {places}, signalé(e) {when}"},
    "hazard_flood": {"en": "flood", "fr": "crue"},
    "hazard_outbreak": {"en": "disease outbreak", "fr": "épidémie"},
    "sitrep_needs": {"en": "Needs (latest assessment of each place)",
                     "fr": "Besoins (dernière évaluation de chaque lieu)"},
    "sitrep_need": {"en": "{place}: {people} people, assessed {when}; unmet: {unmet}; {road}",
                    "fr": "{place} : {people} personnes, évalué {when} ; non couverts : "
                          "{unmet} ; {road}"},
    "sitrep_met": {"en": "none", "fr": "aucun"},
    "need_water": {"en": "water", "fr": "eau"},
    "need_food": {"en": "food", "fr": "vivres"},
    "need_shelter": {"en": "shelter", "fr": "abris"},
    "need_health": {"en": "health", "fr": "santé"},
    "road_open": {"en": "road open", "fr": "route ouverte"},
    "road_cut": {"en": "road cut", "fr": "route coupée"},
    "sitrep_incidents": {"en": "Incidents and investigations",
                         "fr": "Incidents et enquêtes"},
    "sitrep_incident": {"en": "{place}: violence reported, {when}",
                        "fr": "{place} : violences signalées, {when}"},
    "sitrep_nothing_found": {"en": "{place}: investigated {when}, no violence found",
                             "fr": "{place} : enquête {when}, aucune violence constatée"},
    "sitrep_units": {"en": "Own units", "fr": "Unités propres"},
    "sitrep_unit": {"en": "{unit}: at {place}, {task}", "fr": "{unit} : à {place}, {task}"},
    "unit_idle": {"en": "available", "fr": "disponible"},
    "task_patrol": {"en": "on patrol", "fr": "en patrouille"},
    "task_guard": {"en": "on guard", "fr": "en garde"},
    "task_escort": {"en": "escorting", "fr": "en escorte"},
    "task_evacuate": {"en": "evacuating people", "fr": "en évacuation"},
    "task_medevac": {"en": "evacuating casualties", "fr": "en évacuation sanitaire"},
    "task_detain": {"en": "on an arrest operation", "fr": "en opération d'arrestation"},
    "task_repair": {"en": "repairing a road", "fr": "en réparation de route"},
    "task_deliver": {"en": "carrying aid", "fr": "en acheminement d'aide"},
    "sitrep_routes": {"en": "Roads washed out", "fr": "Routes emportées"},
    "sitrep_no_route": {"en": "None known.", "fr": "Aucune connue."},
    "sitrep_written": {"en": "situation report written to {path}",
                       "fr": "rapport de situation écrit dans {path}"},
    "sitrep_no_team": {"en": "no team {team!r} in this run (teams: {teams})",
                       "fr": "pas d'équipe {team!r} dans cette partie (équipes : {teams})"},
    "sitrep_no_turn": {"en": "no report for turn {turn} (turns 1 to {last})",
                       "fr": "pas de rapport pour le tour {turn} (tours 1 à {last})"},
    # ttx export, import and backup (simulator/classroom/archive.py)
    "archive_problem": {"en": "{file}: {problem}", "fr": "{file} : {problem}"},
    "archive_unreadable": {"en": "cannot read or write it: {detail}",
                           "fr": "lecture ou écriture impossible : {detail}"},
    "archive_too_large": {"en": "too large: {size} MB, the limit is {limit} MB",
                          "fr": "trop volumineux : {size} Mo, la limite est de {limit} Mo"},
    "archive_not_zip": {"en": "not a readable zip archive (damaged, truncated or another kind "
                              "of file): {detail}",
                        "fr": "pas une archive zip lisible (abîmée, tronquée ou un autre type "
                              "de fichier) : {detail}"},
    "archive_foreign": {"en": "not an exercise archive written by 'ttx export' (no ttx "
                              "manifest.json)",
                        "fr": "pas une archive d'exercice écrite par « ttx export » (pas de "
                              "manifest.json de ttx)"},
    "archive_unexpected_file": {"en": "unexpected file {member!r} in the archive",
                                "fr": "fichier inattendu {member!r} dans l'archive"},
    "archive_version": {"en": "archive format version {found}; this program reads version "
                              "{known} (update the program, or export again with this one)",
                        "fr": "archive au format version {found} ; ce programme lit la version "
                              "{known} (mettez le programme à jour, ou exportez à nouveau avec "
                              "celui-ci)"},
    "archive_missing_file": {"en": "{member} is missing", "fr": "{member} manque"},
    "archive_checksum": {"en": "{member} does not match its checksum in manifest.json: it was "
                               "changed or damaged after the export",
                         "fr": "{member} ne correspond pas à sa somme de contrôle dans "
                               "manifest.json : il a été modifié ou abîmé après l'export"},
    "archive_invalid": {"en": "{member}: {detail}", "fr": "{member} : {detail}"},
    "archive_replay_failed": {"en": "the inputs cannot be replayed: {detail}",
                              "fr": "les entrées ne peuvent pas être rejouées : {detail}"},
    "archive_replay_mismatch": {"en": "replaying the inputs gives hash {found}…, the archive "
                                      "says {expected}…: the inputs were changed, or this "
                                      "program's versions differ (archive / here: {versions}); "
                                      "nothing was imported",
                                "fr": "rejouer les entrées donne l'empreinte {found}…, "
                                      "l'archive dit {expected}… : les entrées ont été "
                                      "modifiées, ou les versions du programme diffèrent "
                                      "(archive / ici : {versions}) ; rien n'a été importé"},
    "archive_state_mismatch": {"en": "exercise.json says {phase}, turn {turn}; its inputs lead "
                                     "to {replayed}, turn {replayed_turn}",
                               "fr": "exercise.json indique {phase}, tour {turn} ; ses entrées "
                                     "mènent à {replayed}, tour {replayed_turn}"},
    "import_failed": {"en": "nothing was imported: {detail}",
                      "fr": "rien n'a été importé : {detail}"},
    "export_unknown_exercise": {"en": "no exercise {exercise} in this database ('ttx export "
                                      "--list' shows them)",
                                "fr": "pas d'exercice {exercise} dans cette base (« ttx export "
                                      "--list » les affiche)"},
    "no_database": {"en": "no database here", "fr": "pas de base de données ici"},
    "out_exists": {"en": "already exists: choose another name",
                   "fr": "existe déjà : choisissez un autre nom"},
    "backup_check_failed": {"en": "the copy failed its integrity check: {detail}",
                            "fr": "la copie a échoué à son contrôle d'intégrité : {detail}"},
    "backup_failed": {"en": "cannot be copied: {detail}", "fr": "copie impossible : {detail}"},
    "export_usage": {"en": "give an exercise's id and --out FILE, or --list",
                     "fr": "donnez le numéro d'un exercice et --out FICHIER, ou --list"},
    "export_list_line": {"en": "{id:>5}  {name} ({phase}, turn {turn}){practice}",
                         "fr": "{id:>5}  {name} ({phase}, tour {turn}){practice}"},
    "export_practice": {"en": ", practice", "fr": ", entraînement"},
    "export_list_empty": {"en": "no exercise in {db}", "fr": "aucun exercice dans {db}"},
    "export_written": {"en": "exercise {exercise} written to {path}: {inputs} inputs, {notes} "
                             "notes, {overrides} overrides, {signoffs} sign-offs; replay hash "
                             "{hash}…",
                       "fr": "exercice {exercise} écrit dans {path} : {inputs} entrées, {notes} "
                             "notes, {overrides} notes corrigées, {signoffs} validations ; "
                             "empreinte de rejeu {hash}…"},
    "import_done": {"en": "{path}: imported as exercise {exercise} ({name}); replay hash "
                          "checked. Join codes are not restored: issue new ones from the "
                          "console.",
                    "fr": "{path} : importé comme exercice {exercise} ({name}) ; empreinte de "
                          "rejeu vérifiée. Les codes d'accès ne sont pas restaurés : créez-en "
                          "de nouveaux depuis la console."},
    "import_course": {"en": "course {course!r}: {members} team members and {signed} of {total} "
                            "sign-offs imported (trainees found by name)",
                      "fr": "cours {course!r} : {members} membres d'équipe et {signed} "
                            "validations sur {total} importés (stagiaires retrouvés par nom)"},
    "import_no_course": {"en": "course {course!r} is not in this database (or not once): its "
                               "team members and {total} sign-offs were not imported",
                         "fr": "le cours {course!r} n'est pas dans cette base (ou plusieurs "
                               "fois) : ses membres d'équipe et ses {total} validations n'ont "
                               "pas été importés"},
    "backup_done": {"en": "backup written to {path} ({exercises} exercises, {size} MB, "
                          "integrity check ok); it holds everything, codes included: keep it "
                          "safe",
                    "fr": "sauvegarde écrite dans {path} ({exercises} exercices, {size} Mo, "
                          "contrôle d'intégrité correct) ; elle contient tout, codes compris : "
                          "gardez-la en lieu sûr"},
}


def t(key: str, lang: str = "en", **values) -> str:
    """The message ``key`` in ``lang`` (English if the language is unknown)."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)


def count(value: float, lang: str = "en") -> str:
    """A count as people read it: a whole number with its thousands grouped, 12,345 in
    English and 12 345 in French (a narrow no-break space, as French typography wants)."""
    grouped = f"{round(value):,}"
    return grouped.replace(",", "\u202f") if lang == "fr" else grouped
