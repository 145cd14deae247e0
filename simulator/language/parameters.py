"""Every behaviour constant of the engine, with its documented default.

A scenario may override any of them under ``parameters:``; nothing else in the engine
holds a magic number that changes behaviour. Rates are per day unless the name says
otherwise; the engine converts them to its sub-step.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Movement(_Group):
    """Flee-style displacement (Suleimenova, Bell & Groen 2017)."""

    move_chance: dict[str, float] = Field(
        {"idp_site": 0.001, "camp": 0.001, "base": 0.005, "transit_centre": 1.0},
        description="daily chance to leave a place with no perceived risk, by location type "
        "(types not listed: 0)")
    onward_move_chance: float = Field(0.5, ge=0, le=1, description="daily chance that "
                                      "displaced people move on from a place where they do "
                                      "not settle: they are looking for a site")
    settle_types: tuple[str, ...] = Field(("idp_site", "camp", "base"), description="location "
                                          "types where displaced people settle")
    risk_move_chance: float = Field(0.9, ge=0, le=1,
                                    description="daily chance to flee at perceived risk 1")
    risk_threshold: float = Field(0.15, ge=0, le=1,
                                  description="perceived risk below which nobody flees for safety")
    attractiveness: dict[str, float] = Field(
        {"village": 1.0, "town": 1.5, "city": 2.0, "idp_site": 3.0, "camp": 3.0, "base": 2.5,
         "police_post": 1.5, "health_centre": 1.5, "market": 1.0, "bridge": 0.3,
         "border_crossing": 0.5, "water_point": 0.5, "transit_centre": 1.0,
         "pastoral_camp": 0.5},
        description="destination weight by location type (a location attribute overrides it)")
    distance_offset_km: float = Field(10.0, gt=0, description="weight ∝ attractiveness / "
                                      "(distance + offset): near places are preferred")
    safety_exponent: float = Field(2.0, ge=0, description="weight × (1 − risk)^exponent")
    awareness_hops: int = Field(2, ge=1, le=4,
                                description="how many route hops people know beyond their place")
    sites_known: bool = Field(True, description="people also know every site (the settle "
                              "types) they can reach, however far: word of camps spreads "
                              "through UNHCR, radio and relatives")
    walk_km_per_day: float = Field(25.0, gt=0, description="distance on foot in one day")
    vehicle_share: float = Field(0.5, ge=0, le=1, description="share of people on the move "
                                 "who travel by vehicle (bus, lorry, motorbike)")
    vehicle_km_per_day: float = Field(200.0, gt=0, description="distance by vehicle in one day "
                                      "(waits and checkpoints included)")
    checkpoint_detour_hours: float = Field(12.0, ge=0, le=240, description="hours more "
                                           "people on the move accept to walk to go round an "
                                           "armed group's checkpoint (besides the hours it "
                                           "would hold them); 0: they go round only when "
                                           "that is quicker than waiting at it")
    return_chance: float = Field(0.05, ge=0, le=1,
                                 description="daily chance that displaced people go home once "
                                 "risk there is below the threshold")


class Risk(_Group):
    """Civilians' perceived risk (0 to 1) at each place."""

    decay_per_day: float = Field(0.35, ge=0, le=1, description="share of perceived risk that "
                                 "fades each day")
    incident: float = Field(0.8, ge=0, le=1, description="added at the place of a violent incident")
    neighbour_share: float = Field(0.4, ge=0, le=1,
                                   description="share of that rise felt one hop away")
    presence_reassurance: float = Field(0.5, ge=0, le=1, description="share of risk removed "
                                        "where protectors are present")
    flood: float = Field(0.9, ge=0, le=1, description="risk felt at a flooded place")
    conflict: float = Field(1.0, ge=0, le=1, description="risk felt at a place in active "
                            "conflict, for as long as it lasts")
    reassurance_protectors: float = Field(50.0, gt=0, description="protectors at a place for "
                                          "full reassurance")


class Needs(_Group):
    """Needs that grow every hour and are met locally or by aid."""

    displaced_coverage: float = Field(0.3, ge=0, le=1, description="displaced people get this "
                                      "share of what residents get locally")
    site_shelter: float = Field(0.5, ge=0, le=1, description="shelter met for displaced at sites")
    base_mortality: float = Field(0.00005, ge=0, description="daily deaths per person, baseline")
    excess_mortality: dict[str, float] = Field(
        {"water": 0.0015, "food": 0.0004, "shelter": 0.0003, "health": 0.0005},
        description="extra daily deaths per person whose need is wholly unmet")
    vulnerability: dict[str, float] = Field(
        {"women": 1.0, "men": 0.8, "girls": 1.6, "boys": 1.6, "older": 2.2},
        description="mortality multiplier by sex and age group")
    injured_death_rate: float = Field(0.04, ge=0, le=1,
                                      description="daily death rate of untreated injured people")
    treated_death_factor: float = Field(0.1, ge=0, le=1, description="multiplier on that rate "
                                        "where casualties get care (medevac)")


