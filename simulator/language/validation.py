"""Load a scenario file and report every problem, each with its file, line and path.

Two passes: the pydantic schema (types, ranges, unknown fields), then cross-references
(unknown location, team, unit, action, inject ...). Both collect all their problems
before raising, so an author fixes a file in one round. Every message is a ``Say`` of
``simulator.language.problem_text``, worded in the reader's language when it is shown.
"""

from __future__ import annotations

import types
import typing
from itertools import pairwise
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from simulator.i18n import N_
from simulator.language.measure_specs import SPECS
from simulator.language.problem_text import (
    PYDANTIC,
    UNKNOWN_NAMES,
    OneOf,
    Say,
    known,
    listed,
    pydantic_say,
)
from simulator.language.rejections import explain
from simulator.language.scenario import (
    EFFECTS,
    NEEDS,
    UNKNOWN_LANGUAGE,
    Condition,
    Effect,
    Scenario,
)
from simulator.language.suggest import suggestion
from simulator.language.values import Rejected, check_value, ids_of
from simulator.language.yamlsafe import (
    InputError,
    Positions,
    Problem,
    collector_paused,
    dotted,
    load_file,
    load_text,
    locate,
)

# Effect argument → the kind of thing it names (anything else is a value).
_ENTITY_ARGS = {"location": "location", "locations": "location", "from_": "location",
                "to": "location", "unit": "unit", "agency": "agency",
                "armed_group": "armed_group", "host_force": "host_force", "route": "route",
                "checkpoint": "checkpoint", "herd": "herd"}
_TEAM_TO = {"share_information", "message"}  # there, 'to' names a team
# What a parameter naming each kind is, said where another kind is expected.
_ENTITIES = {"location": N_("a location"), "unit": N_("a unit"), "route": N_("a route"),
             "checkpoint": N_("a checkpoint"), "herd": N_("a herd"), "agency": N_("an agency"),
             "team": N_("a team"), "armed_group": N_("an armed group"),
             "host_force": N_("a host force")}
# Primitives whose result goes to the acting team: meaningless without one (in an inject).
TEAM_ONLY = {"share_information", "early_warning", "assess", "engage"}
_FIELD_ALIASES = {"from_": "from", "not_": "not"}


def load_scenario(path: str | Path, lang: str = "en") -> Scenario:
    """Load and validate a scenario file; raise ``InputError`` listing every problem
    (its text in ``lang``)."""
    data, positions = load_file(path, lang)
    return scenario_from_data(data, positions, str(path), lang)


def scenario_from_text(text: str, name: str = "<scenario>", lang: str = "en") -> Scenario:
    data, positions = load_text(text, name, lang)
    return scenario_from_data(data, positions, name, lang)


def scenario_from_data(data: Any, positions: Positions, name: str,
                       lang: str = "en") -> Scenario:
    with collector_paused():
        try:
            scenario = Scenario.model_validate(data)
        except ValidationError as exc:
            raise InputError(_schema_problems(exc, data, positions, name, Scenario),
                             lang) from None
        problems = [Problem(name, *locate(positions, path), dotted(path), msg)
                    for path, msg in check_references(scenario)]
    if problems:
        raise InputError(problems, lang)
    return scenario


# --- schema errors --------------------------------------------------------------------

def _data_path(loc: tuple, data: Any) -> tuple:
    """Keep only the parts of a pydantic error location that exist in the data."""
    path, node = [], data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node \
                and _is_field_name(part):
            path.append(part)  # a missing field: name it, position of its parent
            node = None
    return tuple(path)


_UNION_TAGS = {"str", "int", "float", "bool", "none", "list", "dict"}


def _is_field_name(part: str) -> bool:
    """A schema field name, not one of pydantic's union-branch tags."""
    return part.isidentifier() and part[0].islower() and part not in _UNION_TAGS


def _fields_at(root: type, loc: tuple) -> list[str]:
    """The field names the model at ``loc`` accepts (empty if there is no model there)."""
    node = root
    for part in loc:
        node = _step(node, part)
        if node is None:
            return []
    model = _model(node)
    return [f.alias or name for name, f in model.model_fields.items()] if model else []


