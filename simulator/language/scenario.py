"""The scenario language: pydantic models for one validated YAML file.

A ``Scenario`` is immutable once loaded. Cross-references (a route to an unknown
location, an action of an unknown team ...) are checked by ``simulator.language.validation``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulator import i18n
from simulator.language.measure_specs import SPECS
from simulator.language.parameters import Parameters
from simulator.language.suggest import did_you_mean

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]*$", max_length=64,
                          description="lower-case identifier: letters, digits, _ or -")]
Ref = Annotated[str, Field(pattern=r"^\$[a-z][a-z0-9_\-]*$",
                           description="$parameter of the action")]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]

GROUPS = ("women", "men", "girls", "boys", "older")
MAX_PEOPLE = 50_000_000  # per group and place: beyond any Sahelian city
NEEDS = ("water", "food", "shelter", "health")
LOCATION_TYPES = ("village", "town", "city", "idp_site", "camp", "base", "police_post",
                  "health_centre", "market", "bridge", "border_crossing", "water_point",
                  "transit_centre", "pastoral_camp")
CATEGORIES = ("civilian_protection", "disaster_response", "civil_military_coordination",
              "conflict_prevention")
ROLES = ("force", "police", "civilian", "humanitarian", "custom")
MODES = ("foot", "road", "boat")  # how a route is travelled
UNIT_MODES = MODES + ("air",)  # how a unit travels: air flies straight, over any route


class Strict(BaseModel):
    # Infinite or NaN numbers have no meaning in a scenario and would break the JSON outputs.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)


class Lang(Strict):
    """Text per language: English (en) and French (fr) required, the school's working
    languages; any other language ttx has a catalogue of may be added by its code (pt:
    Portuguese; `ttx languages` lists them)."""

    # Other languages are extra fields, each a text; the before-validator refuses a code
    # no catalogue has.
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Annotated[str, Field(min_length=1)]]

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _known_languages(cls, data: Any) -> Any:
        # i18n.LANGUAGES read now, not at import: a catalogue added later counts
        if isinstance(data, dict):
            unknown = [code for code in data if code not in i18n.LANGUAGES]
            if unknown:  # each is a problem of its own (validation._errors)
                raise PydanticCustomError(UNKNOWN_LANGUAGE, "unknown languages {codes}",
                                          {"codes": unknown, "known": i18n.LANGUAGES})
        return data

    def languages(self) -> tuple[str, ...]:
        """The languages this text is written in."""
        return ("en", "fr", *(self.__pydantic_extra__ or {}))

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or None when it is not written in it."""
        if lang in ("en", "fr"):
            return getattr(self, lang)
        return (self.__pydantic_extra__ or {}).get(lang)


UNKNOWN_LANGUAGE = "unknown_language"  # the error type of a language no catalogue has
Text = str | Lang
# A text not written in the reader's language is shown in English, with this before it:
# plain characters, read alike in a terminal, a web page, a PDF and a spreadsheet.
FALLBACK_MARK = "[EN] "