class Violence(_Group):
    """Armed groups after Epstein's civil violence model (PNAS 2002)."""

    deterrence_k: float = Field(2.3, gt=0, description="P(deterred) = 1 − exp(−k × protectors / "
                                "fighters)")
    neighbour_protection: float = Field(0.5, ge=0, le=1, description="share of a patrol's "
                                        "protection felt one hop away")
    raid_rate: float = Field(0.25, ge=0, description="daily opportunistic raids per group at "
                             "grievance × capability = 1")
    lethality: float = Field(0.0004, ge=0, description="share of people at the target killed per "
                             "fighter")
    max_share_killed: float = Field(0.15, ge=0, le=1)
    injuries_per_death: float = Field(2.0, ge=0)
    group_exposure: dict[str, float] = Field(
        {"women": 0.8, "men": 1.5, "girls": 0.6, "boys": 1.0, "older": 1.2},
        description="relative risk of being killed or injured in an attack")
    abduction_exposure: dict[str, float] = Field(
        {"women": 0.5, "men": 1.0, "girls": 1.5, "boys": 3.0, "older": 0.1},
        description="relative risk of being abducted at an armed group's checkpoint (boys "
        "are recruited most, girls taken for forced marriage)")
    abducted_per_fighter: float = Field(0.5, ge=0, description="people an abduction takes "
                                        "per fighter (weighted by abduction_exposure); the "
                                        "boys and men taken join the group")
    children_handover_hours: float = Field(48, ge=0, description="hours within which children "
                                           "released by an armed group must be handed to a "
                                           "child-protection actor")
    family_tracing_hours: float = Field(96, ge=0, description="hours a child-protection actor "
                                        "takes to trace families and reunify children in "
                                        "its care")
    youth_recruitment_factor: float = Field(0.5, ge=0, le=1, description="recruitment × this "
                                            "where youth were engaged within two days or a "
                                            "youth association stands")
    sgbv_share: float = Field(0.003, ge=0, le=1, description="share of women and girls at the "
                              "target subjected to sexual violence in an attack")
    ambush_rate: float = Field(0.3, ge=0, le=1, description="chance an unescorted convoy to an "
                               "insecure place is ambushed")
    abuse_rate: float = Field(0.6, ge=0, le=1, description="daily chance of a grave violation by "
                              "a host force supported without HRDDP, at abuse_risk 1")
    abuse_mitigated: float = Field(0.1, ge=0, le=1, description="multiplier on that chance "
                                   "after an HRDDP assessment with mitigation")
    abuse_grievance: float = Field(0.05, ge=0, le=1, description="grievance added by each abuse")
    abuse_victims: float = Field(0.002, ge=0, le=1, description="share of people at the place "
                                 "harmed by one abuse (weighted by group exposure)")
    abuse_lethality: float = Field(0.2, ge=0, le=1,
                                   description="share of abuse victims who are killed")
    ambush_lethality: float = Field(0.2, ge=0, le=1, description="an ambush or IED harms this "
                                    "share of what a raid on the place would")
    joint_operation_protection: float = Field(0.5, ge=0, description="protectors counted per "
                                              "host soldier in a supported joint operation")
    detention_grievance: float = Field(0.03, ge=0, le=1, description="grievance added by each "
                                       "detention")
    detention_max_turns: int = Field(2, ge=1, description="turns a team may hold detainees "
                                     "before the detention is overdue (handover or release)")
    unmitigable_risk: float = Field(0.5, ge=0, le=1, description="abuse risk from which an "
                                    "HRDDP assessment finds no mitigation: support should be "
                                    "withheld")
    max_killed_per_fighter: float = Field(1.0, gt=0, description="at most this many deaths per "
                                          "fighter in one attack")
    detention_strength: float = Field(0.1, ge=0, le=1,
                                      description="share of a group's fighters one detention removes")


class Humanitarian(_Group):
    """Humanitarian access and principles (UN-CMCoord, Oslo guidelines)."""

    suspend_access: float = Field(0.45, ge=0, le=1, description="agencies suspend deliveries "
                                  "while humanitarian access is below this")
    insecure_risk: float = Field(0.6, ge=0, le=1, description="perceived risk above which a "
                                 "destination is insecure for convoys")
    breach_access_cost: float = Field(0.3, ge=0, le=1, description="access lost when military "
                                      "assets deliver aid without last-resort grounds")
    breach_trust_cost: float = Field(0.25, ge=0, le=1,
                                     description="trust lost at that place for the same breach")
    leverage_access_cost: float = Field(0.15, ge=0, le=1, description="access lost when aid "
                                        "is made conditional on cooperation (leverage)")
    leverage_trust_cost: float = Field(0.2, ge=0, le=1,
                                       description="trust lost at that place for the same")
    access_recovery: float = Field(0.03, ge=0, le=1, description="access regained per day")
    approval_turns: int = Field(2, ge=1, description="turns an approved last-resort request "
                                "stays valid")
    convoy_detour_hours: float = Field(0.0, ge=0, le=72, description="hours more a convoy "
                                       "not free to pass a checkpoint accepts to go round it "
                                       "(besides the checkpoint's delay). 0: convoys keep to "
                                       "the route notified to the parties and meet it")