def _step(node, part):
    """The annotation one location part below ``node``; ``node`` itself for union tags."""
    origin, args = typing.get_origin(node), typing.get_args(node)
    if origin is typing.Annotated:
        return _step(args[0], part)
    if origin in (typing.Union, types.UnionType):
        named = [a for a in args if getattr(a, "__name__", None) == part]
        if named:
            return named[0]
        steps = [x for a in args if (x := _step(a, part)) is not None]
        return steps[0] if steps else (node if isinstance(part, str) else None)
    if origin in (list, tuple, set):
        return args[0] if isinstance(part, int) else node  # a tag such as 'list[str]'
    if origin is dict:
        return args[1]
    model = _model(node)
    if model and isinstance(part, str):
        for name, f in model.model_fields.items():
            if part in (name, f.alias):
                return f.annotation
    return None


def _model(node) -> type[BaseModel] | None:
    return node if isinstance(node, type) and issubclass(node, BaseModel) else None


# "{en: Raid, Sabéré, fr: ...}" makes 'Sabéré' a key with no value
QUOTES = Say(N_(". If it belongs to a text with a comma or a colon, put the whole text in "
                "quotes: en: \"Raid, Sabéré\""))


def _unknown_field(err: dict, root: type | None) -> Say:
    """'unknown field', with the fields allowed there and the likely one."""
    name, value = err["loc"][-1], err.get("input")
    allowed = _fields_at(root, err["loc"][:-1]) if root else []
    return Say(N_("unknown field "
                  "{value}{hint}{allowed}{quotes}"), value=repr(name), hint=suggestion(name, allowed),
               allowed=Say(N_("; allowed here: {names}"), names=", ".join(allowed)) if allowed else "",
               quotes=QUOTES if value is None else "")


def _unknown_language(err: dict) -> Say:
    """A text's language no catalogue has: the languages known, and the likely one."""
    code, languages = err["loc"][-1], err["ctx"]["known"]
    return Say(N_("unknown language {value}{hint}{known}{quotes}"), value=repr(code),
               hint=suggestion(code, languages), known=known(languages),
               quotes=QUOTES if err["input"].get(code) is None else "")


def _message(err: dict, root: type | None) -> Say:
    if err["type"] == "extra_forbidden":
        return _unknown_field(err, root)
    if err["type"] == UNKNOWN_LANGUAGE:
        return _unknown_language(err)
    return pydantic_say(err)


def _errors(exc: ValidationError) -> Iterator[dict]:
    """Pydantic's errors, the unknown languages of a text each at its own key."""
    for err in exc.errors():
        if err["type"] == UNKNOWN_LANGUAGE:
            for code in err["ctx"]["codes"]:
                yield {**err, "loc": (*err["loc"], code)}
        else:
            yield err


def _schema_problems(exc: ValidationError, data: Any, positions: Positions,
                     name: str, root: type | None = None) -> list[Problem]:
    """Located problems from a pydantic error; ``root``, the model validated, lets an
    unknown field list the fields allowed in its place."""
    by_path: dict[tuple, list[Say]] = {}
    for err in _errors(exc):
        path = _data_path(err["loc"], data)
        msg = _message(err, root)
        if msg not in by_path.setdefault(path, []):
            by_path[path].append(msg)
    problems = []
    for path, msgs in by_path.items():
        # A text field accepts a string or {en, fr}: when the author wrote the mapping form,
        # the errors inside it matter, not "expected a string".
        deeper = any(len(p) > len(path) and p[:len(path)] == path for p in by_path)
        if len(msgs) > 1 or deeper:
            msgs = [m for m in msgs if m.message != PYDANTIC["string_type"]] or \
                ([] if deeper else msgs)
        line, col = locate(positions, path)
        problems.extend(Problem(name, line, col, dotted(path), m) for m in msgs)
    return sorted(problems, key=lambda p: (p.line, p.col, p.message))


# --- cross-references -----------------------------------------------------------------