def text(value: Text | None, lang: str = "en") -> str:
    """The text of ``value`` in ``lang``; one not written in ``lang`` is the English text
    marked as such (``FALLBACK_MARK``). An exercise runs in a language its scenario does
    not wholly cover only by the instructor's choice (``simulator.language.coverage``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    found = value.get(lang)
    return found if found is not None else FALLBACK_MARK + value.en


def plain(value: Text | None, lang: str = "en") -> str:
    """The text of ``value`` in ``lang``, else the English one unmarked: for matching
    words a reader typed, never for showing."""
    if value is None:
        return ""
    return value if isinstance(value, str) else value.get(lang) or value.en


# --- metadata and map -------------------------------------------------------------------

class Metadata(Strict):
    id: Id
    title: Text
    summary: Text
    category: Literal[CATEGORIES]
    turn_hours: int = Field(ge=1, le=168, description="scenario hours in one turn")
    turns: int = Field(ge=1, le=1000, description="classroom exercises have a few; imported "
                       "displacement cases one per day")
    step_hours: int = Field(1, ge=1, le=24, description="sub-step length; divides turn_hours")
    start: str | None = Field(None, description="scenario start, informative (e.g. 2027-08-01T06:00)")
    learning_objectives: list[Text] = []

    @model_validator(mode="after")
    def _steps_divide_turn(self):
        if self.turn_hours % self.step_hours:
            raise ValueError(f"step_hours ({self.step_hours}) must divide turn_hours "
                             f"({self.turn_hours})")
        return self


class LocationAttributes(Strict):
    capacity: int | None = Field(None, ge=0, description="people a site can hold (none: no limit)")
    attractiveness: float | None = Field(None, ge=0, description="overrides the type default")
    water: Fraction = Field(1.0, description="share of water needs met locally (residents)")
    food: Fraction = Field(1.0, description="share of food needs met locally (residents)")
    shelter: Fraction = Field(1.0, description="share of shelter needs met locally (residents)")
    health: Fraction = Field(1.0, description="share of health needs met locally (residents)")
    sanitation: Fraction = Field(0.5, description="sanitation coverage; drives epidemics")
    flood_prone: bool = False
    trust: Fraction = Field(0.5, description="initial trust in the mission")
    tension: Fraction = Field(0.2, description="initial tension between communities")
    risk: Fraction = Field(0.0, description="initial risk perceived by civilians")


class Location(Strict):
    id: Id
    name: Text
    type: Literal[LOCATION_TYPES]
    coords: list[float] = Field(min_length=2, max_length=2, description="[latitude, longitude]")
    attributes: LocationAttributes = LocationAttributes()


class TravelHours(Strict):
    foot: float | None = Field(None, gt=0)
    vehicle: float | None = Field(None, gt=0)
    boat: float | None = Field(None, gt=0)


class Route(Strict):
    from_: Id = Field(alias="from")
    to: Id
    distance_km: float = Field(gt=0)
    # Defaults made by a factory: pydantic deep-copies a list default for every route, a
    # third of the time a 100,000-place district takes to validate.
    modes: list[Literal[MODES]] = Field(
        default_factory=lambda: ["foot", "road"], json_schema_extra={"default": ["foot", "road"]},
        min_length=1, description="how the route is travelled: foot (a "
        "track), road (vehicles; people on foot too), boat (water: boats and pirogues)")
    boats: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="boat routes: people a "
                              "day the local boats and pirogues carry (none: no limit; 0: "
                              "no boat, nobody crosses but units with their own boats)")
    travel_hours: TravelHours = TravelHours()
    condition: Literal["good", "poor", "closed"] = "good"
    river_crossing: bool = False
    flood_prone: bool = False

    @property
    def key(self) -> str:
        return f"{self.from_}--{self.to}"


class Checkpoint(Strict):
    """A checkpoint an armed group or a host force holds on a route: it levies convoys and
    travellers, delays them, turns some back and (an armed group) abducts some."""
    id: Id
    name: Text
    from_: Id = Field(alias="from")
    to: Id
    held_by: Id = Field(description="an armed group or a host force")
    active: bool = Field(True, description="held from the start (false: until a checkpoint "
                         "effect sets it up)")
    levy: Fraction = Field(0.1, description="share of a convoy's cargo taken")
    delay_hours: float = Field(2.0, ge=0, le=72, description="hours each passage loses")
    turn_back: Fraction = Field(0.0, description="chance a convoy is turned back, and share "
                                "of travellers turned back")
    abduct: Fraction = Field(0.0, description="share of travellers abducted (weighted by "
                             "violence.abduction_exposure); armed groups only")

    @property
    def route(self) -> str:
        return f"{self.from_}--{self.to}"


class Map(Strict):
    locations: list[Location] = Field(min_length=1)
    routes: list[Route] = []
    checkpoints: list[Checkpoint] = []


class Population(Strict):
    location: Id
    women: int = Field(0, ge=0, le=MAX_PEOPLE)
    men: int = Field(0, ge=0, le=MAX_PEOPLE)
    girls: int = Field(0, ge=0, le=MAX_PEOPLE)
    boys: int = Field(0, ge=0, le=MAX_PEOPLE)
    older: int = Field(0, ge=0, le=MAX_PEOPLE)
    vulnerabilities: dict[Literal["disabled", "pregnant_lactating", "separated_children",
                                  "chronically_ill"], Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, json_schema_extra={"default": {}})


class Arrivals(Strict):
    """People entering the map day by day (a displacement case's new refugees): each day's
    number is shared among the listed places that are in active conflict that day, in
    proportion to their weight; a day with no such place passes its people to the next."""
    people: list[Annotated[int, Field(ge=0, le=MAX_PEOPLE)]] = Field(
        min_length=1, description="people entering on day 0, 1, 2, ...")
    places: dict[Id, Annotated[float, Field(gt=0)]] = Field(
        min_length=1, description="place → weight (e.g. its population)")
    groups: dict[Literal[GROUPS], Annotated[float, Field(ge=0)]] = Field(
        {"women": 0.27, "men": 0.22, "girls": 0.22, "boys": 0.22, "older": 0.07},
        description="share of each sex and age group (default: a typical refugee population)")


# --- actors ---------------------------------------------------------------------------

class ArmedGroup(Strict):
    id: Id
    name: Text
    kind: Literal["jihadist", "separatist", "bandits", "militia"]
    base: Id
    strength: int = Field(gt=0, description="fighters")
    grievance: Fraction = 0.5
    capability: Fraction = 0.5
    tactics: list[Literal["raid", "ambush", "ied", "attack_site", "attack_convoy",
                          "abduction"]] = ["raid"]
    reach_km: float = Field(60, gt=0, description="how far from base it raids")
    recruitment: Fraction = Field(0.0, description="daily share of the boys and men within its "
                                  "reach it recruits at tension 1 (0: none)")


class HostForce(Strict):
    id: Id
    name: Text
    kind: Literal["army", "gendarmerie", "police", "militia"]
    location: Id
    strength: int = Field(gt=0)
    abuse_risk: Fraction = Field(0.3, description="risk of grave violations if supported blindly")


class Authority(Strict):
    id: Id
    name: Text
    role: Text = Field(description="what it does: a word (governor, mayor) or a sentence, "
                       "in each language")
    location: Id


class Agency(Strict):
    id: Id
    name: Text
    location: Id = Field(description="warehouse")
    sectors: list[Literal[NEEDS]] = Field(min_length=1)
    modes: list[Literal["road", "boat"]] = Field(["road"], min_length=1,
                                                 description="how its deliveries travel")
    stocks: dict[Literal[NEEDS], Annotated[float, Field(ge=0)]] = Field(
        {}, description="person-days of supply per need")
    trucks: int = Field(4, ge=0, description="deliveries per turn")
    child_protection: bool = Field(False, description="a child-protection actor: takes children "
                                   "released by armed groups into interim care and traces "
                                   "their families")


class CommunityStructure(Strict):
    id: Id
    name: Text
    kind: Literal["leaders", "women_association", "youth_association", "alert_network",
                  "local_radio", "peace_committee", "religious_leaders", "women_mediators"]
    location: Id


class Unit(Strict):
    id: Id
    name: Text
    kind: Literal["infantry", "engineer", "helicopter", "fpu", "ipo", "medical", "transport",
                  "civil_affairs", "human_rights", "liaison"]
    location: Id
    strength: int = Field(gt=0, description="personnel")
    women: int = Field(0, ge=0, description="women personnel (mixed engagement teams)")
    capacity: int = Field(0, ge=0, description="people it can carry per trip")
    speed_kmh: float = Field(30, gt=0, description="on roads (and in the air)")
    modes: list[Literal[UNIT_MODES]] | None = Field(
        None, min_length=1, description="how it travels; default: air for helicopters, road "
        "for the others")
    military: bool | None = Field(None, description="defaults from kind: police and civilian "
                                  "units are not military")
    shared_by: list[Id] = Field([], description="a sector asset no team owns: the teams that "
                                "may task it on request, highest priority first")

    @property
    def travel_modes(self) -> tuple[str, ...]:
        """How the unit travels: its ``modes``, or air for a helicopter and road otherwise."""
        if self.modes:
            return tuple(dict.fromkeys(self.modes))
        return ("air",) if self.kind == "helicopter" else ("road",)


class Herd(Strict):
    """Herders' cattle on their seasonal move (transhumance) from a pastoral camp along a
    corridor of places; in farming villages they may trample fields and raise tension."""
    id: Id
    name: Text
    camp: Id = Field(description="the pastoral camp it leaves from")
    cattle: int = Field(gt=0, le=1_000_000, description="head of cattle")
    corridor: list[Id] = Field(min_length=1, description="the places it passes, in order, "
                               "each joined by a route to the one before (the camp first)")
    departs: InjectTime | None = Field(None, description="when it sets off (none: when a "
                                       "transhumance effect starts it)")
    km_per_day: float = Field(15.0, gt=0, le=100)


class Actors(Strict):
    armed_groups: list[ArmedGroup] = []
    host_forces: list[HostForce] = []
    authorities: list[Authority] = []
    agencies: list[Agency] = []
    community: list[CommunityStructure] = []
    units: list[Unit] = []
    herds: list[Herd] = []


class Team(Strict):
    id: Id
    name: Text
    role: Literal[ROLES]
    assets: list[Id] = Field([], description="units and agencies this team commands")
    budget: float = Field(0, ge=0, description="budget units per turn")
    sources: list[Literal["own_units", "alert_network", "assessments", "messages", "media",
                          "shared"]] = ["own_units", "messages", "shared"]


# --- conditions -----------------------------------------------------------------------

METRICS = ("population", "displaced", "people_at_risk", "deaths", "injuries", "incidents",
           "unmet_need", "flood_level", "infected", "tension", "trust", "risk", "presence",
           "occupancy", "humanitarian_access", "abuse_incidents", "grievance")


class ActionTaken(Strict):
    team: Id
    action: Id
    location: Id | None = None
    by_turn: int | None = Field(None, ge=1)


class Condition(Strict):
    """Exactly one of the forms below."""

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(None, alias="not")
    metric: Literal[METRICS] | None = None
    location: Id | None = Field(None, description="with metric: where (default: everywhere)")
    above: float | None = None
    below: float | None = None
    action_taken: ActionTaken | None = None
    inject_fired: Id | None = None
    turn_at_least: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _one_form(self):
        forms = [k for k in ("all", "any", "not_", "metric", "action_taken", "inject_fired",
                             "turn_at_least") if getattr(self, k) is not None]
        if len(forms) != 1:
            raise ValueError("a condition needs exactly one of all, any, not, metric, "
                             f"action_taken, inject_fired, turn_at_least (got {len(forms)})")
        if self.metric is not None and self.above is None and self.below is None:
            raise ValueError("a metric condition needs 'above' or 'below'")
        if self.metric is None and (self.location or self.above is not None
                                    or self.below is not None):
            raise ValueError("'location', 'above' and 'below' belong to a metric condition")
        return self


# --- effects: the engine's primitives -------------------------------------------------

Loc = Id | Ref
# A number or a $parameter. Written back as it is held: a default given as a whole number
# (24) stays one, without pydantic warning that it is not the float the union expects.
Num = Annotated[float | Ref, PlainSerializer(lambda value: value)]
Flag = bool | Ref
Name = Id | Ref


class E(Strict):
    pass


class _PlaceOrRoute(E):
    @model_validator(mode="after")
    def _one_target(self):
        if (self.location is None) == (self.route is None):
            raise ValueError("give either a location or a route")
        return self


class Presence(_PlaceOrRoute):
    """Units stand at a place: patrol (covers neighbours too) or guard (the place only);
    or they patrol or guard a route (its checkpoints and ambushes)."""
    unit: Name
    location: Loc | None = None
    route: Name | None = Field(None, description="a route, written from--to")
    mode: Literal["patrol", "guard"] | Ref = "patrol"
    hours: Num | None = Field(None, description="default: until the end of the turn")


class Engage(E):
    """Community engagement; who was consulted matters (women, youth, leaders)."""
    location: Loc
    consult: list[Literal["leaders", "women", "youth"]] | Ref = ["leaders"]
    unit: Name | None = None


class Mediate(E):
    """Dialogue lowers an armed group's grievance and local tension; more when it includes
    women and youth, less just after a clash."""
    location: Loc
    armed_group: Name | None = None
    amount: Num = 0.15
    inclusive: Flag = Field(False, description="women and youth take part (also where women "
                            "mediators sit)")


class LocalAgreement(E):
    """Support to a local agreement (grazing, water, a transhumance corridor) reached after
    mediation: while it holds, tension falls and clashes are rarer."""
    location: Loc
    days: Num = 7


class CounterRumour(E):
    """Counter a rumour with facts (local radio, leaders, phones): tension and fear fall
    at the place, and within one step where a local radio carries it."""
    location: Loc


class Warn(E):
    """A public warning: raises risk perception so people move early."""
    location: Loc
    amount: Num = 0.5
    radius_hops: Num = 1


class Assess(E):
    """A needs assessment: reveals the needs at a place to the acting team (by sex and age
    group only when the assessment is disaggregated)."""
    location: Loc
    disaggregated: Flag = True


class Supply(E):
    """Deliver person-days of one need to a place, from an agency or a military unit."""
    location: Loc
    need: Literal[NEEDS] | Ref
    amount: Num
    agency: Name | None = None
    unit: Name | None = None
    conditional: Flag = False  # aid made conditional on cooperation: aid used as leverage


class Evacuate(E):
    """Move people from one place to another with a unit's transport."""
    from_: Loc = Field(alias="from")
    to: Loc
    unit: Name
    people: Num | None = Field(None, description="default: as many as the unit can carry")


class OpenSite(E):
    """Open or expand a site for displaced people."""
    location: Loc
    capacity: Num
    shelter: Num = 0.5


class RouteRef(E):
    """Close, reopen or repair a route between two places."""
    from_: Loc = Field(alias="from")
    to: Loc
    unit: Name | None = Field(None, description="for repair: an engineer unit")


class Boats(E):
    """The boats and pirogues on a boat route now carry this many people a day (0: none
    run, the crossing is cut for civilians; units with their own boats still cross)."""
    from_: Loc = Field(alias="from")
    to: Loc
    people: Num = Field(description="people a day")


class ChildrenReleased(E):
    """An armed group releases children associated with it at a place (a negotiated
    release, escapes, a defection): they wait there for a child-protection actor."""
    armed_group: Name
    location: Loc
    girls: Num = 0
    boys: Num = 0


class HandOverChildren(E):
    """Children released at a place are handed over: to a child-protection agency (interim
    care, family tracing, reunification), or to a host force (the mistake doctrine warns
    of: detention, interrogation, re-recruitment)."""
    location: Loc
    agency: Name | None = None
    host_force: Name | None = None

    @model_validator(mode="after")
    def _one_receiver(self):
        # In an action both may be parameters, the order giving one: the trainee's choice.
        fixed = [v for v in (self.agency, self.host_force) if v is not None
                 and not str(v).startswith("$")]
        given = [v for v in (self.agency, self.host_force) if v is not None]
        if not given or len(fixed) == 2 or (fixed and len(given) == 2):
            raise ValueError("give either an agency or a host_force")
        return self


class Transhumance(E):
    """A herd sets off on its corridor now (the rains failed early, a herders' leader
    decides)."""
    herd: Name


class Conflict(E):
    """Fighting starts (or stops) at a place: while it lasts, people there feel the risk of
    ``risk.conflict`` and flee; nobody chooses it as a destination."""
    location: Loc
    active: Flag = True


class Admission(E):
    """A site (camp, IDP site) stops admitting people, or admits them again."""
    location: Loc
    open: Flag = False


class Redirect(E):
    """Authorities send everyone at a place on to another (a transit centre forwarding to a
    camp), until ``active: false`` ends it."""
    from_: Loc = Field(alias="from")
    to: Loc
    active: Flag = True


class Escort(_PlaceOrRoute):
    """A unit escorts movements to a place, or along a route: convoys are not ambushed and
    pass checkpoints without levy."""
    unit: Name
    location: Loc | None = None
    route: Name | None = Field(None, description="a route, written from--to")


class CheckpointState(E):
    """A checkpoint is set up (or lifted)."""
    checkpoint: Name
    active: Flag = True


class NegotiateAccess(E):
    """Humanitarian access negotiated with whoever holds a checkpoint: convoys pass it
    without levy, delay or turning back for some hours."""
    checkpoint: Name
    hours: Num = 24


class Medevac(E):
    """Evacuate casualties from a place: the injured there get care."""
    unit: Name
    location: Loc


class RequestAsset(E):
    """Civil-military request for a military asset, with or without last-resort grounds."""
    unit: Name
    location: Loc
    last_resort: Flag = False
    justification: str | Ref | None = None


class SupportHostForces(E):
    """Support to a non-UN security force (fuel, transport, joint operation)."""
    host_force: Name
    kind: Literal["fuel", "transport", "joint_operation", "rations"] | Ref = "fuel"


class HrddpAssessment(E):
    """Human rights due diligence risk assessment of a host force; mitigation lowers risk."""
    host_force: Name
    mitigation: Flag = True


class Detain(E):
    """Detain suspects of an armed group at a place."""
    unit: Name
    location: Loc
    armed_group: Name


class Handover(E):
    """Hand detainees over to a host force."""
    host_force: Name


class ReferralPathway(E):
    """A survivor-centred SGBV referral pathway at a place."""
    location: Loc


class Investigate(E):
    """Investigate violations at a place: deters abuse, builds trust."""
    location: Loc


class ShareInformation(E):
    """Pass what the acting team knows to another team."""
    to: Name


class EarlyWarning(E):
    """Set up a community alert network that reports threats to the acting team."""
    location: Loc


class Threat(_PlaceOrRoute):
    """An armed group plans an attack on a place, or an ambush on a route, after a delay."""
    armed_group: Name
    location: Loc | None = None
    route: Name | None = Field(None, description="a route, written from--to: an ambush, an "
                               "IED or an attack on convoys along it")
    tactic: Literal["raid", "attack_site", "ambush", "ied", "attack_convoy", "abduction"] = "raid"
    in_hours: Num = 24
    false_alarm: Flag = Field(False, description="true: the warning proves false (a rumour, "
                              "a feint): the teams told learn of it as of any threat, but no "
                              "attack is planned")


class Hazard(E):
    """A hazard: flood level at places, or an outbreak seeded at a place."""
    kind: Literal["flood", "outbreak"]
    locations: list[Loc] = Field(min_length=1)
    level: Num = Field(1.0, description="flood: metres above the bank; outbreak: people infected")
    in_hours: Num = Field(0, description="flood: hours before the water starts rising "
                          "(a forecast's lead time)")
    rise_hours: Num = 12
    duration_hours: Num = 48


class Gathering(E):
    """People from nearby converge on a place for some hours (a market day, a rally, a
    funeral, a distribution), then go back where they came from."""
    location: Loc
    kind: Literal["market", "rally", "funeral", "distribution", "religious"] | Ref = "market"
    people: Num = Field(description="people who come from the places around")
    hours: Num = 6
    in_hours: Num = 0
    radius_hops: Num = Field(1, description="how far people come from, in route hops")
    tension: Num = Field(0.0, description="tension the gathering adds at the place (a rally)")


class Rumour(E):
    """A rumour raises perceived risk at a place (and possibly tension); by radio and
    phones it reaches the places within ``spread_hops`` at half strength."""
    location: Loc
    amount: Num = 0.4
    tension: Num = 0.0
    spread_hops: Num = 0


class Tension(E):
    """Change tension between communities at a place."""
    location: Loc
    amount: Num


class Message(E):
    """Extra information delivered to a team (beyond the inject's own message)."""
    to: Name
    topic: str = "information"
    location: Loc | None = None


EFFECTS: dict[str, type[E]] = {
    "presence": Presence, "engage": Engage, "mediate": Mediate, "warn": Warn, "assess": Assess,
    "supply": Supply, "evacuate": Evacuate, "open_site": OpenSite, "close_route": RouteRef,
    "open_route": RouteRef, "repair_route": RouteRef, "boats": Boats, "conflict": Conflict,
    "admission": Admission, "redirect": Redirect, "escort": Escort, "medevac": Medevac,
    "checkpoint": CheckpointState, "negotiate_access": NegotiateAccess,
    "children_released": ChildrenReleased, "hand_over_children": HandOverChildren,
    "local_agreement": LocalAgreement, "counter_rumour": CounterRumour,
    "transhumance": Transhumance,
    "request_asset": RequestAsset, "support_host_forces": SupportHostForces,
    "hrddp_assessment": HrddpAssessment, "detain": Detain, "handover": Handover,
    "referral_pathway": ReferralPathway, "investigate": Investigate,
    "share_information": ShareInformation, "early_warning": EarlyWarning, "threat": Threat,
    "hazard": Hazard, "gathering": Gathering, "rumour": Rumour, "tension": Tension, "message": Message,
}


class _EffectCall(Strict):
    """One primitive with its arguments, written ``- presence: {unit: $unit, ...}``.

    The fields (one optional field per primitive) are made from ``EFFECTS`` below.
    """

    @model_validator(mode="before")
    @classmethod
    def _one_primitive(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if len(data) != 1:
                raise ValueError(f"an effect is one primitive, one of: {', '.join(EFFECTS)}")
            (name,) = data
            if name not in EFFECTS:
                hint = did_you_mean(name, EFFECTS) or f"; expected one of: {', '.join(EFFECTS)}"
                raise ValueError(f"unknown effect {name!r}{hint}")
        return data

    @cached_property  # read in every order's adjudication: worth remembering
    def kind(self) -> str:
        return next(k for k in EFFECTS if getattr(self, k) is not None)

    @property
    def args(self) -> E:
        return getattr(self, self.kind)


Effect = create_model("Effect", __base__=_EffectCall,
                      **{kind: (args | None, None) for kind, args in EFFECTS.items()})


# --- decision catalogue ---------------------------------------------------------------

PARAM_TYPES = ("location", "unit", "agency", "team", "armed_group", "host_force", "route",
               "checkpoint", "choice",
               "int", "number", "bool", "text", "need")


ENTITY_LISTS = {"unit": "units", "agency": "agencies", "armed_group": "armed_groups",
                "host_force": "host_forces"}  # parameter type → list of actors


class Param(Strict):
    type: Literal[PARAM_TYPES]
    values: list[str | int | float] | None = Field(None, description="allowed values (choice)")
    min: float | None = None
    max: float | None = None
    default: str | int | float | bool | list | None = None
    required: bool | None = Field(None, description="default: required unless a default is given")
    own: bool = Field(True, description="unit/agency: must be one of the team's assets")
    label: Text | None = None

    @model_validator(mode="after")
    def _choice_has_values(self):
        if self.type == "choice" and not self.values:
            raise ValueError("a 'choice' parameter needs 'values'")
        return self

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else self.default is None


class Cost(Strict):
    budget: float = Field(0, ge=0)
    unit_hours: float = Field(0, ge=0, description="hours the 'unit' parameter is busy")


class Action(Strict):
    id: Id
    team: Id | list[Id] = Field(description="team id, or several")
    name: Text
    description: Text | None = None
    params: dict[Id, Param] = {}
    cost: Cost = Cost()
    requires: Condition | None = None
    effects: list[Effect] = Field(min_length=1)

    @property
    def teams(self) -> list[str]:
        return [self.team] if isinstance(self.team, str) else list(self.team)


# --- MSEL and objectives --------------------------------------------------------------

class InjectTime(Strict):
    turn: int = Field(ge=1)
    hour: int = Field(0, ge=0)


class ExpectedAction(Strict):
    team: Id
    action: Id
    location: Id | None = None
    params: dict[Id, str | int | float | bool | list[str]] = Field(
        {}, description="parameter values the order must carry, e.g. {consult: [women]} "
        "(a list: at least these values)")
    by_turn: int = Field(ge=1)


class Inject(Strict):
    id: Id
    at: InjectTime | None = None
    when: Condition | None = None
    from_: Text = Field(alias="from", description="the simulated source")
    to: list[Id] = Field(min_length=1, description="team ids, or [all]")
    method: Literal["radio", "phone", "written_report", "media", "meeting", "email",
                    "alert_network"] = "written_report"
    message: Text
    places: list[Id] = Field([], description="places the message names, beyond those its "
                             "effects act on (teams see them as a reader would pick them out)")
    actors: list[Id] = Field([], description="actors the message names: host forces, armed "
                             "groups, agencies, authorities, units (teams see them too)")
    effects: list[Effect] = []
    expected_actions: list[ExpectedAction] = []
    objective: Id | None = None
    critical_task: Id | None = None
    hold: bool = Field(False, description="held for the instructor to fire by hand")

    @model_validator(mode="after")
    def _time_or_trigger(self):
        if (self.at is None) == (self.when is None):
            raise ValueError("an inject needs exactly one of 'at' (a time) or 'when' (a trigger)")
        return self


class Scope(Strict):
    """Whose decisions a measure judges, where and when (``simulator.language.measure_specs``)."""

    teams: list[Id] | None = Field(None, min_length=1, description="the teams whose "
                                   "decisions it judges (default: the task's team; [all]: "
                                   "every team)")
    places: list[Id] | None = Field(None, min_length=1, description="the places it counts "
                                    "(default: the whole map)")
    turns: list[Annotated[int, Field(ge=1)]] | None = Field(
        None, min_length=2, max_length=2, description="first and last turn it counts "
        "(default: every turn)")

    @model_validator(mode="after")
    def _ordered_turns(self):
        if self.turns and self.turns[0] > self.turns[1]:
            raise ValueError(f"turns {self.turns}: the first turn comes after the last")
        return self


class Measure(Strict):
    id: Id
    metric: str = Field(description="a measure of simulator.language.measure_specs (an outcome of "
                        "the run, an effect of decisions, or a process count)")
    params: dict[str, str] = Field({}, description="parameters of the measure")
    scope: Scope = Scope()
    description: Text | None = None
    thresholds: dict[Literal["P", "S", "M"], float] = {}
    better: Literal["lower", "higher"] = "lower"

    @model_validator(mode="after")
    def _known_metric(self):
        spec = SPECS.get(self.metric)
        if spec is None:
            raise ValueError(f"unknown metric {self.metric!r}; expected one of: "
                             f"{', '.join(SPECS)}")
        if "team" in self.params:
            raise ValueError("a measure's team is its scope: write scope: {teams: [...]}, "
                             "not params: {team: ...}")
        extra = sorted(set(self.params) - set(spec.params))
        if extra:
            raise ValueError(f"metric {self.metric!r} takes no parameter {', '.join(extra)} "
                             f"(takes: {', '.join(spec.params) or 'none'})")
        for name, value in self.params.items():
            values = spec.params[name]
            if values and value not in values:
                raise ValueError(f"{self.metric} {name} must be one of {', '.join(values)}, "
                                 f"not {value!r}")
        given = [k for k in ("teams", "places", "turns") if getattr(self.scope, k) is not None]
        wrong = [k for k in given if k not in spec.scope]
        if wrong:
            raise ValueError(f"metric {self.metric!r} cannot be scoped by {', '.join(wrong)} "
                             f"(takes: {', '.join(sorted(spec.scope)) or 'no scope'})")
        if self.metric == "orders_effective" and self.params.get("of"):
            unknown = sorted(set(self.params["of"].split(",")) - set(EFFECTS))
            if unknown:
                raise ValueError(f"orders_effective of: unknown primitive {unknown[0]!r} "
                                 f"(one of: {', '.join(EFFECTS)}, separated by commas)")
        if self.metric == "casualties" and self.params.get("cause") and (
                self.params.get("group") or self.params.get("kind") == "injuries"):
            raise ValueError("casualties by cause count deaths of every group: leave out "
                             "'group' and kind 'injuries'")
        return self


class CriticalTask(Strict):
    id: Id
    title: Text
    team: Id | None = None
    measures: list[Measure] = []


class Objective(Strict):
    id: Id
    title: Text
    capability: Text
    critical_tasks: list[CriticalTask] = Field(min_length=1)


def _joined(a: Text | None, b: Text | None) -> Text:
    """A route's name, "A – B", in each language both its ends are written in."""
    ends = [x for x in (a, b) if isinstance(x, Lang)]
    codes = [c for c in dict.fromkeys(c for x in ends for c in x.languages())
             if all(x.get(c) for x in ends)]
    if not codes:
        return f"{text(a)} – {text(b)}"
    return Lang(**{c: f"{plain(a, c)} – {plain(b, c)}" for c in codes})


class Scenario(Strict):
    """One validated scenario file."""

    metadata: Metadata
    map: Map
    population: list[Population] = []
    arrivals: Arrivals | None = None
    actors: Actors = Actors()
    teams: list[Team] = Field(min_length=1)
    actions: list[Action] = []
    msel: list[Inject] = []
    objectives: list[Objective] = []
    parameters: Parameters = Parameters()

    _catalogues: dict = PrivateAttr(default_factory=dict)
    _ids: dict = PrivateAttr(default_factory=dict)

    def entities(self, kind: str) -> list[tuple[str, Text]]:
        """(id, name) of everything of ``kind`` an order's parameter may name: a route by
        ``from--to`` and its two ends' names."""
        if kind == "location":
            return [(x.id, x.name) for x in self.map.locations]
        if kind == "team":
            return [(x.id, x.name) for x in self.teams]
        if kind == "checkpoint":
            return [(x.id, x.name) for x in self.map.checkpoints]
        if kind == "route":
            name = {x.id: x.name for x in self.map.locations}
            return [(r.key, _joined(name.get(r.from_), name.get(r.to))) for r in self.map.routes]
        return [(x.id, x.name) for x in getattr(self.actors, ENTITY_LISTS[kind])]

    def entity_ids(self, kind: str) -> frozenset[str]:
        """The ids an order may give for a parameter of type ``kind`` (a route either way
        round), worked out once for each list of them."""
        source = (self.map.locations if kind == "location" else self.teams if kind == "team"
                  else self.map.checkpoints if kind == "checkpoint" else self.map.routes
                  if kind == "route" else getattr(self.actors, ENTITY_LISTS[kind]))
        cached = self._ids.get(kind)
        if cached is None or cached[0] is not source or cached[1] != len(source):
            ids = frozenset({r.key for r in source} | {f"{r.to}--{r.from_}" for r in source}
                            if kind == "route" else {x.id for x in source})
            cached = self._ids[kind] = (source, len(source), ids)
        return cached[2]

    def assets_of(self, team: str) -> list[str]:
        """The units and agencies ``team`` may task: its own, then the shared units it may
        request."""
        own = next((t.assets for t in self.teams if t.id == team), [])
        return list(own) + [u.id for u in self.actors.units if team in u.shared_by]

    def actions_of(self, team: str) -> dict[str, Action]:
        """The team's catalogue by action id (worked out once; do not change it)."""
        # Keyed by the action list too: a model_copy with other actions shares this cache.
        cached = self._catalogues.get(team)
        if cached is None or cached[0] is not self.actions:
            cached = self._catalogues[team] = (
                self.actions, {a.id: a for a in self.actions if team in a.teams})
        return cached[1]
