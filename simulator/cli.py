"""The ``ttx`` command line: validate, schema, competencies, run, compare, check, sweep,
debrief, demo, serve, import-flee, generate, validate-displacement, export, import, backup.

Exit codes: 0 success, 1 usage or runtime error, 2 invalid input file (every problem is
printed as FILE:LINE:COL: path: message).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from agents.bots import BOTS
from agents.gaming import GAMING
from simulator.displacement.fleecase import CaseError
from simulator.i18n import LANGUAGES, N_, catalogue_path, count, language_name, ntr, tr
from simulator.language.problem_text import Say
from simulator.language.rejections import explain
from simulator.language.scenario import Scenario
from simulator.language.validation import load_scenario
from simulator.language.yamlsafe import InputError
from simulator.play.decisions import load_inputs
from simulator.shipped import DEMO_SCENARIO, SCENARIOS


class UsageError(Exception):
    """A wrong option or value: one line and exit code 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, with exit code 1 for usage errors (2 is for invalid input files)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def _seed(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"a seed is 0 or more, got {value}")
    return value


# What ``ttx generate`` is doing, stage by stage (``generate``'s progress names).
GENERATE_STAGES = {
    "places": N_("placing the towns, villages and sites"),
    "roads": N_("laying the roads, tracks and river crossings"),
    "people": N_("settling the population"),
    "writing": N_("writing the scenario"),
}


# What each kind of MSEL file holds.
MSEL_SHEETS = {
    ".xlsx": N_("sheets MSEL, expected actions by team, reference"),
    ".csv": N_("the MSEL sheet only; an .xlsx file adds the expected actions by team and a reference of "
               "names and ids"),
}