def check_references(s: Scenario) -> Iterator[tuple[tuple, Say]]:
    """Yield (path, message) for every reference that does not resolve."""
    locations = {loc.id for loc in s.map.locations}
    units = {u.id for u in s.actors.units}
    agencies = {a.id for a in s.actors.agencies}
    names = {"location": locations, "unit": units, "agency": agencies,
             "armed_group": {g.id for g in s.actors.armed_groups},
             "host_force": {h.id for h in s.actors.host_forces},
             "team": {t.id for t in s.teams},
             "route": ids_of(s, "route"), "checkpoint": {c.id for c in s.map.checkpoints},
             "herd": {h.id for h in s.actors.herds}}
    injects = {i.id for i in s.msel}
    actions = {a.id: a for a in s.actions}
    objective_ids = {o.id for o in s.objectives}
    task_ids = {t.id for o in s.objectives for t in o.critical_tasks}

    def need(kind: str, value: str | None, path: tuple) -> Iterator[tuple[tuple, Say]]:
        if value is not None and value not in names[kind]:
            yield path, Say(UNKNOWN_NAMES[kind], value=repr(value),
                            hint=suggestion(value, names[kind]), known=known(names[kind]))

    yield from _unique(s)
    pairs: dict[frozenset, int] = {}  # the map is one road per pair of places
    for i, r in enumerate(s.map.routes):
        yield from need("location", r.from_, ("map", "routes", i, "from"))
        yield from need("location", r.to, ("map", "routes", i, "to"))
        if r.from_ == r.to:
            yield ("map", "routes", i, "to"), Say(N_("a route must join two different locations"))
        elif frozenset((r.from_, r.to)) in pairs:
            first = pairs[frozenset((r.from_, r.to))]
            yield ("map", "routes", i), Say(N_("a second route between the same two places ({first} joins "
                                               "them already): the map holds one road per pair of places; to "
                                               "offer a second way, add a place on it (a ford, a junction) "
                                               "joined to both ends"), first=f"map.routes[{first}]")
        else:
            pairs[frozenset((r.from_, r.to))] = i
    yield from _travel(s, locations)
    for i, c in enumerate(s.map.checkpoints):
        path = ("map", "checkpoints", i)
        yield from need("location", c.from_, path + ("from",))
        yield from need("location", c.to, path + ("to",))
        if {c.from_, c.to} <= locations and c.route not in names["route"]:
            yield path, Say(N_("no route joins {route}: a checkpoint stands on a route of the "
                               "map"), route=c.route)
        holders = names["armed_group"] | names["host_force"]
        if c.held_by not in holders:
            yield path + ("held_by",), Say(UNKNOWN_NAMES["holder"], value=repr(c.held_by),
                                           hint=suggestion(c.held_by, holders),
                                           known=known(holders))
    for i, p in enumerate(s.population):
        yield from need("location", p.location, ("population", i, "location"))
    if s.arrivals:
        for place in s.arrivals.places:
            yield from need("location", place, ("arrivals", "places", place))
        if not sum(s.arrivals.groups.values()) > 0:
            yield ("arrivals", "groups"), Say(N_("the group shares must not all be zero"))
    for section, field in (("armed_groups", "base"), ("host_forces", "location"),
                           ("authorities", "location"), ("agencies", "location"),
                           ("community", "location"), ("units", "location")):
        for i, actor in enumerate(getattr(s.actors, section)):
            yield from need("location", getattr(actor, field), ("actors", section, i, field))
    yield from _herds(s, need, locations)
    shared = {u.id for u in s.actors.units if u.shared_by}
    for i, u in enumerate(s.actors.units):
        for j, team in enumerate(u.shared_by):
            yield from need("team", team, ("actors", "units", i, "shared_by", j))
    owner: dict[str, str] = {}
    for i, t in enumerate(s.teams):
        for j, asset in enumerate(t.assets):
            path = ("teams", i, "assets", j)
            if asset not in units | agencies:
                yield path, Say(N_("unknown asset {value}: expected a unit or agency id"), value=repr(asset))
            elif asset in owner:
                yield path, Say(N_("asset {value} already belongs to team "
                                   "{team}"), value=repr(asset), team=repr(owner[asset]))
            elif asset in shared:
                yield path, Say(N_("{value} is a shared unit (shared_by): no team owns it; the teams in its "
                                   "shared_by list task it on request"), value=repr(asset))
            owner[asset] = t.id
    for i, a in enumerate(s.actions):
        for j, team in enumerate(a.teams):
            yield from need("team", team, ("actions", i, "team") + ((j,) if len(a.teams) > 1 else ()))
        for name, param in a.params.items():
            if param.default is not None:
                try:
                    check_value(s, name, param, param.default)
                except Rejected as r:
                    yield ("actions", i, "params", name, "default"), \
                        Say(N_("bad default: {detail}"), detail=_Refusal(r))
            if param.values and param.type in names:
                for k, v in enumerate(param.values):
                    yield from need(param.type, str(v), ("actions", i, "params", name, "values", k))
        if a.requires:
            yield from _condition(a.requires, ("actions", i, "requires"), need, actions, injects)
        for j, e in enumerate(a.effects):
            yield from _effect(e, ("actions", i, "effects", j), need, a.params)
    for i, inj in enumerate(s.msel):
        base = ("msel", i)
        for j, team in enumerate(inj.to):
            if team != "all":
                yield from need("team", team, base + ("to", j))
        if inj.at:
            yield from _when(s, inj.at, base + ("at",))
        for j, place in enumerate(inj.places):
            yield from need("location", place, base + ("places", j))
        actors = {a.id for k in ("armed_groups", "host_forces", "authorities", "agencies",
                                 "community", "units") for a in getattr(s.actors, k)}
        for j, actor in enumerate(inj.actors):
            if actor not in actors:
                yield base + ("actors", j), Say(UNKNOWN_NAMES["actor"], value=repr(actor),
                                                hint=suggestion(actor, actors),
                                                known=known(actors))
        if inj.when:
            yield from _condition(inj.when, base + ("when",), need, actions, injects)
        for j, e in enumerate(inj.effects):
            yield from _effect(e, base + ("effects", j), need, None)
        for j, ex in enumerate(inj.expected_actions):
            yield from _action_ref(ex, base + ("expected_actions", j), need, actions)
            if inj.at and ex.by_turn < inj.at.turn:
                yield base + ("expected_actions", j, "by_turn"), \
                    Say(N_("by_turn {by_turn} is before the inject fires (turn "
                           "{turn})"), by_turn=ex.by_turn, turn=inj.at.turn)
            if ex.by_turn > s.metadata.turns:
                yield base + ("expected_actions", j, "by_turn"), \
                    Say(N_("by_turn {by_turn} is after the last turn "
                           "({last})"), by_turn=ex.by_turn, last=s.metadata.turns)
        if inj.objective and inj.objective not in objective_ids:
            yield base + ("objective",), Say(UNKNOWN_NAMES["objective"], value=repr(inj.objective),
                                             hint=suggestion(inj.objective, objective_ids),
                                             known="")
        if inj.critical_task and inj.critical_task not in task_ids:
            yield base + ("critical_task",), Say(
                UNKNOWN_NAMES["critical_task"], value=repr(inj.critical_task),
                hint=suggestion(inj.critical_task, task_ids), known="")
    for i, o in enumerate(s.objectives):
        for j, t in enumerate(o.critical_tasks):
            path = ("objectives", i, "critical_tasks", j)
            if t.team:
                yield from need("team", t.team, path + ("team",))
            for k, m in enumerate(t.measures):
                yield from _measure(s, t, m, path + ("measures", k), need)


