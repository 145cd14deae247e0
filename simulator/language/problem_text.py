"""The words of input-file problems (scenarios, inputs, evaluation files, competency
frameworks, displacement cases) in English and French.

A problem is built once as a ``Say``: a message key of ``MESSAGES`` and its arguments. It
is worded when it is shown, in the reader's language: ``Say.text(lang)``; ``str()`` gives
English, the text of logs and of the API. Field names and the values an author typed are
quoted as written, in both languages.

Pydantic's own messages are not shown: ``pydantic_say`` words each error ``type`` with
its constraint values, and ``rule_say`` recognises the scenario models' own rules
(``simulator.language.scenario`` raises them as English sentences) so that they can be said in
French too.
"""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # Pieces of sentences.
    "did_you_mean": {"en": " (did you mean {match}?)", "fr": " (vouliez-vous dire {match} ?)"},
    "known": {"en": " (known: {names})", "fr": " (valeurs possibles : {names})"},
    "none_defined": {"en": "none defined", "fr": "aucune"},
    "none": {"en": "none", "fr": "aucun"},
    "or": {"en": "or", "fr": "ou"},
    "allowed_here": {"en": "; allowed here: {names}", "fr": " ; champs possibles ici : {names}"},
    "quote_hint": {"en": ". If it belongs to a text with a comma or a colon, put the whole "
                         "text in quotes: en: \"Raid, Sabéré\"",
                   "fr": ". S'il fait partie d'un texte qui contient une virgule ou deux-points, "
                         "mettez tout le texte entre guillemets : fr: \"Attaque, Sabéré\""},
    # Unknown names, one per kind (French adjectives agree with the noun).
    "unknown_location": {"en": "unknown location {value}{hint}{known}",
                         "fr": "lieu inconnu {value}{hint}{known}"},
    "unknown_unit": {"en": "unknown unit {value}{hint}{known}",
                     "fr": "unité inconnue {value}{hint}{known}"},
    "unknown_agency": {"en": "unknown agency {value}{hint}{known}",
                       "fr": "agence inconnue {value}{hint}{known}"},
    "unknown_armed_group": {"en": "unknown armed group {value}{hint}{known}",
                            "fr": "groupe armé inconnu {value}{hint}{known}"},
    "unknown_host_force": {"en": "unknown host force {value}{hint}{known}",
                           "fr": "force nationale inconnue {value}{hint}{known}"},
    "unknown_team": {"en": "unknown team {value}{hint}{known}",
                     "fr": "équipe inconnue {value}{hint}{known}"},
    "unknown_actor": {"en": "unknown actor {value}{hint}{known}",
                      "fr": "acteur inconnu {value}{hint}{known}"},
    "unknown_action": {"en": "unknown action {value}{hint}{known}",
                       "fr": "action inconnue {value}{hint}{known}"},
    "unknown_objective": {"en": "unknown objective {value}{hint}{known}",
                          "fr": "objectif inconnu {value}{hint}{known}"},
    "unknown_critical_task": {"en": "unknown critical task {value}{hint}{known}",
                              "fr": "tâche critique inconnue {value}{hint}{known}"},
    "unknown_route": {"en": "unknown route {value}{hint}{known}",
                      "fr": "itinéraire inconnu {value}{hint}{known}"},
    "unknown_herd": {"en": "unknown herd {value}{hint}{known}",
                     "fr": "troupeau inconnu {value}{hint}{known}"},
    "unknown_checkpoint": {"en": "unknown checkpoint {value}{hint}{known}",
                           "fr": "point de contrôle inconnu {value}{hint}{known}"},
    "unknown_holder": {"en": "unknown armed group or host force {value}{hint}{known}",
                       "fr": "groupe armé ou force nationale inconnu(e) {value}{hint}{known}"},
    "corridor_no_route": {"en": "no route joins {route}: each place of a corridor is joined "
                                "by a route to the one before (the camp first)",
                          "fr": "aucune route ne relie {route} : chaque lieu d'un couloir est "
                                "relié par une route au précédent (le campement d'abord)"},
    "checkpoint_no_route": {"en": "no route joins {route}: a checkpoint stands on a route of "
                                  "the map",
                            "fr": "aucune route ne relie {route} : un point de contrôle se "
                                  "trouve sur une route de la carte"},
    "unknown_inject": {"en": "unknown inject {value}{hint}{known}",
                       "fr": "inject inconnu {value}{hint}{known}"},
    "unknown_field": {"en": "unknown field {value}{hint}{allowed}{quotes}",
                      "fr": "champ inconnu {value}{hint}{allowed}{quotes}"},
    # Pydantic's error types, with their constraint values.
    "missing": {"en": "required field is missing", "fr": "champ obligatoire manquant"},
    "int_type": {"en": "expected: a valid integer", "fr": "doit être un nombre entier"},
    "int_parsing": {"en": "expected: a valid integer, unable to parse string as an integer",
                    "fr": "doit être un nombre entier, et ce texte n'en est pas un"},
    "int_from_float": {"en": "expected: a valid integer, got a number with a fractional part",
                       "fr": "doit être un nombre entier, sans partie décimale"},
    "float_type": {"en": "expected: a valid number", "fr": "doit être un nombre"},
    "float_parsing": {"en": "expected: a valid number, unable to parse string as a number",
                      "fr": "doit être un nombre, et ce texte n'en est pas un"},
    "finite_number": {"en": "expected: a finite number", "fr": "doit être un nombre fini"},
    "bool_type": {"en": "expected: a valid boolean", "fr": "doit valoir true ou false"},
    "bool_parsing": {"en": "expected: a valid boolean, unable to interpret input",
                     "fr": "doit valoir true ou false"},
    "string_type": {"en": "expected: a valid string", "fr": "doit être un texte"},
    "string_too_short": {"en": "expected: at least {min_length} character(s)",
                         "fr": "doit compter au moins {min_length} caractère(s)"},
    "string_too_long": {"en": "expected: at most {max_length} characters",
                        "fr": "doit compter au plus {max_length} caractères"},
    "pattern_id": {"en": "expected: a lower-case identifier: a letter, then letters, digits, "
                         "_ or -",
                   "fr": "doit être un identifiant en minuscules : une lettre, puis des lettres, "
                         "des chiffres, _ ou -"},
    "pattern_ref": {"en": "expected: $ and the name of one of the action's parameters",
                    "fr": "doit être $ suivi du nom d'un des paramètres de l'action"},
    "pattern_rating": {"en": "expected: P, S, M or U", "fr": "doit valoir P, S, M ou U"},
    "string_pattern_mismatch": {"en": "expected: text matching the pattern {pattern}",
                                "fr": "doit être un texte de la forme {pattern}"},
    "literal_error": {"en": "expected: {expected}", "fr": "doit valoir {expected}"},
    "greater_than": {"en": "expected: greater than {gt}", "fr": "doit être supérieur à {gt}"},
    "greater_than_equal": {"en": "expected: greater than or equal to {ge}",
                           "fr": "doit être supérieur ou égal à {ge}"},
    "less_than": {"en": "expected: less than {lt}", "fr": "doit être inférieur à {lt}"},
    "less_than_equal": {"en": "expected: less than or equal to {le}",
                        "fr": "doit être inférieur ou égal à {le}"},
    "multiple_of": {"en": "expected: a multiple of {multiple_of}",
                    "fr": "doit être un multiple de {multiple_of}"},
    "list_type": {"en": "expected: a valid list", "fr": "doit être une liste"},
    "dict_type": {"en": "expected: a valid dictionary",
                  "fr": "doit être un ensemble de champs (nom: valeur)"},
    "model_text": {"en": "expected: a text, or one per language: {{en: ..., fr: ...}}",
                   "fr": "doit être un texte, ou un par langue : {{en: ..., fr: ...}}"},
    "too_short": {"en": "expected: at least {min_length} item(s), not {actual_length}",
                  "fr": "doit compter au moins {min_length} élément(s), et non {actual_length}"},
    "too_long": {"en": "expected: at most {max_length} item(s), not {actual_length}",
                 "fr": "doit compter au plus {max_length} élément(s), et non {actual_length}"},
    "none_required": {"en": "expected: no value", "fr": "ne doit pas avoir de valeur"},
    "schema_other": {"en": "expected: {detail}", "fr": "valeur refusée à cet endroit"},
    "rule_agency_or_host_force": {"en": "give either an agency or a host_force",
                                  "fr": "indiquez soit une agence (agency), soit une force "
                                        "nationale (host_force)"},
    "rule_place_or_route": {"en": "give either a location or a route",
                            "fr": "indiquez soit un lieu (location), soit un itinéraire (route)"},
    "rule_other": {"en": "{detail}", "fr": "valeur refusée à cet endroit"},
    # The scenario models' own rules: the English is simulator.language.scenario's sentence, read
    # back by rule_say (more specific forms first).
    "rule_step_hours": {"en": "step_hours ({step}) must divide turn_hours ({turn})",
                        "fr": "step_hours ({step}) doit diviser turn_hours ({turn})"},
    "rule_condition_form": {
        "en": "a condition needs exactly one of all, any, not, metric, action_taken, "
              "inject_fired, turn_at_least (got {count})",
        "fr": "une condition prend exactement une forme parmi all, any, not, metric, "
              "action_taken, inject_fired, turn_at_least ({count} trouvée(s))"},
    "rule_condition_bound": {"en": "a metric condition needs 'above' or 'below'",
                             "fr": "une condition sur un indicateur demande 'above' ou 'below'"},
    "rule_condition_metric_only": {
        "en": "'location', 'above' and 'below' belong to a metric condition",
        "fr": "'location', 'above' et 'below' ne s'emploient que dans une condition sur un "
              "indicateur"},
    "rule_effect_one": {"en": "an effect is one primitive, one of: {effects}",
                        "fr": "un effet est une seule primitive, parmi : {effects}"},
    "rule_unknown_effect_hint": {"en": "unknown effect {value} (did you mean {match}?)",
                                 "fr": "effet inconnu {value} (vouliez-vous dire {match} ?)"},
    "rule_unknown_effect": {"en": "unknown effect {value}; expected one of: {effects}",
                            "fr": "effet inconnu {value} ; valeurs possibles : {effects}"},
    "rule_choice_values": {"en": "a 'choice' parameter needs 'values'",
                           "fr": "un paramètre 'choice' demande 'values'"},
    "rule_inject_time": {"en": "an inject needs exactly one of 'at' (a time) or 'when' "
                               "(a trigger)",
                         "fr": "un inject demande exactement un champ parmi 'at' (un moment) "
                               "et 'when' (un déclencheur)"},
    "rule_scope_turns": {"en": "turns {turns}: the first turn comes after the last",
                         "fr": "turns {turns} : le premier tour vient après le dernier"},
    "rule_unknown_metric": {"en": "unknown metric {value}; expected one of: {metrics}",
                            "fr": "indicateur inconnu {value} ; valeurs possibles : {metrics}"},
    "rule_measure_team": {"en": "a measure's team is its scope: write scope: {{teams: [...]}}, "
                                "not params: {{team: ...}}",
                          "fr": "l'équipe d'une mesure se donne dans sa portée : écrivez "
                                "scope: {{teams: [...]}}, et non params: {{team: ...}}"},
    "rule_metric_no_param_none": {"en": "metric {metric} takes no parameter {extra} "
                                        "(takes: none)",
                                  "fr": "l'indicateur {metric} ne prend pas de paramètre "
                                        "{extra} (il n'en prend aucun)"},
    "rule_metric_no_param": {"en": "metric {metric} takes no parameter {extra} (takes: {takes})",
                             "fr": "l'indicateur {metric} ne prend pas de paramètre {extra} "
                                   "(paramètres possibles : {takes})"},
    "rule_metric_value": {"en": "{metric} {name} must be one of {values}, not {value}",
                          "fr": "{metric} {name} doit valoir l'une des valeurs {values}, et "
                                "non {value}"},
    "rule_metric_scope_none": {"en": "metric {metric} cannot be scoped by {wrong} "
                                     "(takes: no scope)",
                               "fr": "l'indicateur {metric} ne peut pas être limité par "
                                     "{wrong} (il ne prend aucune limite)"},
    "rule_metric_scope": {"en": "metric {metric} cannot be scoped by {wrong} (takes: {takes})",
                          "fr": "l'indicateur {metric} ne peut pas être limité par {wrong} "
                                "(limites possibles : {takes})"},
    "rule_orders_of": {"en": "orders_effective of: unknown primitive {value} (one of: "
                             "{effects}, separated by commas)",
                       "fr": "orders_effective of : primitive inconnue {value} (parmi : "
                             "{effects}, séparées par des virgules)"},
    "rule_casualties_cause": {"en": "casualties by cause count deaths of every group: leave "
                                    "out 'group' and kind 'injuries'",
                              "fr": "les pertes par cause comptent les décès de tous les "
                                    "groupes : retirez 'group' et kind 'injuries'"},
    # Cross-references of a scenario (simulator.language.validation).
    "route_same_ends": {"en": "a route must join two different locations",
                        "fr": "une route doit relier deux lieux différents"},
    "route_mode_hours": {"en": "travel_hours.{hours} is given but the route's modes ({modes}) "
                               "do not include {mode}",
                         "fr": "travel_hours.{hours} est donné mais les modes de la route "
                               "({modes}) n'incluent pas {mode}"},
    "route_boats_no_boat": {"en": "boats are given but the route's modes ({modes}) do not "
                                  "include boat",
                            "fr": "boats est donné mais les modes de la route ({modes}) "
                                  "n'incluent pas boat"},
    "actor_no_way": {"en": "{actor} travels by {modes} but no route from {place} carries "
                           "{modes}: it could go nowhere (give it modes that a route from "
                           "there has, or a route it can use)",
                     "fr": "{actor} se déplace par {modes} mais aucune route depuis {place} "
                           "ne porte {modes} : il n'irait nulle part (donnez-lui les modes "
                           "d'une route qui part de là, ou une route qu'il peut emprunter)"},
    "boats_not_boat_route": {"en": "no boat route joins {route}: boats change only on a route "
                                   "whose modes include boat",
                             "fr": "aucune route en bateau ne relie {route} : boats ne "
                                   "s'applique qu'à une route dont les modes incluent boat"},
    "asset_shared": {"en": "{value} is a shared unit (shared_by): no team owns it; the "
                           "teams in its shared_by list task it on request",
                     "fr": "{value} est une unité partagée (shared_by) : aucune équipe ne la "
                           "possède ; les équipes de sa liste shared_by la demandent"},
    "route_twice": {"en": "a second route between the same two places ({first} joins them "
                          "already): the map holds one road per pair of places; to offer a "
                          "second way, add a place on it (a ford, a junction) joined to both "
                          "ends",
                    "fr": "une deuxième route entre les deux mêmes lieux ({first} les relie "
                          "déjà) : la carte a une seule route par paire de lieux ; pour offrir "
                          "un autre chemin, ajoutez un lieu sur ce chemin (un gué, un "
                          "carrefour) relié aux deux extrémités"},
    "shares_zero": {"en": "the group shares must not all be zero",
                    "fr": "les parts des groupes ne peuvent pas toutes être nulles"},
    "unknown_asset": {"en": "unknown asset {value}: expected a unit or agency id",
                      "fr": "moyen inconnu {value} : il faut ici l'identifiant d'une unité ou "
                            "d'une agence"},
    "asset_owned": {"en": "asset {value} already belongs to team {team}",
                    "fr": "le moyen {value} appartient déjà à l'équipe {team}"},
    "bad_default": {"en": "bad default: {detail}", "fr": "valeur par défaut refusée : {detail}"},
    "turn_after_last": {"en": "turn {turn} is after the last turn ({last})",
                        "fr": "le tour {turn} vient après le dernier tour ({last})"},
    "hour_below": {"en": "hour must be below turn_hours ({hours})",
                   "fr": "l'heure doit être inférieure à turn_hours ({hours})"},
    "hour_multiple": {"en": "hour must be a multiple of step_hours ({hours})",
                      "fr": "l'heure doit être un multiple de step_hours ({hours})"},
    "by_turn_before": {"en": "by_turn {by_turn} is before the inject fires (turn {turn})",
                       "fr": "by_turn {by_turn} vient avant le déclenchement de l'inject "
                             "(tour {turn})"},
    "by_turn_after": {"en": "by_turn {by_turn} is after the last turn ({last})",
                      "fr": "by_turn {by_turn} vient après le dernier tour ({last})"},
    "whole_map_team_measure": {
        "en": "{metric} over the whole map rates only a whole-mission task (one without a "
              "team): use a measure of what team {team} does",
        "fr": "{metric} sur toute la carte ne note qu'une tâche de toute la mission (sans "
              "équipe) : employez une mesure de ce que fait l'équipe {team}"},
    "whole_map_places": {
        "en": "{metric} over the whole map rates only a whole-mission task (one without a "
              "team): give scope.places, the places team {team} is to protect or serve",
        "fr": "{metric} sur toute la carte ne note qu'une tâche de toute la mission (sans "
              "équipe) : donnez scope.places, les lieux que l'équipe {team} doit protéger ou "
              "servir"},
    "cannot_influence": {"en": "{metric} judges decisions that team(s) {teams} cannot take: "
                               "none of their actions composes {effects}",
                         "fr": "{metric} juge des décisions que l'équipe ou les équipes {teams} "
                               "ne peuvent pas prendre : aucune de leurs actions ne compose "
                               "{effects}"},
    "never_linked": {"en": "no inject links an expected action of team(s) {teams} to critical "
                           "task {task}: this measure would never apply",
                     "fr": "aucun inject ne relie une action attendue de l'équipe ou des "
                           "équipes {teams} à la tâche critique {task} : cette mesure ne "
                           "s'appliquerait jamais"},
    "threatens_nothing": {"en": "inject {value} threatens no place",
                          "fr": "l'inject {value} ne menace aucun lieu"},
    "duplicate_id": {"en": "duplicate id {value} (first at {first})",
                     "fr": "identifiant en double {value} (première occurrence : {first})"},
    "not_in_catalogue": {"en": "action {action} is not in team {team}'s catalogue",
                         "fr": "l'action {action} ne figure pas au catalogue de l'équipe {team}"},
    "no_location_param": {"en": "action {action} has no location parameter, so it can never "
                                "be taken at a place",
                          "fr": "l'action {action} n'a pas de paramètre de lieu : elle ne peut "
                                "jamais être prise en un lieu"},
    "no_such_param": {"en": "action {action} has no parameter {value}{hint} (has: {has})",
                      "fr": "l'action {action} n'a pas de paramètre {value}{hint} (paramètres : "
                            "{has})"},
    "not_a_value": {"en": "{value} is not a value of parameter {param} (values: {values})",
                    "fr": "{value} n'est pas une valeur du paramètre {param} (valeurs : "
                          "{values})"},
    "ref_outside_action": {"en": "{ref}: parameters can only be used in actions",
                           "fr": "{ref} : les paramètres ne s'emploient que dans les actions"},
    "ref_unknown": {"en": "{ref}: the action has no parameter {value}{hint} (has: {has})",
                    "fr": "{ref} : l'action n'a pas de paramètre {value}{hint} (paramètres : "
                          "{has})"},
    "ref_entity": {"en": "{ref}: parameter of type {type} where {entity} is expected",
                   "fr": "{ref} : paramètre de type {type} ; il faut ici {entity}"},
    "ref_mismatch_values": {"en": "{ref}: parameter of type {type} (values {values}) where "
                                  "{expected} is expected",
                            "fr": "{ref} : paramètre de type {type} (valeurs {values}) ; il "
                                  "faut ici {expected}"},
    "ref_mismatch": {"en": "{ref}: parameter of type {type} where {expected} is expected",
                     "fr": "{ref} : paramètre de type {type} ; il faut ici {expected}"},
    "ref_optional": {"en": "{ref}: optional parameter without a default where a value is "
                           "required",
                     "fr": "{ref} : paramètre facultatif sans valeur par défaut, là où une "
                           "valeur est obligatoire"},
    "team_only": {"en": "{effect} needs an acting team: use it in an action, not an inject",
                  "fr": "{effect} demande une équipe qui agit : employez-le dans une action, et "
                        "non dans un inject"},
    # What a parameter or argument should be (ref_entity, ref_mismatch).
    "a_location": {"en": "a location", "fr": "un lieu"},
    "a_unit": {"en": "a unit", "fr": "une unité"},
    "a_route": {"en": "a route", "fr": "un itinéraire"},
    "a_checkpoint": {"en": "a checkpoint", "fr": "un point de contrôle"},
    "a_herd": {"en": "a herd", "fr": "un troupeau"},
    "a_agency": {"en": "an agency", "fr": "une agence"},
    "a_team": {"en": "a team", "fr": "une équipe"},
    "a_armed_group": {"en": "an armed group", "fr": "un groupe armé"},
    "a_host_force": {"en": "a host force", "fr": "une force nationale"},
    "a_bool": {"en": "true or false", "fr": "true ou false"},
    "a_number": {"en": "a number", "fr": "un nombre"},
    "a_text": {"en": "text", "fr": "un texte"},
    "one_of": {"en": "one of {values}", "fr": "l'une des valeurs {values}"},
    # Inputs files (simulator.play.decisions).
    "inputs_not_list": {"en": "expected a list of inputs (decisions or injects)",
                        "fr": "il faut ici une liste d'entrées (décisions ou injects)"},
    "no_held_inject": {"en": "no held inject {value} (held: {held})",
                       "fr": "aucun inject en réserve ne s'appelle {value} (en réserve : {held})"},
    "adhoc_timed": {"en": "an ad-hoc inject fires at the entry's turn and hour; remove '{field}'",
                    "fr": "un inject ajouté en cours d'exercice est déclenché au tour et à "
                          "l'heure de l'entrée ; retirez '{field}'"},
    "duplicate_inject": {"en": "duplicate inject id {value}",
                         "fr": "identifiant d'inject en double {value}"},
    # Evaluation files (debrief.overrides).
    "overridden_twice": {"en": "critical task {value} overridden twice",
                         "fr": "la note de la tâche critique {value} est modifiée deux fois"},
    # Competency frameworks (simulator.classroom.competencies); the rule is raised under its key.
    "rule_task_or_objective": {"en": "a map needs exactly one of 'task' (a critical task) or "
                                     "'objective' (each critical task of an objective)",
                               "fr": "une correspondance demande exactement un champ parmi "
                                     "'task' (une tâche critique) et 'objective' (chaque tâche "
                                     "critique d'un objectif)"},
    "unknown_scenario": {"en": "unknown scenario {value}{hint}{known}",
                         "fr": "scénario inconnu {value}{hint}{known}"},
    "scenario_no_task": {"en": "scenario {scenario} has no critical task {value}{hint}{known}",
                         "fr": "le scénario {scenario} n'a pas de tâche critique {value}{hint}"
                               "{known}"},
    "scenario_no_objective": {"en": "scenario {scenario} has no objective {value}{hint}{known}",
                              "fr": "le scénario {scenario} n'a pas d'objectif {value}{hint}"
                                    "{known}"},
    # Reading YAML (simulator.language.yamlsafe).
    "too_many_values": {"en": "the file writes more than {limit} values (the limit on values "
                              "written); refused",
                        "fr": "le fichier écrit plus de {limit} valeurs (la limite de valeurs "
                              "écrites) ; refusé"},
    "too_many_alias_values": {"en": "aliases add more than {limit} values to the document "
                                    "(the limit on values aliases add: an alias of an alias "
                                    "of ...?); refused",
                              "fr": "les alias ajoutent plus de {limit} valeurs au document "
                                    "(la limite de valeurs ajoutées par des alias : un alias "
                                    "d'alias de ... ?) ; refusé"},
    "too_deep": {"en": "nested deeper than {limit} levels; refused",
                 "fr": "imbriqué sur plus de {limit} niveaux ; refusé"},
    "alias_cycle": {"en": "an alias refers to a value that contains it; refused",
                    "fr": "un alias renvoie à une valeur qui le contient ; refusé"},
    "yaml_tag": {"en": "YAML tag {tag} is not allowed; use plain values",
                 "fr": "l'étiquette YAML {tag} est interdite ; écrivez des valeurs simples"},
    "merge_key": {"en": "merge keys ('<<') are not allowed; write fields out",
                  "fr": "les clés de fusion ('<<') sont interdites ; écrivez les champs en "
                        "entier"},
    "key_type": {"en": "mapping keys must be text or numbers",
                 "fr": "un nom de champ doit être un texte ou un nombre"},
    "duplicate_key": {"en": "duplicate key", "fr": "champ en double"},
    "text_too_large": {"en": "file is larger than the size limit of {limit} bytes; refused",
                       "fr": "le fichier dépasse la limite de taille de {limit} octets ; "
                             "refusé"},
    "file_too_large": {"en": "file is {size} bytes, more than the size limit of {limit} bytes; "
                             "refused",
                       "fr": "le fichier fait {size} octets, plus que la limite de taille de "
                             "{limit} octets ; refusé"},
    "file_empty": {"en": "file is empty", "fr": "le fichier est vide"},
    "cannot_read": {"en": "cannot read file: {reason}",
                    "fr": "impossible de lire le fichier : {reason}"},
    "not_utf8": {"en": "not UTF-8 text (byte {byte})",
                 "fr": "ce n'est pas du texte UTF-8 (octet {byte})"},
    "nested_too_deeply": {"en": "nested too deeply to read; refused",
                          "fr": "imbriqué trop profondément pour être lu ; refusé"},
    "yaml_error": {"en": "not valid YAML: {detail}",
                   "fr": "YAML non valide (selon l'analyseur : {detail})"},
    # PyYAML's syntax errors in plain words (simulator.language.yamlsafe._PLAIN_SYNTAX).
    "syntax_tab": {"en": "not valid YAML: a tab character: YAML indents with spaces only; "
                         "replace the tab with spaces",
                   "fr": "YAML non valide : un caractère de tabulation ; YAML n'indente qu'avec "
                         "des espaces : remplacez la tabulation par des espaces"},
    "syntax_token": {"en": "not valid YAML: a value cannot start with this character unless it "
                           "is in quotes: write \"@name\" or \"`text`\"",
                     "fr": "YAML non valide : une valeur ne peut commencer par ce caractère "
                           "qu'entre guillemets : écrivez \"@nom\" ou \"`texte`\""},
    "syntax_alias": {"en": "not valid YAML: '*' at the start of a value makes it a YAML alias: "
                           "put the text in quotes (\"*important*\")",
                     "fr": "YAML non valide : un '*' en début de valeur en fait un alias YAML ; "
                           "mettez le texte entre guillemets (\"*important*\")"},
    "syntax_quote": {"en": "not valid YAML: a quote opened here is never closed",
                     "fr": "YAML non valide : un guillemet ouvert ici n'est jamais fermé"},
    "syntax_braces": {"en": "not valid YAML: inside {{ }}, a text that contains ',' or ': ' "
                            "must be in quotes: {{en: \"Raid: Sabéré, 2 dead\"}}",
                      "fr": "YAML non valide : entre {{ }}, un texte qui contient ',' ou ': ' "
                            "se met entre guillemets : {{fr: \"Attaque : Sabéré, 2 morts\"}}"},
    "syntax_brackets": {"en": "not valid YAML: inside [ ], a text that contains ',' or ': ' "
                              "must be in quotes: [\"Kéno, market\"]",
                        "fr": "YAML non valide : entre [ ], un texte qui contient ',' ou ': ' "
                              "se met entre guillemets : [\"Kéno, marché\"]"},
    "syntax_colon": {"en": "not valid YAML: a ':' where YAML does not expect one: a value that "
                           "contains ': ' must be in quotes (title: \"Raid: Sabéré\"), or this "
                           "line is indented further than the field above it",
                     "fr": "YAML non valide : un ':' là où YAML n'en attend pas ; une valeur "
                           "qui contient ': ' se met entre guillemets (title: \"Attaque : "
                           "Sabéré\"), sinon cette ligne est plus en retrait que le champ "
                           "au-dessus"},
    "syntax_no_colon": {"en": "not valid YAML: a line without ':': write each field as "
                              "'name: value', and put a text that runs over several lines in "
                              "quotes",
                        "fr": "YAML non valide : une ligne sans ':' ; écrivez chaque champ "
                              "sous la forme 'nom: valeur', et mettez entre guillemets un texte "
                              "sur plusieurs lignes"},
    "syntax_after_quote": {"en": "not valid YAML: text after a closing quote: put the whole "
                                 "value inside the quotes",
                           "fr": "YAML non valide : du texte après un guillemet fermant ; "
                                 "mettez toute la valeur entre les guillemets"},
    "syntax_after_value": {"en": "not valid YAML: text after a value that is already complete: "
                                 "after a closing quote, or on a line of its own; put the whole "
                                 "value inside the quotes",
                           "fr": "YAML non valide : du texte après une valeur déjà complète "
                                 "(après un guillemet fermant, ou sur une ligne à part) ; "
                                 "mettez toute la valeur entre les guillemets"},
    "syntax_block_end": {"en": "not valid YAML: this line is not aligned with the lines above "
                               "it: the fields of one mapping, and the '-' items of one list, "
                               "start in the same column (spaces only)",
                         "fr": "YAML non valide : cette ligne n'est pas alignée sur les lignes "
                               "au-dessus ; les champs d'un même bloc, et les éléments '-' "
                               "d'une même liste, commencent à la même colonne (espaces "
                               "seulement)"},
    "syntax_key": {"en": "not valid YAML: this line is not aligned with the fields above it, "
                         "or a '-' list item stands among fields",
                   "fr": "YAML non valide : cette ligne n'est pas alignée sur les champs "
                         "au-dessus, ou un élément de liste '-' se trouve parmi des champs"},
    "syntax_dash": {"en": "not valid YAML: a list item without '-', or not aligned with the "
                          "other items of its list",
                    "fr": "YAML non valide : un élément de liste sans '-', ou pas aligné sur "
                          "les autres éléments de sa liste"},
    "syntax_no_value": {"en": "not valid YAML: a value is missing here (after ':' or '-', or "
                              "between commas)",
                        "fr": "YAML non valide : il manque une valeur ici (après ':' ou '-', "
                              "ou entre deux virgules)"},
    # Why a file cannot be read (errno names).
    "os_ENOENT": {"en": "No such file or directory", "fr": "fichier ou dossier introuvable"},
    "os_EACCES": {"en": "Permission denied", "fr": "accès refusé"},
    "os_EISDIR": {"en": "Is a directory", "fr": "c'est un dossier"},
    "os_ENOTDIR": {"en": "Not a directory", "fr": "un élément du chemin n'est pas un dossier"},
    # Flee-format displacement cases (simulator.displacement.fleecase, simulator.displacement.fleeimport).
    "case_cannot_read": {"en": "cannot read ({reason})", "fr": "lecture impossible ({reason})"},
    "case_not_number": {"en": "{what} is not a number: {value}",
                        "fr": "{what} n'est pas un nombre : {value}"},
    "case_not_date": {"en": "not a date (YYYY-MM-DD): {value}",
                      "fr": "ce n'est pas une date (AAAA-MM-JJ) : {value}"},
    "case_period": {"en": "needs StartDate and Length rows",
                    "fr": "il faut les lignes StartDate et Length"},
    "case_columns": {"en": "expected 8 columns, got {count}",
                     "fr": "il faut 8 colonnes, et cette ligne en a {count}"},
    "case_route_columns": {"en": "expected name1, name2, distance",
                           "fr": "il faut les colonnes name1, name2, distance"},
    "case_closure_columns": {"en": "expected type, name1, name2, start day, end day",
                             "fr": "il faut les colonnes type, name1, name2, jour de début, "
                                   "jour de fin"},
    "case_flag": {"en": "forced redirection flag must be 0, 1 or 2, not {flag}",
                  "fr": "l'indicateur de redirection forcée doit valoir 0, 1 ou 2, et non "
                        "{flag}"},
    "case_conflict_place": {"en": "conflict at unknown location {value}",
                            "fr": "conflit en un lieu inconnu {value}"},
    "case_empty": {"en": "empty file", "fr": "fichier vide"},
    "case_no_counts": {"en": "no counts", "fr": "aucun effectif"},
    "case_same_id": {"en": "names {names} give the same location id",
                     "fr": "les noms {names} donnent le même identifiant de lieu"},
    "case_location_type": {"en": "location {name}: unknown location type {value}{known}",
                           "fr": "lieu {name} : type de lieu inconnu {value}{known}"},
    "case_closure_type": {"en": "unknown closure type {value}{known}",
                          "fr": "type de fermeture inconnu {value}{known}"},
    "case_country": {"en": "unknown country {value}", "fr": "pays inconnu {value}"},
    "case_no_route": {"en": "no route between {a} and {b}",
                      "fr": "aucune route entre {a} et {b}"},
    # The columns case_not_number names.
    "col_latitude": {"en": "latitude", "fr": "la latitude"},
    "col_longitude": {"en": "longitude", "fr": "la longitude"},
    "col_population": {"en": "population", "fr": "la population"},
    "col_distance": {"en": "distance", "fr": "la distance"},
    "col_flag": {"en": "forced redirection flag", "fr": "l'indicateur de redirection forcée"},
    "col_start_day": {"en": "start day", "fr": "le jour de début"},
    "col_end_day": {"en": "end day", "fr": "le jour de fin"},
    "col_day": {"en": "day", "fr": "le jour"},
    "col_count": {"en": "count", "fr": "l'effectif"},
    "col_length": {"en": "Length", "fr": "Length"},
    # An MSEL sheet read back into its scenario (simulator.interop.msel_read).
    "msel_suffix": {"en": "an MSEL sheet is an .xlsx or a .csv file, not {suffix}",
                    "fr": "une feuille MSEL est un fichier .xlsx ou .csv, pas {suffix}"},
    "msel_unreadable": {"en": "not a spreadsheet this program can read ({reason})",
                        "fr": "pas un classeur que ce programme sait lire ({reason})"},
    "msel_too_big": {"en": "the sheet is over {limit} bytes: not an MSEL",
                     "fr": "la feuille dépasse {limit} octets : ce n'est pas une MSEL"},
    "msel_too_many_rows": {"en": "the sheet has more than {limit} rows: not an MSEL",
                           "fr": "la feuille a plus de {limit} lignes : ce n'est pas une MSEL"},
    "msel_missing_column": {"en": "the header row has no column {columns}",
                            "fr": "la ligne d'en-tête n'a pas de colonne {columns}"},
    "msel_no_rows": {"en": "no inject below the header row",
                     "fr": "aucun inject sous la ligne d'en-tête"},
    "msel_unread_column": {"en": "column {column} is not read back into the scenario",
                           "fr": "la colonne {column} n'est pas reprise dans le scénario"},
    "msel_whole_number": {"en": "{value} is not a whole number",
                          "fr": "{value} n'est pas un nombre entier"},
    "msel_empty": {"en": "{column} is empty", "fr": "{column} est vide"},
    "msel_method": {"en": "unknown method {value} (known: {known})",
                    "fr": "moyen inconnu {value} (valeurs possibles : {known})"},
    "msel_expected_form": {"en": "an expected action is written {form}, not {value}",
                           "fr": "une action attendue s'écrit {form}, pas {value}"},
    "msel_param": {"en": "{action} has no parameter {value}{hint}",
                   "fr": "{action} n'a pas de paramètre {value}{hint}"},
    "msel_param_value": {"en": "{value} is not a value of {param}",
                         "fr": "{value} n'est pas une valeur de {param}"},
    "msel_duplicate_id": {"en": "inject {value} is already on row {row}",
                          "fr": "l'inject {value} est déjà à la ligne {row}"},
    "msel_unknown_id": {"en": "no inject {value} in the scenario: leave the id empty for a "
                              "new inject",
                        "fr": "pas d'inject {value} dans le scénario : laissez l'id vide pour "
                              "un nouvel inject"},
    "msel_condition_time": {"en": "this inject fires on a condition kept in the scenario "
                                  "file: leave its turn and hour empty",
                            "fr": "cet inject se déclenche sur une condition gardée dans le "
                                  "fichier du scénario : laissez son tour et son heure vides"},
    "msel_time_read_only": {"en": "the scenario time says {written} but the turn and hour say "
                                  "{computed}: change the turn and the hour (the scenario "
                                  "time follows them)",
                            "fr": "l'heure du scénario indique {written} mais le tour et "
                                  "l'heure indiquent {computed} : changez le tour et l'heure "
                                  "(l'heure du scénario les suit)"},
    "msel_trigger_read_only": {"en": "the trigger is kept in the scenario file; here it can "
                                     "only change between '{at_time}' and '{held}'",
                               "fr": "le déclenchement est gardé dans le fichier du scénario ;"
                                     " ici il ne peut passer que de « {at_time} » à « {held} »"
                                     " ou l'inverse"},
    "msel_new_trigger": {"en": "a new inject fires '{at_time}' or is '{held}'; a condition "
                               "is written in the scenario file",
                         "fr": "un nouvel inject se déclenche « {at_time} » ou est « {held} » ;"
                               " une condition s'écrit dans le fichier du scénario"},
    "msel_other_language": {"en": "changed in {lang}; the text in {others} was kept as it "
                                  "was: check that it still says the same",
                            "fr": "modifié en {lang} ; le texte en {others} est resté tel "
                                  "quel : vérifiez qu'il dit toujours la même chose"},
}