# The naive forecasts a displacement case is compared with.
NAIVE_FORECASTS = {
    "capacity_split": N_("capacity split"),
    "nearest_camp": N_("nearest camp"),
}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader stopped reading (`| head`): nothing left to say
        # Python would print another error flushing stdout at exit; point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # an output folder that cannot be written, a full disk ...
        detail = f"{exc.strerror}: {exc.filename}"
        print(tr("error: {message}", args.lang, message=detail), file=sys.stderr)
        return 1
    except CaseError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 2
    except InputError as exc:  # each problem in the reader's language, where it was found
        for problem in exc.problems:
            print(problem.text(args.lang), file=sys.stderr)
        print(ntr("{n} problem found", "{n} problems found", len(exc.problems), args.lang),
              file=sys.stderr)
        return 2
    except UsageError as exc:
        print(tr("error: {message}", args.lang, message=exc), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ttx", description="Tabletop exercise simulator for "
                                "peace-support training.")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of messages")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    v = sub.add_parser("validate", help="check scenario files; report every problem")
    v.add_argument("paths", nargs="+", type=Path)
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("schema", help="print the scenario JSON Schema (for editors)")
    s.add_argument("--out", type=Path, help="write to this file instead of standard output")
    s.set_defaults(func=cmd_schema)

    m = sub.add_parser("competencies", help="check a competency framework against the "
                       "shipped scenarios; list the tasks each competency maps to")
    m.add_argument("path", nargs="?", type=Path, metavar="FILE",
                   help="framework file (default: courses/competencies.yaml)")
    m.set_defaults(func=cmd_competencies)

    r = sub.add_parser("run", help="play an exercise and write its outputs")
    r.add_argument("scenario", type=Path)
    r.add_argument("--seed", type=_seed, default=0)
    r.add_argument("--decisions", type=Path, help="YAML or JSON file of decisions and injects")
    r.add_argument("--bots", nargs="*", default=[], metavar="TEAM=KIND",
                   help=f"teams played by bots; KIND is one of {', '.join(BOTS)}; "
                   "TEAM may be 'all'")
    r.add_argument("--out", type=Path, required=True, help="run directory to write")
    r.add_argument("--quiet", action="store_true", help="no progress lines")
    r.add_argument("--no-debrief", action="store_true",
                   help="skip the debrief report (written to OUT/debrief by default)")
    r.add_argument("--team-seeds", type=int, default=5, help="debrief: seeds each "
                   "counterfactual is replayed over, for its band (default 5)")
    _fallback_option(r)
    r.set_defaults(func=cmd_run)

    c = sub.add_parser("compare", help="bot teams on one scenario over many seeds")
    c.add_argument("scenario", type=Path)
    c.add_argument("--seeds", type=int, default=20, help="seeds 0 … N−1 (default 20)")
    c.add_argument("--bots", nargs="+", default=list(BOTS), choices=list(BOTS),
                   help="bot kinds to compare (default: all)")
    c.add_argument("--ratings", action="store_true",
                   help="also rate each play against the scenario's objectives (debrief)")
    c.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    c.add_argument("--quiet", action="store_true")
    c.set_defaults(func=cmd_compare)

    k = sub.add_parser("check", help="audit a scenario by simulation: can gaming strategies "
                       "pass its tasks, does doctrine?")
    k.add_argument("scenario", type=Path)
    k.add_argument("--seeds", type=int, default=10, help="seeds 0 … N−1 (default 10)")
    k.add_argument("--strategies", nargs="+", metavar="STRATEGY",
                   help="strategies every team plays (default all: doctrine, passive, random, "
                   f"{', '.join(GAMING)})")
    where = k.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=int, default=0,
                       help="processes to play in (default 0: one per core; 1: this process)")
    where.add_argument("--dask", metavar="ADDRESS", help="play on the Dask cluster whose "
                       "scheduler is at ADDRESS (tcp://HOST:8786; needs ttx-sim[dask])")
    k.add_argument("--out", type=Path, help="folder for check.json and check.html")
    k.add_argument("--strict", action="store_true", help="exit 1 when any flag is raised")
    k.add_argument("--quiet", action="store_true", help="no progress lines")
    k.set_defaults(func=cmd_check)

    w = sub.add_parser("sweep", help="Monte Carlo: one exercise's inputs replayed over many "
                       "seeds, outcomes and ratings per seed with their bands")
    w.add_argument("scenario", type=Path)
    w.add_argument("--decisions", type=Path, help="YAML or JSON file of decisions and injects "
                   "(a run's inputs.json replays that run); without it every team is a "
                   "doctrine bot")
    w.add_argument("--bots", nargs="*", default=None, metavar="TEAM=KIND",
                   help=f"bot teams (TEAM may be 'all'; KIND: {', '.join(BOTS)})")
    w.add_argument("--seeds", type=int, required=True, help="seeds 0 … N−1")
    where = w.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=0,
                       help="local processes to replay in (default 0: one per core; 1: this "
                       "process)")
    where.add_argument("--dask", metavar="ADDRESS", help="replay on the Dask cluster whose "
                       "scheduler is at ADDRESS (tcp://HOST:8786; needs ttx-sim[dask])")
    w.add_argument("--out", type=Path, required=True,
                   help="folder for sweep.json, seeds.csv, bands.csv and ratings.csv")
    w.add_argument("--quiet", action="store_true", help="no progress lines")
    w.set_defaults(func=cmd_sweep)

    b = sub.add_parser("debrief", help="ratings with evidence, counterfactuals, AAR text")
    b.add_argument("run", type=Path, help="a run directory written by 'ttx run'")
    b.add_argument("--out", type=Path, required=True,
                   help="folder for debrief.json, report.md and report.html")
    b.add_argument("--seeds", type=int, default=0,
                   help="also replay the decisions over N seeds (luck or skill); default 0")
    b.add_argument("--overrides", type=Path, help="evaluators' rating overrides and notes "
                   "(YAML)")
    b.add_argument("--team-seeds", type=int, default=5,
                   help="seeds each counterfactual (all teams, each team) is replayed over, "
                   "for its band (default 5)")
    b.add_argument("--quiet", action="store_true")
    _fallback_option(b)
    b.set_defaults(func=cmd_debrief)

    d = sub.add_parser("demo", help="the civilian-protection scenario with doctrine bots")
    d.add_argument("--seed", type=_seed, default=1)
    d.add_argument("--out", type=Path, default=Path("runs/demo"))
    d.add_argument("--quiet", action="store_true")
    d.add_argument("--no-debrief", action="store_true", help="skip the debrief report")
    d.add_argument("--team-seeds", type=int, default=5, help="debrief: seeds each "
                   "counterfactual is replayed over, for its band (default 5)")
    _fallback_option(d)
    d.set_defaults(func=cmd_demo)

    q = sub.add_parser("sitrep", help="a team's situation report from a run, in plain words")
    q.add_argument("run", type=Path, help="a run directory written by 'ttx run'")
    q.add_argument("--team", required=True, help="the team whose report to show")
    q.add_argument("--turn", type=int, help="the turn (default: the last)")
    q.add_argument("--out", type=Path, help="also write it to this file: Markdown, or a "
                   "printable HTML page when it ends in .html")
    _fallback_option(q)
    q.set_defaults(func=cmd_sitrep)

    w = sub.add_parser("serve", help="run the web portal for a classroom (instructor, teams, "
                       "evaluators)")
    w.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: "
                   "every network, e.g. the classroom Wi-Fi)")
    w.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free one)")
    w.add_argument("--db", type=Path, default=None,
                   help="database file (default: $TTX_DB if set, else $XDG_DATA_HOME/ttx/ttx.db, "
                   "that is ~/.local/share/ttx/ttx.db)")
    w.add_argument("--tls", action="store_true",
                   help="serve HTTPS with a self-signed certificate, made on first use and kept "
                   "beside the database (its fingerprint is printed, to read out)")
    w.add_argument("--cert", type=Path, metavar="FILE",
                   help="serve HTTPS with the school's certificate (PEM; any chain after it)")
    w.add_argument("--key", type=Path, metavar="FILE",
                   help="the private key of --cert (PEM, without a password)")
    w.add_argument("--plain-http", action="store_true",
                   help="serve plain HTTP on a network address all the same (only where HTTPS "
                   "ends before this computer, at the school's proxy)")
    w.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another name the portal is reached by (a school DNS name); repeatable")
    w.add_argument("--new-instructor-code", action="store_true",
                   help="make a new instructor code: the old one stops working and whoever "
                   "signed in with it is signed out")
    w.set_defaults(func=cmd_serve)

    f = sub.add_parser("import-flee", help="convert a Flee-format displacement case into a "
                       "scenario")
    f.add_argument("case", type=Path, help="case folder (input/ and validation/)")
    f.add_argument("--out", type=Path, required=True, help="scenario file to write (YAML)")
    f.set_defaults(func=cmd_import_flee)

    g = sub.add_parser("generate", help="write a synthetic district of any size as a scenario "
                       "(a river, roads, towns, villages, sites, a border, armed groups)")
    g.add_argument("--places", type=int, required=True,
                   help="places on the map (10 to 100,000)")
    g.add_argument("--population", type=int, default=100_000,
                   help="residents, shared among towns, villages and sites (default 100,000)")
    g.add_argument("--armed-groups", type=int, default=2,
                   help="armed groups, based in the places farthest from the towns (default 2)")
    g.add_argument("--seed", type=_seed, default=0, help="the same seed gives the same file")
    g.add_argument("--out", type=Path, required=True, help="scenario file to write (YAML)")
    g.add_argument("--quiet", action="store_true", help="no progress lines")
    g.set_defaults(func=cmd_generate)

    lg = sub.add_parser("languages", help="the languages of the interface and of the shipped "
                        "scenarios, and how much of each is translated (docs/translating.md)")
    lg.add_argument("--update", action="store_true", help="extract the texts of the code into "
                    "the template and bring every catalogue up to it")
    lg.add_argument("--compile", action="store_true", help="compile the catalogues for gettext")
    lg.add_argument("--check", action="store_true", help="exit 2 when a catalogue lacks a "
                    "text, has a fuzzy one, or changes its placeholders")
    lg.set_defaults(func=cmd_languages)

    m = sub.add_parser("msel", help="the MSEL as a spreadsheet: export it, edit it, import "
                       "it back")
    msel = m.add_subparsers(dest="msel_command", required=True, parser_class=_Parser)
    me = msel.add_parser("export", help="write a scenario's MSEL as a spreadsheet (.xlsx: the "
                         "MSEL, expected actions by team, a reference; .csv: the MSEL)")
    me.add_argument("scenario", type=Path, help="scenario file (YAML)")
    me.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv to write")
    me.set_defaults(func=cmd_msel_export)
    mi = msel.add_parser("import", help="take an edited MSEL sheet back into its scenario "
                         "(validated; each problem named by sheet, row and column)")
    mi.add_argument("sheet", type=Path, metavar="FILE", help="the edited .xlsx or .csv")
    mi.add_argument("--into", type=Path, required=True, metavar="SCENARIO",
                    help="the scenario file the sheet was exported from")
    mi.add_argument("--out", type=Path, required=True, help="the new scenario file to write")
    mi.set_defaults(func=cmd_msel_import)
    for command in msel.choices.values():
        command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                             help="language of the sheet and of messages")

    x = sub.add_parser("validate-displacement", help="play a displacement case with the "
                       "engine's movement model and compare with the observed camp counts")
    x.add_argument("case", type=Path, help="case folder (input/ and validation/)")
    x.add_argument("--seeds", type=int, default=3, help="seeds 0 … N−1 (default 3)")
    x.add_argument("--out", type=Path, help="folder for summary.json, camps.csv, plots/ and "
                   "the converted scenario")
    x.add_argument("--jobs", type=int, default=0,
                   help="processes to run seeds in (default 0: one per core)")
    x.add_argument("--quiet", action="store_true", help="no progress lines")
    x.set_defaults(func=cmd_validate_displacement)

    db_help = "database file (default: as for 'ttx serve')"
    e = sub.add_parser("export", help="write one exercise of the portal to an archive file "
                       "(scenario, inputs, notes, overrides, sign-offs; no codes)")
    e.add_argument("exercise", type=int, nargs="?", metavar="EXERCISE",
                   help="the exercise's id (--list shows them)")
    e.add_argument("--out", type=Path, help="archive file to write (.zip)")
    e.add_argument("--list", action="store_true", help="list the exercises and their ids")
    e.add_argument("--db", type=Path, default=None, help=db_help)
    e.set_defaults(func=cmd_export)

    i = sub.add_parser("import", help="add an exercise archive to the portal as a new "
                       "exercise, after replaying it")
    i.add_argument("archive", type=Path, metavar="FILE", help="a file written by 'ttx export'")
    i.add_argument("--db", type=Path, default=None, help=db_help)
    i.set_defaults(func=cmd_import)

    a = sub.add_parser("backup", help="copy the whole portal database safely, even while "
                       "'ttx serve' runs")
    a.add_argument("--out", type=Path, required=True, help="the copy to write")
    a.add_argument("--db", type=Path, default=None, help=db_help)
    a.set_defaults(func=cmd_backup)
    # --lang is accepted after the subcommand too ("ttx debrief RUN --lang fr"); SUPPRESS
    # keeps a --lang given before the subcommand when none is given after it.
    for command in sub.choices.values():
        command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                             help="language of messages (also accepted before the command)")
    return p


