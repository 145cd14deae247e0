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
    "turn_progress": {"en": "turn {turn}/{turns}: {events} events, {deaths} civilian deaths so far",
                      "fr": "tour {turn}/{turns} : {events} événements, {deaths} civils tués "
                            "jusqu'ici"},
    "rejected": {"en": "rejected {id} ({team}, {action}): {reason}: {detail}",
                 "fr": "rejetée {id} ({team}, {action}) : {reason} : {detail}"},
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
                            "- not rated)",
                      "fr": "notes sur {seeds} graines (graines par note ; P la meilleure, U la "
                            "pire, - non noté)"},
    "bad_seeds": {"en": "--seeds must be 1 or more, got {seeds}",
                  "fr": "--seeds doit valoir 1 ou plus, reçu {seeds}"},
    "schema_written": {"en": "JSON Schema written to {path}",
                       "fr": "schéma JSON écrit dans {path}"},
    "serve_code": {"en": "instructor code: {code}", "fr": "code instructeur : {code}"},
    "serve_listening": {"en": "listening on {url}", "fr": "à l'écoute sur {url}"},
    "serve_network": {"en": "on this network, teams open {url}",
                      "fr": "sur ce réseau, les équipes ouvrent {url}"},
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
}


def t(key: str, lang: str = "en", **values) -> str:
    """The message ``key`` in ``lang`` (English if the language is unknown)."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**values)