def _herds(s: Scenario, need, locations: set[str]) -> Iterator[tuple[tuple, Say]]:
    """A herd's camp and corridor are places, each joined by a route to the one before;
    its departure falls within the exercise."""
    routes = ids_of(s, "route")
    for i, h in enumerate(s.actors.herds):
        path = ("actors", "herds", i)
        yield from need("location", h.camp, path + ("camp",))
        for j, place in enumerate(h.corridor):
            yield from need("location", place, path + ("corridor", j))
        stops = [h.camp, *h.corridor]
        for j, (a, b) in enumerate(pairwise(stops)):
            if {a, b} <= locations and f"{a}--{b}" not in routes:
                yield path + ("corridor", j), Say(N_("no route joins {route}: each place of a corridor is "
                                                     "joined by a route to the one before (the camp "
                                                     "first)"), route=f"{a}--{b}")
        if h.departs:
            yield from _when(s, h.departs, path + ("departs",))


def _when(s: Scenario, at, path: tuple) -> Iterator[tuple[tuple, Say]]:
    """A turn and hour that fall within the exercise, on a sub-step."""
    if at.turn > s.metadata.turns:
        yield path + ("turn",), Say(N_("turn {turn} is after the last turn "
                                       "({last})"), turn=at.turn, last=s.metadata.turns)
    if at.hour >= s.metadata.turn_hours:
        yield path + ("hour",), Say(N_("hour must be below turn_hours "
                                       "({hours})"), hours=s.metadata.turn_hours)
    elif at.hour % s.metadata.step_hours:
        yield path + ("hour",), Say(N_("hour must be a multiple of step_hours "
                                       "({hours})"), hours=s.metadata.step_hours)