def cmd_validate(args) -> int:
    problems = []
    for path in args.paths:
        try:
            s = load_scenario(path)
        except InputError as exc:
            problems += exc.problems
            continue
        print(tr("{path}: valid ({locations} locations, {teams} teams, {actions} actions, "
                 "{injects} injects)", args.lang, path=path, locations=len(s.map.locations),
                 teams=len(s.teams), actions=len(s.actions), injects=len(s.msel)))
        _say_languages(s, args.lang)
    if problems:
        raise InputError(problems)
    return 0


def _say_languages(scenario: Scenario, lang: str) -> None:
    """The languages a scenario is written in: every text, or how many."""
    from simulator.language.coverage import coverage

    covered = coverage(scenario)
    whole = [code for code, (done, total) in covered.items() if done == total]
    print(tr("  languages: {languages}", lang,
             languages=", ".join(language_name(code, lang) for code in whole)))
    for code, (done, total) in covered.items():
        if done < total:
            print(tr("  {language}: {done} of {total} texts", lang,
                     language=language_name(code, lang), done=count(done, lang),
                     total=count(total, lang)))


FALLBACK_OPTION = "--fallback-english"


def _covered(scenario: Scenario, lang: str, fallback: bool = False) -> None:
    """Refuse to play or report in a language the scenario is not written in, unless
    ``fallback`` (``--fallback-english``): each missing text is then shown in English,
    marked."""
    from simulator.language.coverage import NotCovered, check_language

    try:
        check_language(scenario, lang, fallback,
                       Say(N_("run it again with {option}"), option=FALLBACK_OPTION))
    except NotCovered as exc:
        raise UsageError(exc.text(lang)) from None


def _fallback_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(FALLBACK_OPTION, action="store_true", dest="fallback_english",
                         help="play or report in a language the scenario is not wholly "
                         "written in: each text missing in it is shown in English, marked "
                         "[EN] (without it, such a language is refused)")