class Hazards(_Group):
    """Floods and epidemics (SEIR per place)."""

    flood_lethality: float = Field(0.0004, ge=0, description="hourly deaths per person per metre "
                                   "of water where people stay")
    route_flood_m: float = Field(0.3, ge=0, description="water level that closes a flood-prone "
                                 "route")
    washout_m: float | None = Field(None, gt=0, description="water level that washes a flooded "
                                    "route out: when the water falls it stays closed until "
                                    "engineers repair it (none: routes reopen by themselves)")
    beta: float = Field(0.35, ge=0, description="daily transmission at full crowding, no WASH")
    incubation_days: float = Field(2.0, gt=0)
    infectious_days: float = Field(5.0, gt=0)
    case_fatality: float = Field(0.02, ge=0, le=1, description="deaths per case, with care")
    untreated_fatality: float = Field(0.08, ge=0, le=1, description="deaths per case, no care")
    crowding_density: float = Field(1.0, gt=0, description="occupancy / capacity of a site at "
                                    "which crowding is full")
    open_crowding: float = Field(0.3, ge=0, le=1, description="crowding in places without a "
                                 "capacity (towns, villages)")


class Community(_Group):
    """Trust in the mission, tension between communities, early warning."""

    engage_trust: float = Field(0.1, ge=0, le=1, description="trust gained by an engagement")
    women_consulted_bonus: float = Field(0.05, ge=0, le=1,
                                         description="extra trust when women are consulted")
    engage_tension: float = Field(0.05, ge=0, le=1,
                                  description="tension lowered by an engagement")
    tension_grievance: float = Field(0.3, ge=0, le=1,
                                     description="how much local tension adds to raid choice")
    alert_lead_hours: float = Field(24, ge=0, description="how long before an attack an alert "
                                    "network can report it")
    alert_min_trust: float = Field(0.2, ge=0, le=1, description="below this trust the network "
                                   "stays silent")
    unprotected_trust_loss: float = Field(0.15, ge=0, le=1, description="trust lost where an "
                                          "attack the mission was warned of finds no protectors")
    abuse_trust_loss: float = Field(0.1, ge=0, le=1,
                                    description="trust lost where a host force abuses civilians")
    talk_trust_ceiling: float = Field(0.6, ge=0, le=1, description="engagements and "
                                      "investigations raise trust up to this and no further: "
                                      "beyond it, trust follows what the mission does")
    protection_trust: float = Field(0.1, ge=0, le=1, description="trust gained where "
                                    "protectors deter an attack")
    investigation_trust: float = Field(0.05, ge=0, le=1, description="trust gained by an "
                                       "investigation")
    investigation_turns: int = Field(3, ge=1, description="turns an investigation deters abuse "
                                     "nearby")
    leaders_mediation: float = Field(1.5, ge=0, description="mediation is this many times as "
                                     "effective where traditional leaders are organised")
    women_association: float = Field(2.0, ge=0, description="the women-consulted bonus is "
                                     "multiplied by this where a women's association exists")
    youth_tension: float = Field(0.05, ge=0, le=1, description="extra tension lowered when youth "
                                 "are consulted (doubled where a youth association exists)")
    existing_network_reliability: float = Field(0.8, ge=0, le=1, description="reporting chance, "
                                                "at the least, of an alert network set up where "
                                                "a community network already exists")
    radio_amplification: float = Field(1.5, ge=1, description="a public warning at a place "
                                       "within one hop of a local radio raises perceived risk "
                                       "this many times as much (everyone hears it)")
    referral_hops: int = Field(1, ge=0, le=4, description="survivors within this many route hops "
                               "of a referral pathway reach it")
    investigation_abuse_factor: float = Field(0.5, ge=0, le=1, description="multiplier on host "
                                              "forces' abuse risk near an investigation")
    women_reached_without_women_officers: float = Field(
        0.5, ge=0, le=1, description="share of the women-consulted bonus an engagement team "
        "without women officers achieves")