def _travel(s: Scenario, locations: set[str]) -> Iterator[tuple[tuple, Say]]:
    """Travel modes agree: a route's times and boats with its modes, every unit and agency
    with some route it can use from its place, a ``boats`` effect with a boat route."""
    usable: dict[str, set[str]] = {}  # place → ways some route from it carries
    boat_routes = set()
    for i, r in enumerate(s.map.routes):
        modes = set(r.modes)
        for hours, mode in (("vehicle", "road"), ("boat", "boat")):
            if getattr(r.travel_hours, hours) is not None and mode not in modes:
                yield ("map", "routes", i, "travel_hours", hours), Say(
                    N_("travel_hours.{hours} is given but the route's modes ({modes}) do not include "
                       "{mode}"), hours=hours, mode=mode, modes=", ".join(r.modes))
        if r.boats is not None and "boat" not in modes:
            yield ("map", "routes", i, "boats"), Say(N_("boats are given but the route's modes ({modes}) do "
                                                        "not include boat"),
                                                     modes=", ".join(r.modes))
        if "boat" in modes:
            boat_routes.add(frozenset((r.from_, r.to)))
        ways = modes | ({"foot"} if "road" in modes else set())  # people walk along roads
        for end in (r.from_, r.to):
            usable.setdefault(end, set()).update(ways)
    for section in ("units", "agencies"):
        for i, actor in enumerate(getattr(s.actors, section)):
            modes = actor.travel_modes if section == "units" else tuple(actor.modes)
            here = usable.get(actor.location)
            if "air" in modes or not here or here & set(modes) or actor.location not in locations:
                continue
            yield ("actors", section, i, "modes"), Say(
                N_("{actor} travels by {modes} but no route from {place} carries {modes}: it could go "
                   "nowhere (give it modes that a route from there has, or a route it can "
                   "use)"), actor=repr(actor.id), place=repr(actor.location),
                modes=" / ".join(modes))
    effects = [(("msel", i, "effects", j), e) for i, inj in enumerate(s.msel)
               for j, e in enumerate(inj.effects)]
    effects += [(("actions", i, "effects", j), e) for i, a in enumerate(s.actions)
                for j, e in enumerate(a.effects)]
    for path, e in effects:
        if e.kind == "boats" and not str(e.args.from_).startswith("$") \
                and not str(e.args.to).startswith("$") \
                and frozenset((e.args.from_, e.args.to)) not in boat_routes:
            yield path + ("boats",), Say(N_("no boat route joins {route}: boats change only on a route whose "
                                            "modes include boat"),
                                         route=f"{e.args.from_}--{e.args.to}")


def _measure(s: Scenario, task, m, path, need) -> Iterator[tuple[tuple, Say]]:
    """A measure's scope names known teams, places and turns, and can be met: its teams can
    influence it, and a team's task is not judged on totals of the whole map."""
    spec = SPECS[m.metric]
    scope = m.scope
    for k, team in enumerate(scope.teams or []):
        if team != "all":
            yield from need("team", team, path + ("scope", "teams", k))
    for k, place in enumerate(scope.places or []):
        yield from need("location", place, path + ("scope", "places", k))
    if scope.turns and scope.turns[1] > s.metadata.turns:
        yield path + ("scope", "turns"), Say(N_("turn {turn} is after the last turn "
                                                "({last})"), turn=scope.turns[1],
                                             last=s.metadata.turns)
    if task.team and (spec.whole_map_only or (spec.place_total and not scope.places)):
        yield path + ("metric",), Say(
            N_("{metric} over the whole map rates only a whole-mission task (one without a "
               "team): use a measure of what team {team} does") if spec.whole_map_only
            else N_("{metric} over the whole map rates only a whole-mission task (one without "
                    "a team): give scope.places, the places team {team} is to protect or serve"),
            metric=m.metric, team=repr(task.team))
    teams = scope.teams if scope.teams and "all" not in scope.teams else \
        ([task.team] if task.team and not scope.teams else [x.id for x in s.teams])
    known_teams = [x for x in teams if x in {t.id for t in s.teams}]
    if spec.influence and known_teams:
        able = {e.kind for x in known_teams for a in s.actions_of(x).values() for e in a.effects}
        if not able & set(spec.influence):
            yield path + ("metric",), Say.ntr(
                "{metric} judges decisions that team {teams} cannot take: none of its actions "
                "composes {effects}",
                "{metric} judges decisions that teams {teams} cannot take: none of their "
                "actions composes {effects}",
                len(known_teams), metric=m.metric, teams=", ".join(known_teams),
                effects=OneOf(spec.influence, quote=False))
    if m.metric == "expected_actions_met":
        task_id = m.params.get("task", task.id)
        linked = [ex for inj in s.msel if task_id == "all" or inj.critical_task == task_id
                  for ex in inj.expected_actions if ex.team in known_teams]
        if not linked:
            yield path + ("metric",), Say.ntr(
                "no inject links an expected action of team {teams} to critical task {task}: "
                "this measure would never apply",
                "no inject links an expected action of teams {teams} to critical task {task}: "
                "this measure would never apply",
                len(known_teams), teams=", ".join(known_teams), task=repr(task_id))
    if m.metric == "response_hours":
        inj = next((x for x in s.msel if x.id == m.params.get("inject")), None)
        if inj is None:
            yield path + ("params", "inject"), Say(N_("unknown inject "
                                                      "{value}{hint}{known}"), hint="", known="",
                                                   value=repr(m.params.get("inject")))
        elif not any(e.kind == "threat" for e in inj.effects):
            yield path + ("params", "inject"), Say(N_("inject {value} threatens no "
                                                      "place"), value=repr(inj.id))