def cmd_schema(args) -> int:
    schema = json.dumps(Scenario.model_json_schema(by_alias=True), indent=2, sort_keys=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(schema + "\n", encoding="utf-8")
        print(tr("JSON Schema written to {path}", args.lang, path=args.out), file=sys.stderr)
    else:
        print(schema)
    return 0


def cmd_competencies(args) -> int:
    from simulator.classroom.competencies import SHIPPED, load_framework, shipped_scenarios
    from simulator.language.scenario import text

    lang, here = args.lang, Path.cwd()
    path = args.path or (SHIPPED.relative_to(here) if SHIPPED.is_relative_to(here) else SHIPPED)
    scenarios = shipped_scenarios()
    framework = load_framework(path, scenarios=scenarios)
    titles = {(sid, c.id): c.title for sid, s in scenarios.items() for o in s.objectives
              for c in o.critical_tasks}
    mapped = {task for c in framework.competencies for task in framework.tasks(c.id)}
    print(tr("{path}: valid ({count} competencies; {mapped} of the {tasks} critical tasks of {scenarios} "
             "scenarios mapped)", lang, path=path, count=len(framework.competencies),
            mapped=len(mapped), tasks=len(titles), scenarios=len(scenarios)))
    print(f"\n{text(framework.framework.name, lang)}")
    for competency in framework.competencies:
        print(f"\n{text(competency.name, lang)}")
        by_scenario: dict[str, list[str]] = {}
        for sid, task in framework.tasks(competency.id):
            by_scenario.setdefault(sid, []).append(task)
        for sid, tasks in by_scenario.items():
            print(f"  {text(scenarios[sid].metadata.title, lang)}")
            print("\n".join(f"    - {text(titles[sid, task], lang)}" for task in tasks))
    return 0


def parse_bots(values: list[str], scenario: Scenario, lang: str = "en") -> dict[str, str]:
    teams = [tm.id for tm in scenario.teams]
    out: dict[str, str] = {}
    for value in values:
        team, _, kind = value.partition("=")
        if not kind or kind not in BOTS:
            raise UsageError(tr("--bots expects TEAM=KIND (KIND: {kinds}), got {value!r}",
                                lang, kinds=", ".join(BOTS), value=value))
        if team == "all":
            out.update({tm: kind for tm in teams})
        elif team not in teams:
            raise UsageError(tr("unknown team {team!r} in --bots (teams: {teams})",
                                lang, team=team, teams=", ".join(teams)))
        else:
            out[team] = kind
    return out


def _play_and_write(args, scenario: Scenario, bots: dict[str, str], inputs: list,
                    source: Path) -> int:
    # The world model (Mesa, SciPy, networkx) is imported by the commands that play, so
    # that ``ttx --help`` and ``ttx validate`` start at once.
    from simulator.play.outputs import write_run
    from simulator.play.runner import play
    from simulator.provenance import versions

    lang = args.lang
    if not args.no_debrief and args.team_seeds < 1:  # before playing, not after
        raise UsageError(tr("--team-seeds must be 1 or more, got {seeds}", lang, seeds=args.team_seeds))

    def progress(ex) -> None:
        if not args.quiet:
            played = ex.turn if ex.done else ex.turn - 1
            print(tr("turn {turn}/{turns}: {events} events, civilians killed so far: {deaths}",
                     lang, turn=played, turns=ex.turns, events=len(ex.events),
                    deaths=int(ex.model.civilians.deaths.sum())), file=sys.stderr, flush=True)

    ex = play(scenario, args.seed, inputs, bots, lang, progress)
    meta = {"scenario": scenario.metadata.id, "seed": args.seed, "bots": bots, "lang": lang,
            "versions": versions()}
    write_run(ex, args.out, meta, scenario_file=source)
    words = None
    for r in ex.inputs:
        if r.get("status") == "rejected":
            from debrief.words import Words  # names for ids; only when something was refused

            words = words or Words(scenario, lang)
            why = explain(r["why"], r["args"], lang, words.name, words.when)
            print(tr("refused, turn {turn}, {team}: {action}: {why}",
                     lang, turn=r["turn"], team=words.name(r["team"]),
                    action=words.name(r["action"]), why=why), file=sys.stderr)
    _print_summary(ex, lang)
    print(tr("outputs written to {path}", lang, path=args.out))
    if not args.no_debrief:
        return _debrief(args.out, args.out / "debrief", lang, quiet=True,
                        team_seeds=args.team_seeds, fallback=args.fallback_english)
    return 0


def _print_summary(ex, lang: str) -> None:
    from simulator.play.compare import OUTCOME_NAMES

    s = ex.summary()
    o = s["outcomes"]
    print(tr("Outcome of {scenario} (seed {seed})", lang, scenario=s["scenario"], seed=s["seed"]))
    for key in ("civilian_deaths", "civilian_injuries", "displaced_peak",
                "unmet_need_person_days", "incidents", "attacks_deterred", "people_assisted"):
        print(f"  {tr(OUTCOME_NAMES[key], lang):<40} {count(o[key], lang):>10}")
    print("  " + tr("decisions: {accepted} accepted, {rejected} rejected", lang, **s["decisions"]))


def cmd_run(args) -> int:
    scenario = load_scenario(args.scenario)
    _covered(scenario, args.lang, args.fallback_english)
    bots = parse_bots(args.bots, scenario, args.lang)
    inputs = load_inputs(args.decisions, scenario) if args.decisions else []
    return _play_and_write(args, scenario, bots, inputs, args.scenario)


def cmd_compare(args) -> int:
    from simulator.play.compare import compare, table

    if args.seeds < 1:
        raise UsageError(tr("--seeds must be 1 or more, got {seeds}", args.lang, seeds=args.seeds))
    scenario = load_scenario(args.scenario)

    def progress(kind: str, seed: int) -> None:
        if not args.quiet:
            print(tr("{kind}: seed {seed}/{seeds}", args.lang, kind=kind, seed=seed + 1, seeds=args.seeds),
                  file=sys.stderr, flush=True)

    tally = None
    if args.ratings:
        from debrief.botratings import RatingTally  # the engine's commands do not need it
        tally = RatingTally(scenario)
    result = compare(scenario, args.bots, args.seeds, progress, tally.add if tally else None)
    print(tr("{scenario}: every team played by each bot kind, {seeds} seeds; mean [10–90 % band]",
             args.lang, scenario=scenario.metadata.id, seeds=args.seeds))
    print(table(result, args.lang))
    result = {"outcomes": result, "ratings": tally.as_dict() if tally else None}
    if tally:
        print()
        print(tr("ratings over {seeds} seeds (seeds per rating; P best, U worst, - not observed)",
                 args.lang, seeds=args.seeds))
        print(tally.table(args.lang))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    return 0


def _workers(args, replays: int, count: int):
    """Where a command's replays run (``simulator.play.workers``): the Dask cluster at
    ``--dask``, else ``count`` local processes (0: one per core), no more than replays."""
    from simulator.play.workers import WorkersError, choose

    try:
        return choose(min(count or os.cpu_count() or 1, replays), args.dask)
    except WorkersError as exc:
        raise UsageError(exc.text(args.lang)) from None


def cmd_check(args) -> int:
    import time

    from debrief import check  # the engine's commands do not need the debrief

    if args.seeds < 1:
        raise UsageError(tr("--seeds must be 1 or more, got {seeds}", args.lang, seeds=args.seeds))
    if args.jobs < 0:
        raise UsageError(tr("--jobs must be 0 (one per core) or more, got {jobs}", args.lang, jobs=args.jobs))
    strategies = list(dict.fromkeys(args.strategies or check.STRATEGIES))
    for name in strategies:
        if name not in check.STRATEGIES:
            raise UsageError(tr("unknown strategy {name!r} (strategies: {strategies})", args.lang, name=name,
                               strategies=", ".join(check.STRATEGIES)))
    scenario = load_scenario(args.scenario)

    def progress(strategy: str, seed: int, done: int, total: int) -> None:
        if not args.quiet:
            print(tr("check: {strategy} seed {seed}/{seeds} done ({done}/{total})",
                     args.lang, strategy=strategy, seed=seed + 1,
                    seeds=args.seeds, done=done, total=total), file=sys.stderr, flush=True)

    began = time.perf_counter()
    with _workers(args, len(strategies) * args.seeds, args.jobs) as workers:
        result = check.audit(scenario, strategies, args.seeds, workers, progress)
    found = check.flags(result, args.lang)
    if not args.quiet:
        print(tr("check: {plays} plays in {seconds:.1f} s in {where}",
                 args.lang, plays=len(strategies) * args.seeds,
                where=workers.describe(args.lang), seconds=time.perf_counter() - began),
              file=sys.stderr)
    print(check.render(result, found, args.lang))
    if args.out:
        check.write(result, found, args.out, args.lang)
        print(tr("outputs written to {path}", args.lang, path=args.out))
    return 1 if args.strict and found else 0


def cmd_sweep(args) -> int:
    import time

    from debrief import sweep  # the engine's commands do not need the debrief

    lang = args.lang
    if args.seeds < 1:
        raise UsageError(tr("--seeds must be 1 or more, got {seeds}", lang, seeds=args.seeds))
    if args.workers < 0:
        raise UsageError(tr("--workers must be 0 (one per core) or more, got {workers}",
                            lang, workers=args.workers))
    scenario = load_scenario(args.scenario)
    inputs = load_inputs(args.decisions, scenario, lang) if args.decisions else []
    if args.bots is None:
        bots = {} if args.decisions else {tm.id: "doctrine" for tm in scenario.teams}
    else:
        bots = parse_bots(args.bots, scenario, lang)

    def say(message: str, **values) -> None:
        if not args.quiet:
            print(tr(message, lang, **values), file=sys.stderr, flush=True)

    began = time.perf_counter()
    with _workers(args, args.seeds, args.workers) as workers:
        say(N_("sweep: {seeds} seeds of {scenario} in {where}"), seeds=args.seeds,
            scenario=scenario.metadata.id, where=workers.describe(lang))
        result = sweep.sweep(scenario, inputs, bots, args.seeds, workers,
                             lambda done, total: say(N_("sweep: {done}/{total} replays done"),
                                                     done=done, total=total),
                             str(args.decisions) if args.decisions else None)
    say(N_("sweep: {seeds} replays in {seconds:.1f} s"), seeds=args.seeds,
        seconds=time.perf_counter() - began)
    sweep.write(result, scenario, args.out, lang)
    print(sweep.table(result, scenario, lang))
    print(tr("outputs written to {path}", lang, path=args.out))
    return 0


def cmd_debrief(args) -> int:
    if args.seeds < 0:
        raise UsageError(tr("--seeds must be 1 or more, got {seeds}", args.lang, seeds=args.seeds))
    if args.team_seeds < 1:
        raise UsageError(tr("--team-seeds must be 1 or more, got {seeds}", args.lang, seeds=args.team_seeds))
    return _debrief(args.run, args.out, args.lang, args.seeds, args.overrides, args.quiet,
                    args.team_seeds, args.fallback_english)


def _debrief(run_dir: Path, out: Path, lang: str, seeds: int = 0,
             overrides_file: Path | None = None, quiet: bool = False,
             team_seeds: int | None = None, fallback: bool = False) -> int:
    """Write debrief.json, report.md and report.html for one run directory."""
    # The debrief reads run files; imported here so the engine's commands do not need it.
    from debrief.overrides import load_evaluation
    from debrief.report import build, write_files
    from debrief.rundata import RunError, load_run

    try:
        run = load_run(run_dir)
    except RunError as exc:
        raise UsageError(str(exc)) from None
    if not (run_dir / "scenario.yaml").exists():
        raise UsageError(tr("{folder}: no scenario.yaml; run the exercise again with this version",
                            lang, folder=run_dir))
    scenario = load_scenario(run_dir / "scenario.yaml")
    _covered(scenario, lang, fallback)
    tasks = {c.id for o in scenario.objectives for c in o.critical_tasks}
    overrides, notes = load_evaluation(overrides_file, tasks, {tm.id for tm in scenario.teams}) \
        if overrides_file else ({}, [])

    def progress(label: str, i: int, n: int) -> None:
        if not quiet:
            print(tr("debrief replay, {what}: {i}/{n}",
                     lang, what=label, i=i, n=n), file=sys.stderr, flush=True)

    from debrief.report import TEAM_SEEDS
    data = build(run_dir, run, scenario, lang, seeds, overrides, progress,
                 team_seeds or TEAM_SEEDS, notes=notes)
    print(tr("debrief report: {path}", lang, path=write_files(out, data, run, scenario)))
    return 0


def cmd_demo(args) -> int:
    scenario = load_scenario(SCENARIOS / DEMO_SCENARIO)
    _covered(scenario, args.lang, args.fallback_english)
    bots = {tm.id: "doctrine" for tm in scenario.teams}
    return _play_and_write(args, scenario, bots, [], SCENARIOS / DEMO_SCENARIO)


def cmd_sitrep(args) -> int:
    from simulator.world.sitrep_text import html, render

    scenario = load_scenario(args.run / "scenario.yaml")
    _covered(scenario, args.lang, args.fallback_english)
    teams = [t.id for t in scenario.teams]
    if args.team not in teams:
        raise UsageError(tr("no team {team!r} in this run (teams: {teams})",
                            args.lang, team=args.team, teams=", ".join(teams)))
    folder = args.run / "reports" / args.team
    turns = sorted(int(p.stem.split("-")[1]) for p in folder.glob("turn-*.json"))
    turn = args.turn if args.turn is not None else (turns[-1] if turns else 1)
    if turn not in turns:
        raise UsageError(tr("no report for turn {turn} (turns 1 to {last})",
                            args.lang, turn=turn, last=turns[-1] if turns else 0))
    report = json.loads((folder / f"turn-{turn:02d}.json").read_text(encoding="utf-8"))
    page = render(report, scenario, args.lang)
    print(page, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(html(page, args.lang) if args.out.suffix.lower() in (".html", ".htm")
                            else page, encoding="utf-8")
        print(tr("situation report written to {path}", args.lang, path=args.out), file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    """The portal: the instructor code when it is new, the certificate's fingerprint and the
    addresses first (flushed, for scripts that read them), then uvicorn on a socket already
    listening."""
    import uvicorn  # the portal's dependencies load only for this command

    from simulator.classroom.store import default_path
    from simulator.portal import create_app, hosts

    lang = args.lang
    # What the server writes (database, journal, certificate, run folders, debriefs) holds
    # codes' hashes, names and ratings: the instructor's account's alone.
    os.umask(0o077)
    school = _school_certificate(args)
    sock = _listen(args)
    host, port = sock.getsockname()[:2]
    if school is None and not args.tls and not hosts.is_loopback(host):
        if not args.plain_http:
            sock.close()
            raise UsageError(tr("--host {host} lets other computers connect, and join codes would cross the "
                                "network in clear: add --tls (HTTPS with a certificate made for this laptop) "
                                "or --cert FILE --key FILE (the school's); --plain-http only where HTTPS "
                                "ends before this computer", lang, host=args.host))
        print(tr("warning: plain HTTP on {host}: join codes and sessions cross the network in clear unless "
                 "HTTPS ends in front of this computer", lang, host=args.host), file=sys.stderr, flush=True)
    names = [n for n in [args.host, *args.allow_host] if not hosts.is_wildcard(n)]
    db = args.db or default_path()
    app = create_app(db, hosts.allowlist(host, names))
    store = app.state.store
    store.keep_private()
    pair = school or (_self_signed(db, host, names) if args.tls else None)
    code = store.new_instructor_code() if args.new_instructor_code else \
        store.first_instructor_code()
    if code:
        print(tr("instructor code: {code}", lang, code=code), flush=True)
    else:
        print(tr("the instructor code is unchanged (it was shown when it was made); start with "
                 "--new-instructor-code, or use \"New instructor code\" on the portal, to get a new one",
                 lang), flush=True)
    if args.new_instructor_code:
        print(tr("the previous instructor code no longer works, and whoever signed in with it is signed out",
                 lang), flush=True)
    if pair:
        _say_certificate(pair, school is not None, lang)
    scheme = "https" if pair else "http"
    print(tr("listening on {url}", lang, url=_url(scheme, host, port)), flush=True)
    if hosts.is_wildcard(host):
        lan = [a for a in hosts.lan_addresses() if host == "::" or ":" not in a]
        if lan:
            print(tr("on this network, teams open {url}", lang, url=_url(scheme, lan[0], port)), flush=True)
        if lan[1:]:
            print(tr("other addresses of this computer: {urls}", lang,
                    urls=", ".join(_url(scheme, a, port) for a in lan[1:])), flush=True)
    config = uvicorn.Config(app, log_level="info", proxy_headers=False, server_header=False,
                            ssl_certfile=str(pair.cert_file) if pair else None,
                            ssl_keyfile=str(pair.key_file) if pair else None)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _listen(args):
    """A socket listening on ``--host``/``--port``; a usage error when it cannot."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            args.host, args.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise UsageError(tr("cannot listen on {host}:{port}: {message}",
                            args.lang, host=args.host, port=args.port,
                           message=exc.strerror or exc)) from None
    return sock


def _url(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://[{host}]:{port}/" if ":" in host else f"{scheme}://{host}:{port}/"


def _school_certificate(args):
    """The pair given by --cert and --key, checked before anything starts; None without."""
    from simulator.portal import tls

    if (args.cert is None) != (args.key is None):
        raise UsageError(tr("--cert and --key go together: give both", args.lang))
    if (args.tls or args.cert is not None) and args.plain_http:
        raise UsageError(tr("--plain-http cannot go with --tls or --cert: choose one", args.lang))
    if args.cert is None:
        return None
    try:
        return tls.school_pair(args.cert, args.key)
    except tls.TlsError as exc:
        raise UsageError(tr(exc.message, args.lang, **exc.values)) from None


def _self_signed(db: Path, host: str, names: list[str]):
    """This laptop's certificate: every name the server answers to, the loopback ones and
    the machine's names too (the folder beside the database keeps it)."""
    from simulator.portal import hosts, tls

    wanted = [*hosts.own_names(host, names), *hosts.LOOPBACK, *hosts.machine_names()]
    return tls.self_signed(tls.folder_for(db), list(dict.fromkeys(wanted)))


def _say_certificate(pair, school: bool, lang: str) -> None:
    """Where the certificate comes from, whether it changed, and its fingerprint."""
    from simulator.portal import tls

    why = {
        None: N_("HTTPS: the certificate of earlier starts, from {folder}"),
        "new": N_("HTTPS: a self-signed certificate was made for this laptop, in {folder}"),
        "names": N_("HTTPS: the certificate did not name {names}; a new one was made, in {folder}: its "
                    "fingerprint changed, read it out again"),
        "expiring": N_("HTTPS: the certificate was near its end; a new one was made, in {folder}: its "
                       "fingerprint changed, read it out again"),
        "unusable": N_("HTTPS: the certificate in {folder} could not be read; a new one was made: its "
                       "fingerprint changed, read it out again"),
    }[pair.made]
    if school:
        print(tr("HTTPS: certificate {path}", lang, path=pair.cert_file), flush=True)
    else:
        print(tr(why, lang, folder=pair.cert_file.parent, names=", ".join(pair.missing)),
              flush=True)
    print(tr("certificate SHA-256 fingerprint: {fingerprint}",
             lang, fingerprint=tls.fingerprint(pair.cert)), flush=True)
    print(tr("read out to the class: {short} (the start of the SHA-256 fingerprint the browser shows)",
             lang, short=tls.short_fingerprint(pair.cert)),
          flush=True)


def cmd_import_flee(args) -> int:
    from simulator.displacement.fleecase import read_case
    from simulator.displacement.fleeimport import write_scenario

    case = read_case(args.case)
    write_scenario(case, args.out)
    scenario = load_scenario(args.out)  # the file written is a valid scenario
    print(tr("{path}: scenario written ({days} days, {locations} locations, {injects} injects)",
             args.lang, path=args.out, days=scenario.metadata.turns,
            locations=len(scenario.map.locations), injects=len(scenario.msel)))
    return 0


def cmd_generate(args) -> int:
    from simulator.language.generate import PROGRESS_FROM, GenerateError, generate

    lang = args.lang
    loud = not args.quiet and args.places >= PROGRESS_FROM

    def progress(stage: str) -> None:
        if loud:
            print(tr(GENERATE_STAGES[stage], lang), file=sys.stderr, flush=True)

    try:
        district = generate(args.places, args.population, args.armed_groups, args.seed,
                            progress)
    except GenerateError as exc:
        raise UsageError(tr(exc.message, lang, **{k: count(v, lang) for k, v in exc.values.items()})
                         ) from None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    part = args.out.with_name(args.out.name + ".part")  # a file is whole or not there
    part.write_text(district.text, encoding="utf-8")
    part.replace(args.out)
    size = f"{args.out.stat().st_size / 1e6:.1f}"
    print(tr("{path}: district written ({places} places, {routes} routes, {people} people, "
             "{groups} armed groups; {size} MB)", lang, path=args.out,
             places=count(args.places, lang), routes=count(district.routes, lang),
             people=count(args.population, lang), groups=args.armed_groups, size=size))
    return 0


def cmd_languages(args) -> int:
    from simulator import languages

    lang = args.lang
    if args.update:
        for done in languages.update():
            print(tr("{path}: brought up to the template", lang,
                     path=catalogue_path(done)), file=sys.stderr)
    if args.compile:
        for mo in languages.compile_all():
            print(tr("{path}: compiled", lang, path=mo), file=sys.stderr)
    if args.check:
        gaps = languages.check()
        for gap in gaps:
            print(gap, file=sys.stderr)
        if gaps:
            print(ntr("{n} text to translate", "{n} texts to translate", len(gaps), lang),
                  file=sys.stderr)
            return 2
        print(tr("every catalogue is complete", lang))
    if args.update or args.compile or args.check:
        return 0
    for code, covered in languages.coverage().items():
        print(tr("{language}:", lang, language=code))
        for name, (done, total) in covered["components"].items():
            print(tr("  interface, {component}: {done} of {total}", lang, component=name,
                     done=count(done, lang), total=count(total, lang)))
        for name, (done, total) in covered["scenarios"].items():
            print(tr("  scenario {scenario}: {done} of {total} texts", lang, scenario=name,
                     done=count(done, lang), total=count(total, lang)))
    return 0


def cmd_msel_export(args) -> int:
    from simulator.interop.msel import export

    lang = args.lang
    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UsageError(tr("--out must end in .xlsx or .csv, not {suffix}",
                            lang, suffix=args.out.suffix or "-"))
    scenario = load_scenario(args.scenario, lang)
    export(scenario, args.out, lang)
    print(tr("{path}: MSEL written ({injects} injects, {actions} expected actions; {sheets})",
             lang, path=args.out, injects=len(scenario.msel),
            actions=sum(len(i.expected_actions) for i in scenario.msel),
            sheets=tr(MSEL_SHEETS[suffix], lang)))
    return 0


def cmd_msel_import(args) -> int:
    from simulator.interop.msel_read import import_msel

    lang = args.lang
    result = import_msel(args.sheet, args.into, args.out, lang)
    for problem in result.warnings:
        print(tr("to check: {problem}", lang, problem=problem.text(lang)), file=sys.stderr)
    print(tr("{path}: scenario written with the sheet's MSEL ({injects} injects: {changed} changed, {added} "
             "added, {removed} removed)", lang, path=args.out, injects=len(result.scenario.msel),
            changed=len(result.changed), added=len(result.added), removed=len(result.removed)))
    return 0


def cmd_validate_displacement(args) -> int:
    from simulator.displacement import validate as displacement

    if args.seeds < 1:
        raise UsageError(tr("--seeds must be 1 or more, got {seeds}", args.lang, seeds=args.seeds))
    say = (lambda line: None) if args.quiet else \
        (lambda line: print(line, file=sys.stderr, flush=True))
    v = displacement.validate(args.case, args.seeds, args.out, args.jobs, say, args.lang)
    if args.out:
        displacement.write(v, args.out, args.lang)
    s = v.summary()
    seeds = len(s["seeds"])
    print(ntr("{case}: {days} days, {camps} camps, {n} seed", "{case}: {days} days, {camps} camps, "
              "{n} seeds", seeds, args.lang, case=s["case"], days=s["days"], camps=len(s["camps"])))
    for kind, key in ((N_("normal"), "ard"), (N_("rescaled"), "ard_rescaled")):
        print("  " + tr("ARD {kind}: {mean:.3f} [{min:.3f}–{max:.3f} over seeds]",
                        args.lang, kind=tr(kind, args.lang), **s[key]))
    for name, value in s["naive"].items():
        print("  " + tr("naive forecast, {name}: ARD {value:.3f}",
                        args.lang, name=tr(NAIVE_FORECASTS[name], args.lang),
                       value=value))
    print("  " + tr("{per_run:.1f} s per run; {wall:.1f} s in all",
                    args.lang, per_run=s["seconds_per_run"]["mean"],
                   wall=s["wall_seconds"]))
    if args.out:
        print(tr("outputs written to {path}", args.lang, path=args.out))
    return 0


@contextmanager
def _archive_errors(lang: str):
    """An archive, database or output file refused: one line naming it, exit code 1."""
    from simulator.classroom.archive import ArchiveError
    try:
        yield
    except ArchiveError as exc:
        raise UsageError(exc.text(lang)) from None


def cmd_export(args) -> int:
    from simulator.classroom import archive
    from simulator.classroom.store import default_path

    db, lang = args.db or default_path(), args.lang
    with _archive_errors(lang):
        if args.list:
            rows = archive.exercises(db)
            for r in rows:
                print(tr("{id:>5}  {name} ({phase}, turn {turn}){practice}",
                         lang, id=r["id"], name=r["name"], phase=r["phase"],
                        turn=r["turn"], practice=tr(", practice", lang)
                        if r["practice"] is not None else ""))
            if not rows:
                print(tr("no exercise in {db}", lang, db=db))
            return 0
        if args.exercise is None or args.out is None:
            raise UsageError(tr("give an exercise's id and --out FILE, or --list", lang))
        m = archive.export_exercise(db, args.exercise, args.out)
    print(tr("exercise {exercise} written to {path}: {inputs} inputs, {notes} notes, {overrides} overrides, "
             "{signoffs} sign-offs; replay hash {hash}…",
             lang, exercise=args.exercise, path=args.out, hash=m.replay_hash[:12],
            **m.counts))
    return 0


def cmd_import(args) -> int:
    from simulator.classroom.archive import import_exercise
    from simulator.classroom.store import default_path

    lang = args.lang
    with _archive_errors(lang):
        done = import_exercise(args.archive, args.db or default_path())
    print(tr("{path}: imported as exercise {exercise} ({name}); replay hash checked. Join codes are not "
             "restored: issue new ones from the console.",
             lang, path=args.archive, name=done.name, exercise=done.exercise))
    if done.course is not None and done.placed:
        print(tr("course {course!r}: {members} team members and {signed} of {total} sign-offs imported "
                 "(trainees found by name)", lang, course=done.course, members=done.members,
                signed=done.signoffs, total=done.signoffs_total))
    elif done.course is not None:
        print(tr("course {course!r} is not in this database (or not once): its team members and {total} "
                 "sign-offs were not imported", lang, course=done.course, total=done.signoffs_total))
    return 0


def cmd_backup(args) -> int:
    from simulator.classroom.archive import backup
    from simulator.classroom.store import default_path

    with _archive_errors(args.lang):
        exercises = backup(args.db or default_path(), args.out)
    size = f"{args.out.stat().st_size / 2**20:.1f}"
    print(tr("backup written to {path} ({exercises} exercises, {size} MB, integrity check ok); "
             "it holds everything, codes included: keep it safe", args.lang, path=args.out,
             exercises=exercises, size=size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