class Units(_Group):
    """Military and police units."""

    fatigue_per_hour: float = Field(0.01, ge=0, le=1)
    rest_per_hour: float = Field(0.03, ge=0, le=1)
    fatigue_effect: float = Field(0.5, ge=0, le=1,
                                  description="share of effectiveness lost at full fatigue")
    guard_factor: float = Field(1.5, ge=0, description="a unit guarding a place protects it this "
                                "many times as much as a patrol (which also covers neighbours)")
    protection_per_soldier: float = Field(1.0, ge=0,
                                          description="protectors counted per person on task")
    police_protection: float = Field(0.6, ge=0,
                                     description="police count as this share of a soldier")
    repair_hours: float = Field(8, ge=0, description="engineer hours to repair a route")
    road_kmh: float = Field(30.0, gt=0, description="vehicle speed on a good road when a route "
                            "gives no vehicle time")
    boat_kmh: float = Field(12.0, gt=0, description="boat and pirogue speed on water when a "
                            "route gives no boat time (people and units alike)")
    poor_road_slowdown: float = Field(1.6, ge=1, description="travel-time multiplier on poor roads")
    care_hours: float = Field(24, ge=0, description="hours of care after a medevac beyond the "
                              "end of the turn")


class Crowds(_Group):
    """Gatherings (markets, rallies, funerals, distributions) and public order."""

    incident_rate: float = Field(2.0, ge=0, description="daily chance of a crowd incident "
                                 "(a clash, a stampede) at a gathering at tension 1 with no "
                                 "public order; it grows with tension")
    police_per_person: float = Field(0.01, ge=0, description="police on task at the place per "
                                     "person gathered for full public order (1 per 100)")
    military_escalation: float = Field(1.5, ge=0, description="incident chance × this when only "
                                       "soldiers, and no police, keep order")
    injured_share: float = Field(0.02, ge=0, le=1, description="share of the crowd injured in an "
                                 "incident")
    lethality: float = Field(0.05, ge=0, le=1, description="share of the injured who die")
    tension_rise: float = Field(0.2, ge=0, le=1, description="tension added at the place by an "
                                "incident")


class Intercommunal(_Group):
    """Tension between communities (land, water, transhumance corridors, rumours) and the
    violence it breeds; early warning, mediation and local agreements that defuse it."""

    clash_threshold: float = Field(0.7, ge=0, le=1, description="tension at or above which "
                                   "communities may clash")
    clash_rate: float = Field(1.0, ge=0, description="daily chance of a clash at tension 1 "
                              "(none at the threshold, rising in between)")
    clash_protectors: float = Field(50.0, gt=0, description="protectors at the place "
                                    "(confidence patrols) that prevent clashes fully; fewer "
                                    "prevent a share")
    clash_killed: float = Field(0.002, ge=0, le=1, description="share of the people present "
                                "killed in a clash")
    clash_injured: float = Field(0.006, ge=0, le=1, description="share of the people present "
                                 "injured in a clash")
    clash_tension: float = Field(0.1, ge=0, le=1, description="tension a clash adds at the "
                                 "place, and half of it one route step away")
    warning_tension: float = Field(0.55, ge=0, le=1, description="tension at which alert "
                                   "networks and peace committees warn of it")
    inclusive_factor: float = Field(1.5, ge=0, description="mediation lowers tension this many "
                                    "times as much when it includes women and youth")
    late_factor: float = Field(0.5, ge=0, le=1, description="mediation within a day after a "
                               "clash achieves this share: positions have hardened")
    agreement_window_hours: float = Field(72, ge=0, description="a local agreement needs a "
                                          "mediation at the place within these hours")
    agreement_decay: float = Field(0.1, ge=0, le=1, description="daily fall of tension while "
                                   "a local agreement holds")
    agreement_clash_factor: float = Field(0.5, ge=0, le=1, description="clash chance × this "
                                          "while a local agreement holds")
    herd_tension: float = Field(0.15, ge=0, le=1, description="tension a herd of herd_scale "
                                "head or more adds in a farming village it passes")
    herd_scale: float = Field(1000, gt=0, description="head of cattle for the full herd_tension "
                              "(smaller herds add less)")
    herd_agreement_factor: float = Field(0.2, ge=0, le=1, description="herd_tension × this "
                                         "where a local agreement holds (a corridor agreed)")
    herd_presence_factor: float = Field(0.5, ge=0, le=1, description="herd_tension × this "
                                        "where the mission's protectors stand")
    counter_rumour: float = Field(0.15, ge=0, le=1, description="tension (and twice as much "
                                  "perceived risk) that countering a rumour removes")


class Parameters(_Group):
    movement: Movement = Movement()
    risk: Risk = Risk()
    needs: Needs = Needs()
    violence: Violence = Violence()
    humanitarian: Humanitarian = Humanitarian()
    hazards: Hazards = Hazards()
    community: Community = Community()
    crowds: Crowds = Crowds()
    intercommunal: Intercommunal = Intercommunal()
    units: Units = Units()