def _unique(s: Scenario) -> Iterator[tuple[tuple, Say]]:
    seen: dict[str, tuple] = {}
    groups = [(("map", "locations"), s.map.locations), (("map", "checkpoints"), s.map.checkpoints),
              (("teams",), s.teams),
              (("actions",), s.actions), (("msel",), s.msel), (("objectives",), s.objectives)]
    groups += [(("actors", k), getattr(s.actors, k)) for k in
               ("armed_groups", "host_forces", "authorities", "agencies", "community", "units",
                "herds")]
    for section, items in groups:
        for i, item in enumerate(items):
            path = section + (i, "id")
            # Actions and teams may share ids with other kinds (an action 'patrol', a team
            # 'force'); within their own list they must be unique.
            scope = section[0] if section[0] in ("teams", "actions", "msel", "objectives") \
                else "entity"
            key = f"{scope}:{item.id}"
            if key in seen:
                yield path, Say(N_("duplicate id {value} (first at "
                                   "{first})"), value=repr(item.id), first=dotted(seen[key]))
            else:
                seen[key] = path


def _action_ref(ref, path, need, actions) -> Iterator[tuple[tuple, Say]]:
    yield from need("team", ref.team, path + ("team",))
    action = repr(ref.action)
    if ref.action not in actions:
        yield path + ("action",), Say(UNKNOWN_NAMES["action"], value=action, known="",
                                      hint=suggestion(ref.action, actions))
    elif ref.team not in actions[ref.action].teams:
        yield path + ("action",), Say(N_("action {action} is not in team {team}'s "
                                         "catalogue"), action=action, team=repr(ref.team))
    yield from need("location", ref.location, path + ("location",))
    if ref.location and ref.action in actions and \
            not any(p.type == "location" for p in actions[ref.action].params.values()):
        yield path + ("location",), Say(N_("action {action} has no location parameter, so it can never be "
                                           "taken at a place"), action=action)
    for name, value in getattr(ref, "params", {}).items():
        if ref.action not in actions:
            break
        params = actions[ref.action].params
        if name not in params:
            yield path + ("params", name), Say(N_("action {action} has no parameter {value}{hint} (has: "
                                                  "{has})"), action=action, value=repr(name),
                                               hint=suggestion(name, params),
                                               has=listed(params))
            continue
        allowed = params[name].values
        values = value if isinstance(value, list) else [value]
        wrong = [v for v in values if allowed and v not in allowed]
        if wrong:
            yield path + ("params", name), Say(N_("{value} is not a value of parameter {param} (values: "
                                                  "{values})"), value=repr(wrong[0]),
                                               param=repr(name),
                                               values=", ".join(map(str, allowed)))