class Say:
    """A message not yet worded: ``key`` of ``MESSAGES`` and its arguments. An argument
    may itself be a ``Say`` (or anything with ``text(lang)``), worded in the same language;
    numbers are written as the language writes them."""

    __slots__ = ("key", "args")

    def __init__(self, key: str, **args: Any):
        if key not in MESSAGES:
            raise KeyError(key)
        self.key, self.args = key, args

    def text(self, lang: str = "en") -> str:
        entry = MESSAGES[self.key]
        lang = lang if lang in entry else "en"
        return entry[lang].format(**{k: word(v, lang) for k, v in self.args.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Say({self.key!r}, {self.args!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Say) and (self.key, str(self)) == (other.key, str(other))

    def __hash__(self) -> int:
        return hash((self.key, str(self)))


class OneOf:
    """Alternatives as pydantic says them: ``'a', 'b' or 'c'`` (``ou`` in French)."""

    def __init__(self, values, quote: bool = True):
        self.values, self.quote = list(values), quote

    def text(self, lang: str = "en") -> str:
        shown = [repr(v) if self.quote else str(v) for v in self.values]
        if len(shown) < 2:
            return "".join(shown)
        return f"{', '.join(shown[:-1])} {Say('or').text(lang)} {shown[-1]}"


def word(value: Any, lang: str) -> str:
    """One argument as the reader's language writes it."""
    if hasattr(value, "text"):
        return value.text(lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if lang != "fr":
        return str(value)
    # French: thousands grouped with a narrow no-break space, a decimal comma.
    return f"{value:,}".replace(",", "\u202f").replace(".", ",")


def text(message: Any, lang: str = "en") -> str:
    """A ``Say`` worded in ``lang``; a plain string as it is."""
    return message.text(lang) if hasattr(message, "text") else str(message)


def known(names, empty: str = "none_defined") -> Say:
    """`` (known: a, b)``; the names sorted, or 'none defined'."""
    return Say("known", names=", ".join(sorted(map(str, names))) or Say(empty))


def listed(names) -> str | Say:
    """Names joined by commas, or 'none'."""
    return ", ".join(map(str, names)) or Say("none")


# --- pydantic errors ------------------------------------------------------------------

# Patterns of simulator.language.scenario (Id, Ref) and debrief.overrides (rating), in words.
PATTERNS = {r"^[a-z][a-z0-9_\-]*$": "pattern_id", r"^\$[a-z][a-z0-9_\-]*$": "pattern_ref",
            "^[PSMU]$": "pattern_rating"}
_PYDANTIC = {"missing", "int_type", "int_parsing", "int_from_float", "float_type",
             "float_parsing", "finite_number", "bool_type", "bool_parsing", "string_type",
             "string_too_short", "string_too_long", "greater_than", "greater_than_equal",
             "less_than", "less_than_equal", "multiple_of", "list_type", "dict_type",
             "too_short", "too_long", "none_required"}
_CTX = ("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "actual_length")


def pydantic_say(err: dict) -> Say:
    """One pydantic error in our words (not ``extra_forbidden``: see validation)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return rule_say(err["msg"].removeprefix("Value error, "))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return Say(PATTERNS[pattern]) if pattern in PATTERNS else \
            Say(kind, pattern=repr(pattern))
    if kind == "literal_error":
        return Say(kind, expected=_literals(str(ctx.get("expected", ""))))
    if kind in ("model_type", "model_attributes_type"):
        return Say("model_text") if ctx.get("class_name") == "Lang" else Say("dict_type")
    if kind.startswith("rule_") and kind in MESSAGES:  # a rule raised with its arguments
        return Say(kind, **ctx)
    if kind in _PYDANTIC:
        args = {k: ctx[k] for k in _CTX if k in ctx}
        if _fields(kind) <= set(args):
            return Say(kind, **args)
    detail = err["msg"].removeprefix("Input should be ").rstrip(".")
    return Say("schema_other", detail=detail)


def _fields(key: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(MESSAGES[key]["en"]) if f}


def _literals(expected: str) -> OneOf | str:
    """Pydantic's ``'a', 'b' or 'c'`` back to its values, to say it in either language."""
    head, _, last = expected.rpartition(" or ")
    try:
        values = ast.literal_eval(f"[{head}, {last}]" if head else f"[{last}]")
    except (ValueError, SyntaxError):
        return expected
    return OneOf(values)


@cache
def _rule_patterns() -> list[tuple[str, re.Pattern]]:
    """Each rule's English sentence as a pattern whose groups are its arguments."""
    out = []
    for key, entry in MESSAGES.items():
        if key.startswith("rule_") and key != "rule_other":
            regex = ""
            for literal, field, _, _ in string.Formatter().parse(entry["en"]):
                regex += re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
            out.append((key, re.compile(f"^{regex}$", re.S)))
    return out


def rule_say(sentence: str) -> Say:
    """A scenario model's rule (an English sentence of ``simulator.language.scenario``) as a ``Say``;
    a sentence no rule here knows stays as it is, in English."""
    for key, pattern in _rule_patterns():
        m = pattern.match(sentence)
        if m:
            return Say(key, **m.groupdict())
    return Say("rule_other", detail=sentence)


def os_reason(exc: OSError) -> Say | str:
    """Why a file cannot be read, in words for the common cases."""
    import errno
    name = errno.errorcode.get(exc.errno or 0, "")
    return Say(f"os_{name}") if f"os_{name}" in MESSAGES else (exc.strerror or str(exc))