def _condition(c: Condition, path, need, actions, injects) -> Iterator[tuple[tuple, Say]]:
    for key in ("all", "any"):
        for i, sub in enumerate(getattr(c, key) or []):
            yield from _condition(sub, path + (key, i), need, actions, injects)
    if c.not_:
        yield from _condition(c.not_, path + ("not",), need, actions, injects)
    yield from need("location", c.location, path + ("location",))
    if c.action_taken:
        yield from _action_ref(c.action_taken, path + ("action_taken",), need, actions)
    if c.inject_fired and c.inject_fired not in injects:
        yield path + ("inject_fired",), Say(N_("unknown inject "
                                               "{value}{hint}{known}"), value=repr(c.inject_fired),
                                            hint=suggestion(c.inject_fired, injects), known="")


def _effect(e: Effect, path, need, params) -> Iterator[tuple[tuple, Say]]:
    kind, args = e.kind, e.args
    path = path + (kind,)
    for field in type(args).model_fields:
        value = getattr(args, field)
        fpath = path + (_FIELD_ALIASES.get(field, field),)
        values = value if isinstance(value, list) else [value]
        entity = "team" if (field == "to" and kind in _TEAM_TO) else _ENTITY_ARGS.get(field)
        for k, v in enumerate(values):
            vpath = fpath + ((k,) if isinstance(value, list) else ())
            if isinstance(v, str) and v.startswith("$"):
                if params is None:
                    yield vpath, Say(N_("{ref}: parameters can only be used in actions"), ref=v)
                elif v[1:] not in params:
                    yield vpath, Say(N_("{ref}: the action has no parameter {value}{hint} (has: "
                                        "{has})"), ref=v, value=repr(v[1:]),
                                     hint=suggestion(v[1:], params), has=listed(params))
                elif entity and params[v[1:]].type != entity:
                    yield vpath, Say(N_("{ref}: parameter of type {type} where {entity} is "
                                        "expected"), ref=v, type=repr(params[v[1:]].type),
                                     entity=Say(_ENTITIES[entity]))
                elif not entity and (msg := _param_mismatch(type(args).model_fields[field],
                                                            params[v[1:]], v)):
                    yield vpath, msg
                elif not params[v[1:]].is_required and params[v[1:]].default is None and \
                        type(args).model_fields[field].is_required():
                    yield vpath, Say(N_("{ref}: optional parameter without a default where a value is "
                                        "required"), ref=v)
            elif entity and isinstance(v, str):
                yield from need(entity, v, vpath)
    if params is None and kind in TEAM_ONLY:
        yield path, Say(N_("{effect} needs an acting team: use it in an action, not an inject"), effect=kind)
    assert kind in EFFECTS


def _leaves(annotation) -> list:
    """The plain types and literal values an annotation accepts, flattened."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return list(args)
    if not args:
        return [annotation]
    return [leaf for a in args for leaf in _leaves(a)]


def _param_mismatch(info, param, ref: str) -> Say | None:
    """Why parameter ``ref`` cannot fill a non-entity effect argument (None if it can)."""
    leaves = _leaves(info.annotation)
    literals = {x for x in leaves if isinstance(x, str)}
    if bool in leaves:
        ok = param.type == "bool"
        expected = Say(N_("true or false"))
    elif float in leaves:
        ok = param.type in ("int", "number")
        expected = Say(N_("a number"))
    elif literals:
        values = set(map(str, param.values or []))
        default = param.default if isinstance(param.default, list) else \
            ([] if param.default is None else [param.default])
        ok = (param.type == "need" and set(NEEDS) <= literals) or \
            (param.type == "choice" and values <= literals and set(map(str, default)) <= literals)
        expected = Say(N_("one of {values}"), values=", ".join(sorted(literals)))
    else:
        ok = param.type in ("text", "choice")
        expected = Say(N_("text"))
    if ok:
        return None
    if param.values:
        return Say(N_("{ref}: parameter of type {type} (values {values}) where {expected} is "
                      "expected"), ref=ref, type=repr(param.type), values=param.values,
                   expected=expected)
    return Say(N_("{ref}: parameter of type {type} where {expected} is "
                  "expected"), ref=ref, type=repr(param.type), expected=expected)


class _Refusal:
    """A refused default value, said in either language (``simulator.language.rejections``)."""

    def __init__(self, refused: Rejected):
        self.refused = refused

    def text(self, lang: str = "en") -> str:
        args = self.refused.values
        if lang == "en" or not isinstance(args, dict):
            return self.refused.detail
        return explain(self.refused.why, args, lang)
