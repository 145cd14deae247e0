"""A synthetic district of any size, written as a scenario file (``ttx generate``).

The geography is drawn from one seed: places scattered over a square whose side grows
with the square root of their number (about one place every 30 km²), a river winding
across it from west to east (the places on its banks are flood-prone), a border on the
east edge with its crossing points and a refugee camp, towns joined by main roads,
villages, hamlets, wells, markets, health centres and displacement sites joined by tracks
(the Delaunay triangulation's minimum spanning tree, crossing the river as little as it
can, plus the shorter of its other edges), bridges where main roads cross the river and
boat routes every 20 km or so along it. Armed groups have bases in the places farthest
from the towns; a flood comes down a stretch of the river on turn 2 and fighting breaks
out around the first group's base; the mission's four components (force, police,
civilian, humanitarian) have units and agencies and a catalogue of actions that the
doctrine bots play.

The file is written by hand in YAML flow style (one line per place, route or population)
with short ids (``p`` and the place's number in base 36), so that 100,000 places take a
few seconds and a few tens of megabytes. The same arguments give the same bytes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial import Delaunay, cKDTree

from agents.civilians import GROUPS, split_counts
from simulator.i18n import N_

MIN_PLACES, MAX_PLACES = 10, 100_000
MAX_POPULATION = 100_000_000
MAX_ARMED_GROUPS = 50
KM_PER_PLACE = 5.5  # the square's side is this × √places: about 30 km² per place
KM_PER_DEGREE = 111.0
ORIGIN = (12.0, -2.0)  # latitude and longitude of the south-west corner
RIVER_BANK_KM = 3.0  # places this close to the river are flood-prone
FERRY_EVERY_KM = 20.0  # a boat route in every stretch of river this long
GROUP_SHARES = (0.25, 0.23, 0.24, 0.24)  # women, men, girls, boys; the rest are older people
TURNS, TURN_HOURS = 4, 12
PROGRESS_FROM = 10_000  # places from which the command line says what it is doing

SYLLABLES = ("ba", "bé", "bo", "da", "dia", "do", "fa", "fo", "ga", "gou", "ka", "ké", "ko",
             "kou", "la", "li", "lo", "ma", "mé", "mo", "na", "né", "ni", "no", "ou", "ra",
             "ri", "sa", "sé", "si", "so", "ta", "té", "ti", "to", "wa", "ya", "yé", "za", "zo")
ARMED_KINDS = (("jihadist", "[raid, attack_site, ambush]", "Katiba of", "Katiba du", "Katiba de"),
               ("bandits", "[raid, attack_convoy]", "Bandits of", "Bandits du", "Bandidos de"),
               ("militia", "[raid, abduction]", "Vigilance militia of", "Milice de vigilance de",
                "Milícia de vigilância de"),
               ("separatist", "[raid, ambush, ied]", "Liberation front of",
                "Front de libération du", "Frente de libertação de"))


class GenerateError(ValueError):
    """An argument out of range: ``message`` (English, as ``simulator.i18n`` translates it)
    and its values."""

    def __init__(self, message: str, **values):
        super().__init__(message)
        self.message, self.values = message, values


@dataclass
class District:
    """The drawn geography, before it is written."""

    x: np.ndarray  # km east of the west edge
    y: np.ndarray  # km north of the south edge
    kind: list[str]  # location type, or "hamlet" (written as a village)
    names: list[str]
    riverside: np.ndarray  # bool: on the river's banks, flood-prone
    side: float  # km: the map is a square
    phase: float  # where the river's bends fall
    routes: list[tuple[int, int, str]]  # (a, b, class): main, track, path, bridge, boat
    people: np.ndarray  # residents per place

    @functools.cached_property
    def towns(self) -> list[int]:
        """The towns and the city, in place order."""
        return [i for i, k in enumerate(self.kind) if k in ("town", "city")]

    @functools.cached_property
    def town_tree(self) -> cKDTree:
        """The towns' positions, to find the nearest."""
        return cKDTree(np.c_[self.x, self.y][self.towns])


@dataclass(frozen=True)
class Generated:
    """A district's scenario text and what it holds."""

    text: str
    routes: int


def check(places: int, population: int, armed_groups: int) -> None:
    """Raise ``GenerateError`` for an argument out of range."""
    if not MIN_PLACES <= places <= MAX_PLACES:
        raise GenerateError(N_("--places must be from {low} to {high}, got {value}"),
                            value=places, low=MIN_PLACES, high=MAX_PLACES)
    if not 0 <= population <= MAX_POPULATION:
        raise GenerateError(N_("--population must be from 0 to {high}, got {value}"),
                            value=population, high=MAX_POPULATION)
    if not 0 <= armed_groups <= min(MAX_ARMED_GROUPS, places // 10):
        raise GenerateError(N_("--armed-groups must be from 0 to {high} (one for every ten places, at most "
                               "50), got {value}"), value=armed_groups,
                            high=min(MAX_ARMED_GROUPS, places // 10))


def generate(places: int, population: int, armed_groups: int, seed: int,
             progress: Callable[[str], None] = lambda stage: None) -> Generated:
    """The scenario of a district of ``places`` places, ``population`` residents and
    ``armed_groups`` armed groups, drawn from ``seed``; ``progress`` is told each stage
    (places, roads, people, writing)."""
    check(places, population, armed_groups)
    rng = np.random.default_rng([seed, places])
    progress("places")
    d = _places(places, rng)
    progress("roads")
    d.routes = _roads(d, rng)
    progress("people")
    d.people = _residents(d, population, rng)
    progress("writing")
    return Generated(_Writer(d, armed_groups, seed, rng).text(), len(d.routes))


# --- geography -------------------------------------------------------------------------

def _river_y(x: np.ndarray, side: float, phase: float) -> np.ndarray:
    """The river's course: north of it is y above this."""
    return side * (0.5 + 0.12 * np.sin(2 * math.pi * 1.3 * x / side + phase))


def _places(n: int, rng: np.random.Generator) -> District:
    side = KM_PER_PLACE * math.sqrt(n)
    phase = float(rng.uniform(0, 2 * math.pi))
    x, y = rng.uniform(0, side, n), rng.uniform(0, side, n)
    # A sixth of the places line the river (fishing villages, landings).
    bank = rng.random(n) < 1 / 6
    y[bank] = _river_y(x[bank], side, phase) + rng.uniform(-RIVER_BANK_KM, RIVER_BANK_KM,
                                                            int(bank.sum()))
    kind = np.full(n, "village", dtype=object)
    order = rng.permutation(n)  # types go to places in a random order: spread over the map
    counts = [("town", max(2, n // 60)), ("idp_site", max(1, n // 150)),
              ("market", n // 80), ("health_centre", n // 100), ("police_post", n // 200),
              ("base", max(1, n // 1000)), ("water_point", n // 20), ("hamlet", n * 3 // 10)]
    start = 0
    for name, count in counts:
        kind[order[start:start + count]] = name
        start += count
    towns = np.flatnonzero(kind == "town")
    capital = towns[np.argmin((x[towns] - side / 2) ** 2 + (y[towns] - side / 2) ** 2)]
    kind[capital] = "city"
    # The border is the east edge: crossing points on it, a refugee camp behind each.
    crossings = max(1, n // 2000)
    for i, at in enumerate(order[-2 * crossings:-crossings]):
        kind[at], x[at] = "border_crossing", side
        y[at] = side * (i + 0.5) / crossings
        camp = order[-crossings + i]
        kind[camp], x[camp], y[camp] = "camp", side - rng.uniform(4, 10), y[at] + rng.uniform(-5, 5)
    # Sites and bases stand near a town, as they do.
    tree = cKDTree(np.c_[x[towns], y[towns]])
    for k in ("idp_site", "base"):
        at = np.flatnonzero(kind == k)
        _, near = tree.query(np.c_[x[at], y[at]])
        x[at] = np.clip(x[towns][near] + rng.uniform(-4, 4, len(at)), 0, side)
        y[at] = np.clip(y[towns][near] + rng.uniform(-4, 4, len(at)), 0, side)
    riverside = np.abs(y - _river_y(x, side, phase)) < RIVER_BANK_KM
    return District(x, y, list(kind), _names(n, rng), riverside, side, phase, [],
                    np.zeros(n, np.int64))


def _names(n: int, rng: np.random.Generator) -> list[str]:
    """``n`` different place names of two to four syllables."""
    out, seen = [], set()
    picks = rng.integers(len(SYLLABLES), size=(n, 4))
    lengths = rng.choice([2, 3, 3, 4], size=n)
    for i in range(n):
        length = int(lengths[i])
        while True:
            name = "".join(SYLLABLES[j] for j in picks[i, :length]).capitalize()
            if name not in seen:
                break
            picks[i] = rng.integers(len(SYLLABLES), size=4)
            length = min(4, length + 1)
        seen.add(name)
        out.append(name)
    return out


def _roads(d: District, rng: np.random.Generator) -> list[tuple[int, int, str]]:
    """Routes: a spanning tree of tracks that crosses the river as little as it can, the
    shorter other edges of the triangulation, main roads between neighbouring towns, and
    boat routes along the river."""
    n = len(d.x)
    pts = np.c_[d.x, d.y]
    e = _triangulation(pts)
    north = d.y > _river_y(d.x, d.side, d.phase)
    across = north[e[:, 0]] != north[e[:, 1]]
    length = np.hypot(*(pts[e[:, 0]] - pts[e[:, 1]]).T)
    weight = length * np.where(across, 50.0, 1.0) + 1e-6
    tree = _spanning_tree(n, e, weight)
    in_tree = set(zip(np.minimum(tree.row, tree.col).tolist(),
                      np.maximum(tree.row, tree.col).tolist(), strict=True))
    chosen = np.array([(a, b) in in_tree for a, b in e.tolist()])
    # Loops: about half of the short land edges left (below the median length).
    chosen |= ~across & (length < np.median(length)) & (rng.random(len(e)) < 0.45)
    # Boat routes: the shortest crossing in each stretch of river.
    cross = np.flatnonzero(across)
    stretch = ((d.x[e[cross, 0]] + d.x[e[cross, 1]]) / 2 // FERRY_EVERY_KM).astype(int)
    ferry = set()
    for k in np.unique(stretch):
        here = cross[stretch == k]
        ferry.add(int(here[np.argmin(length[here])]))
    big = {"town", "city", "border_crossing", "camp", "idp_site", "base"}
    out: dict[tuple[int, int], str] = {}
    for i in np.flatnonzero(chosen).tolist() + sorted(ferry):
        a, b = int(e[i, 0]), int(e[i, 1])
        if across[i]:
            out[a, b] = "boat" if i in ferry or d.kind[a] not in big or d.kind[b] not in big \
                else "bridge"
        else:
            small = d.kind[a] in ("hamlet", "water_point") or d.kind[b] in ("hamlet", "water_point")
            out[a, b] = "path" if small and rng.random() < 0.5 else "track"
    # Main roads: the towns' own spanning tree (bridges where it crosses the river), and
    # every site, base, camp and border post joined to its nearest town.
    towns = d.towns
    te = _triangulation(pts[towns]) if len(towns) > 2 else np.array([[0, 1]])
    tl = np.hypot(*(pts[towns][te[:, 0]] - pts[towns][te[:, 1]]).T) + 1e-6
    mst = _spanning_tree(len(towns), te, tl)
    pairs = [(towns[a], towns[b]) for a, b in zip(mst.row.tolist(), mst.col.tolist(), strict=True)]
    for k in ("idp_site", "base", "camp", "border_crossing"):
        for i in (j for j, kk in enumerate(d.kind) if kk == k):
            pairs.append((i, towns[int(d.town_tree.query(pts[i])[1])]))
    for a, b in pairs:
        a, b = min(a, b), max(a, b)
        if a != b:
            out[a, b] = "bridge" if north[a] != north[b] else "main"
    return [(a, b, c) for (a, b), c in sorted(out.items())]


def _triangulation(pts: np.ndarray) -> np.ndarray:
    """The edges of the Delaunay triangulation of ``pts``, each once, lower index first."""
    s = Delaunay(pts).simplices
    return np.unique(np.sort(np.r_[s[:, [0, 1]], s[:, [1, 2]], s[:, [0, 2]]], axis=1), axis=0)


def _spanning_tree(n: int, edges: np.ndarray, weight: np.ndarray):
    """The minimum spanning tree of ``edges`` over ``n`` places (a COO matrix)."""
    return minimum_spanning_tree(coo_matrix((weight, (edges[:, 0], edges[:, 1])),
                                            shape=(n, n))).tocoo()


def _residents(d: District, population: int, rng: np.random.Generator) -> np.ndarray:
    """Residents per place, summing to ``population`` exactly."""
    weight = {"city": 40.0, "town": 8.0, "market": 3.0, "village": 1.0, "hamlet": 0.15,
              "idp_site": 2.0, "camp": 6.0}
    w = np.array([weight.get(k, 0.0) for k in d.kind]) * rng.lognormal(0, 0.4, len(d.kind))
    return split_counts(population, w)


# --- writing ---------------------------------------------------------------------------

CATALOGUE = """\
actions:
  - id: share_information
    team: [force, police, civilian, humanitarian]
    name: {en: Share information, fr: Partager l'information, pt: Partilhar informação}
    params: {to: {type: team}}
    effects: [{share_information: {to: $to}}]
  - id: assess_needs
    team: humanitarian
    name: {en: Rapid needs assessment, fr: Évaluation rapide des besoins,
           pt: Avaliação rápida das necessidades}
    params: {location: {type: location}}
    cost: {budget: 1}
    effects: [{assess: {location: $location}}]
  - id: deliver_aid
    team: humanitarian
    name: {en: Deliver humanitarian aid, fr: Livrer l'aide humanitaire, pt: Entregar ajuda humanitária}
    params:
      location: {type: location}
      need: {type: need}
      amount: {type: number, min: 500, max: 60000}
      agency: {type: agency, required: false}
    cost: {budget: 1}
    effects: [{supply: {location: $location, need: $need, amount: $amount, agency: $agency}}]
  - id: open_site
    team: humanitarian
    name: {en: Open or expand a displacement site, fr: Ouvrir ou agrandir un site de déplacés,
           pt: Abrir ou alargar um sítio de deslocados}
    params:
      location: {type: location}
      capacity: {type: int, min: 100, max: 5000, default: 500}
    cost: {budget: 1}
    effects: [{open_site: {location: $location, capacity: $capacity}}]
  - id: request_military_asset
    team: humanitarian
    name: {en: Request a military asset (UN-CMCoord), fr: Demander un moyen militaire (UN-CMCoord),
           pt: Pedir um meio militar (UN-CMCoord)}
    params:
      unit: {type: unit, own: false}
      location: {type: location}
      last_resort: {type: bool, default: false}
      justification: {type: text, default: ""}
    effects:
      - request_asset: {unit: $unit, location: $location, last_resort: $last_resort,
                        justification: $justification}
  - id: evacuate
    team: [force, humanitarian]
    name: {en: Evacuate people, fr: Évacuer la population, pt: Evacuar pessoas}
    params:
      from: {type: location}
      to: {type: location}
      unit: {type: unit}
      people: {type: int, min: 1, max: 5000, required: false}
    effects: [{evacuate: {from: $from, to: $to, unit: $unit, people: $people}}]
  - id: patrol
    team: [force, police]
    name: {en: Patrol or guard, fr: Patrouiller ou garder, pt: Patrulhar ou guardar}
    params:
      unit: {type: unit}
      location: {type: location}
      mode: {type: choice, values: [patrol, guard], default: patrol}
    effects: [{presence: {unit: $unit, location: $location, mode: $mode}}]
  - id: escort_convoy
    team: [force, police]
    name: {en: Escort convoys, fr: Escorter les convois, pt: Escoltar comboios}
    params: {unit: {type: unit}, location: {type: location}}
    effects: [{escort: {unit: $unit, location: $location}}]
  - id: repair_route
    team: force
    name: {en: Repair a road, fr: Réparer une route, pt: Reparar uma estrada}
    params: {from: {type: location}, to: {type: location}, unit: {type: unit}}
    effects: [{repair_route: {from: $from, to: $to, unit: $unit}}]
  - id: military_aid_delivery
    team: force
    name: {en: Carry aid with a military asset, fr: Transporter l'aide avec un moyen militaire,
           pt: Transportar ajuda com um meio militar}
    params:
      unit: {type: unit}
      location: {type: location}
      need: {type: need}
      amount: {type: number, min: 100, max: 10000, default: 2000}
      agency: {type: agency, own: false, required: false}
    effects: [{supply: {location: $location, need: $need, amount: $amount, unit: $unit, agency: $agency}}]
  - id: detain_suspects
    team: [force, police]
    name: {en: Detain suspects, fr: Appréhender des suspects, pt: Deter suspeitos}
    params: {unit: {type: unit}, location: {type: location}, armed_group: {type: armed_group}}
    cost: {unit_hours: 12}
    effects: [{detain: {unit: $unit, location: $location, armed_group: $armed_group}}]
  - id: handover_detainees
    team: [force, police]
    name: {en: Hand over detainees, fr: Remettre des détenus, pt: Entregar detidos}
    params: {host_force: {type: host_force}}
    effects: [{handover: {host_force: $host_force}}]
  - id: support_host_force
    team: force
    name: {en: Support a host-state force, fr: Appuyer une force de l'État hôte,
           pt: Apoiar uma força do Estado anfitrião}
    params:
      host_force: {type: host_force}
      kind: {type: choice, values: [fuel, transport, rations], default: fuel}
    cost: {budget: 3}
    effects: [{support_host_forces: {host_force: $host_force, kind: $kind}}]
  - id: investigate
    team: [police, civilian]
    name: {en: Investigate violations, fr: Enquêter sur les violations, pt: Investigar violações}
    params: {location: {type: location}}
    cost: {budget: 1}
    effects: [{investigate: {location: $location}}]
  - id: sgbv_referral_pathway
    team: [civilian, police]
    name: {en: Set up an SGBV referral pathway, fr: Mettre en place un circuit de référencement des VBG,
           pt: Criar um circuito de referenciação da VSBG}
    params: {location: {type: location}}
    cost: {budget: 2}
    effects: [{referral_pathway: {location: $location}}]
  - id: public_warning
    team: civilian
    name: {en: Public warning, fr: Alerte publique, pt: Alerta público}
    params: {location: {type: location}}
    cost: {budget: 1}
    effects: [{warn: {location: $location, amount: 0.5, radius_hops: 1}}]
  - id: community_alert_network
    team: civilian
    name: {en: Set up a community alert network, fr: Mettre en place un réseau d'alerte communautaire,
           pt: Criar uma rede de alerta comunitário}
    params: {location: {type: location}}
    cost: {budget: 2}
    effects: [{early_warning: {location: $location}}]
  - id: community_engagement
    team: [civilian, police]
    name: {en: Community engagement, fr: Dialogue avec les communautés, pt: Diálogo com as comunidades}
    params:
      location: {type: location}
      consult: {type: choice, values: [leaders, women, youth], default: [leaders, women, youth]}
      unit: {type: unit, required: false}
    cost: {budget: 1}
    effects: [{engage: {location: $location, consult: $consult, unit: $unit}}]
  - id: local_mediation
    team: civilian
    name: {en: Local mediation, fr: Médiation locale, pt: Mediação local}
    params: {location: {type: location}, armed_group: {type: armed_group, required: false}}
    cost: {budget: 2}
    effects: [{mediate: {location: $location, armed_group: $armed_group}}]
  - id: hrddp_assessment
    team: civilian
    name: {en: HRDDP risk assessment of a host force,
           fr: Évaluation des risques HRDDP d'une force de l'État hôte,
           pt: Avaliação de riscos HRDDP de uma força do Estado anfitrião}
    params: {host_force: {type: host_force}, mitigation: {type: bool, default: true}}
    cost: {budget: 1}
    effects: [{hrddp_assessment: {host_force: $host_force, mitigation: $mitigation}}]
objectives:
  - id: protect
    title: {en: Protect civilians from violence and the flood,
            fr: Protéger les civils des violences et de la crue,
            pt: Proteger os civis da violência e da cheia}
    capability: {en: Protection of civilians, fr: Protection des civils, pt: Proteção de civis}
    critical_tasks:
      - id: ct_presence
        title: {en: Put units where threats are announced,
                fr: Déployer les unités là où des menaces sont annoncées,
                pt: Colocar unidades onde são anunciadas ameaças}
        team: force
        measures:
          - {id: m_warned, metric: warnings_acted_on, thresholds: {P: 0.75, S: 0.5, M: 0.25}, better: higher}
          - {id: m_orders, metric: orders_effective, params: {of: "presence,evacuate"},
             thresholds: {P: 0.9, S: 0.75, M: 0.5}, better: higher}
      - id: ct_share
        title: {en: Share what each component knows, fr: Partager ce que chaque composante sait,
                pt: Partilhar o que cada componente sabe}
        team: civilian
        measures:
          - {id: m_shared, metric: information_shared, thresholds: {P: 3, S: 2, M: 1}, better: higher}
  - id: assist
    title: {en: Assess needs and deliver aid, fr: Évaluer les besoins et livrer l'aide,
            pt: Avaliar as necessidades e entregar a ajuda}
    capability: {en: Humanitarian assistance, fr: Assistance humanitaire, pt: Assistência humanitária}
    critical_tasks:
      - id: ct_assess
        title: {en: Assess before delivering, fr: Évaluer avant de livrer, pt: Avaliar antes de entregar}
        team: humanitarian
        measures:
          - {id: m_assessed, metric: assessed_before_aid,
             thresholds: {P: 0.9, S: 0.7, M: 0.5}, better: higher}
"""


def _id(i: int) -> str:
    """``p`` and ``i`` in base 36: short, and an identifier."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        i, r = divmod(i, 36)
        out = digits[r] + out
        if not i:
            return "p" + out


class _Writer:
    """The scenario's text, section by section."""

    def __init__(self, d: District, armed_groups: int, seed: int, rng: np.random.Generator):
        self.d, self.groups, self.seed, self.rng = d, armed_groups, seed, rng
        self.ids = [_id(i) for i in range(len(d.x))]
        self.towns = d.towns
        self.capital = d.kind.index("city")
        self.lines: list[str] = []

    def text(self) -> str:
        n = len(self.d.x)
        self.out(f"# A synthetic district of {n} places drawn by 'ttx generate' (seed {self.seed}).")
        self.out("metadata:")
        self.out(f"  id: district-{n}-{self.seed}")
        self.out(f"  title: {{en: 'Synthetic district: {n} places', "
                 f"fr: 'District synthétique : {n} lieux', pt: 'Distrito sintético: {n} locais'}}")
        self.out("  summary: {en: A river district with a flood coming and armed groups active, "
                 "fr: Un district fluvial avant une crue et sous la menace de groupes armés, "
                 "pt: Um distrito fluvial antes de uma cheia e sob a ameaça de grupos armados}")
        self.out(f"  category: civilian_protection\n  turn_hours: {TURN_HOURS}\n"
                 f"  turns: {TURNS}\n  step_hours: 1")
        self.places()
        self.routes()
        self.population()
        bases = self.actors()
        self.teams()
        self.out(CATALOGUE.rstrip("\n"))
        self.msel(bases)
        return "\n".join(self.lines) + "\n"

    def out(self, line: str) -> None:
        self.lines.append(line)

    def places(self) -> None:
        d, ids = self.d, self.ids
        lat = ORIGIN[0] + d.y / KM_PER_DEGREE
        lon = ORIGIN[1] + d.x / (KM_PER_DEGREE * math.cos(math.radians(ORIGIN[0] + 1)))
        capacity = self.rng.integers(15, 60, len(ids)) * 100
        self.out("map:\n  locations:")
        for i, k in enumerate(d.kind):
            name = _place_name(d.names[i], k)
            attrs = []
            if k == "idp_site":
                attrs += [f"capacity: {capacity[i]}", "water: 0.5", "food: 0.4", "shelter: 0.5",
                          "health: 0.4", "sanitation: 0.3"]
            elif k == "camp":
                attrs += [f"capacity: {capacity[i] * 5}", "water: 0.7", "food: 0.7",
                          "shelter: 0.7", "health: 0.6"]
            elif k == "water_point":
                attrs.append("attractiveness: 0")
            if d.riverside[i]:
                attrs.append("flood_prone: true")
            kind = "village" if k == "hamlet" else k
            more = f", attributes: {{{', '.join(attrs)}}}" if attrs else ""
            self.out(f"    - {{id: {ids[i]}, name: {name}, type: {kind}, "
                     f"coords: [{lat[i]:.4f}, {lon[i]:.4f}]{more}}}")

    def routes(self) -> None:
        d, ids = self.d, self.ids
        self.out("  routes:")
        for a, b, c in d.routes:
            km = max(0.5, math.hypot(d.x[a] - d.x[b], d.y[a] - d.y[b])
                     * (1.15 if c in ("main", "bridge") else 1.3))
            extra = {"main": "", "bridge": ", river_crossing: true",
                     "boat": f", modes: [boat], boats: {100 * (1 + (a + b) % 5)}, "
                             "river_crossing: true",
                     "track": ", condition: poor" if (a * 7 + b) % 5 < 2 else "",
                     "path": ", modes: [foot]"}[c]
            if c in ("main", "track", "path") and d.riverside[a] and d.riverside[b]:
                extra += ", flood_prone: true"
            self.out(f"    - {{from: {ids[a]}, to: {ids[b]}, distance_km: {km:.1f}{extra}}}")

    def population(self) -> None:
        people = self.d.people
        self.out("population:" if people.any() else "population: []")
        shares = np.array(GROUP_SHARES)
        for i in np.flatnonzero(people).tolist():
            n = int(people[i])
            g = [int(n * s) for s in shares]
            g.append(n - sum(g))
            written = ", ".join(f"{k}: {v}" for k, v in zip(GROUPS, g, strict=True) if v)
            self.out(f"  - {{location: {self.ids[i]}, {written}}}")

    def actors(self) -> list[int]:
        """Write the actors; return the armed groups' bases."""
        d, ids, rng = self.d, self.ids, self.rng
        pts = np.c_[d.x, d.y]
        far, _ = d.town_tree.query(pts)
        remote = [i for i in np.argsort(-far, kind="stable").tolist()
                  if d.kind[i] in ("village", "hamlet")]
        bases = remote[:self.groups]
        cap = ids[self.capital]
        self.out("actors:")
        if bases:
            self.out("  armed_groups:")
        for g, at in enumerate(bases):
            kind, tactics, en, fr, pt = ARMED_KINDS[g % len(ARMED_KINDS)]
            self.out(f"    - {{id: ag{g + 1}, name: {{en: '{en} {d.names[at]}', "
                     f"fr: '{fr} {d.names[at]}', pt: '{pt} {d.names[at]}'}}, kind: {kind}, "
                     f"base: {ids[at]}, "
                     f"strength: {int(rng.integers(30, 200))}, grievance: 0.6, capability: 0.5, "
                     f"tactics: {tactics}, reach_km: {int(rng.integers(40, 80))}}}")
        self.out(f"""\
  host_forces:
    - {{id: army, name: {{en: National army, fr: Armée nationale, pt: Exército nacional}}, kind: army,
       location: {cap}, strength: 400, abuse_risk: 0.5}}
    - {{id: gendarmerie, name: {{en: Gendarmerie, fr: Gendarmerie, pt: Guarda nacional}}, kind: gendarmerie,
       location: {cap}, strength: 120, abuse_risk: 0.4}}
  authorities:
    - {{id: governor, name: {{en: Governor, fr: Gouverneur, pt: Governador}}, location: {cap},
       role: {{en: chairs the crisis committee, fr: préside le comité de crise,
                pt: preside ao comité de crise}}}}
  agencies:""")
        stock = max(20_000, int(d.people.sum()) // 2)
        for aid, en, fr, pt, need in (
                ("food", "Food agency", "Agence alimentaire", "Agência alimentar", "food"),
                ("wash", "Water and sanitation cluster", "Cluster eau et assainissement",
                 "Cluster de água e saneamento", "water"),
                ("shelter", "Shelter cluster", "Cluster abris", "Cluster de abrigo", "shelter"),
                ("health", "Health cluster", "Cluster santé", "Cluster de saúde", "health")):
            self.out(f"    - {{id: {aid}, name: {{en: {en}, fr: {fr}, pt: {pt}}}, location: {cap}, "
                     f"sectors: [{need}], stocks: {{{need}: {stock}}}, trucks: 5}}")
        self.out("  units:")
        self.units = {"force": [], "police": [], "civilian": []}
        where = [self.towns[int(i)] for i in rng.permutation(len(self.towns))]
        companies = min(40, max(2, len(d.x) // 250))
        for c in range(companies):
            self.unit("force", f"inf{c + 1}", (f"Infantry company {c + 1}",
                      f"Compagnie d'infanterie {c + 1}", f"Companhia de infantaria {c + 1}"),
                      "infantry", where[c % len(where)], 140, 100)
        self.unit("force", "eng", ("Engineer company", "Compagnie du génie",
                                   "Companhia de engenharia"), "engineer", self.capital, 110, 80)
        self.unit("force", "trn", ("Transport company", "Compagnie de transport",
                                   "Companhia de transporte"), "transport", self.capital, 70, 320)
        self.unit("force", "heli", ("Utility helicopters", "Hélicoptères de transport",
                                    "Helicópteros de transporte"), "helicopter",
                  self.capital, 24, 40, extra=", speed_kmh: 200")
        sites = [i for i, k in enumerate(d.kind) if k == "idp_site"]
        for c in range(min(20, max(1, len(sites) // 3))):
            self.unit("police", f"fpu{c + 1}", (f"Formed police unit {c + 1}",
                      f"Unité de police constituée {c + 1}", f"Unidade de polícia constituída {c + 1}"),
                      "fpu", sites[c], 140, 0)
        self.unit("police", "ipo", ("Individual police officers", "Policiers individuels",
                                    "Agentes de polícia individuais"), "ipo", self.capital, 30, 0)
        self.unit("civilian", "ca", ("Civil affairs", "Affaires civiles", "Assuntos civis"),
                  "civil_affairs", self.capital, 12, 0)
        self.unit("civilian", "hr", ("Human rights officers", "Officiers des droits de l'homme",
                                     "Oficiais de direitos humanos"), "human_rights",
                  self.capital, 8, 0)
        return bases

    def unit(self, team: str, uid: str, name: tuple[str, str, str], kind: str, at: int,
             strength: int, capacity: int, extra: str = "") -> None:
        """A unit, its ``name`` in English, French and Portuguese."""
        en, fr, pt = name
        self.units[team].append(uid)
        self.out(f"    - {{id: {uid}, name: {{en: {en}, fr: \"{fr}\", pt: {pt}}}, kind: {kind}, "
                 f"location: {self.ids[at]}, strength: {strength}, women: {strength // 10}, "
                 f"capacity: {capacity}{extra}}}")

    def teams(self) -> None:
        u = self.units
        self.out(f"""\
teams:
  - {{id: force, name: {{en: Force, fr: Force, pt: Força}}, role: force, budget: 8,
     assets: [{', '.join(u['force'])}]}}
  - {{id: police, name: {{en: Police, fr: Police, pt: Polícia}}, role: police, budget: 6,
     assets: [{', '.join(u['police'])}]}}
  - {{id: civilian, name: {{en: Civilian component, fr: Composante civile,
                             pt: Componente civil}}, role: civilian,
     budget: 12, assets: [{', '.join(u['civilian'])}],
     sources: [own_units, messages, shared, alert_network]}}
  - {{id: humanitarian, name: {{en: Humanitarian coordination, fr: Coordination humanitaire,
                                 pt: Coordenação humanitária}},
     role: humanitarian, budget: 30, assets: [food, wash, shelter, health],
     sources: [own_units, messages, shared, assessments]}}""")

    def msel(self, bases: list[int]) -> None:
        d, ids = self.d, self.ids
        # The flood: the riverside places on a stretch of the river (at most 150 km).
        reach = min(d.side, 150.0)
        start = float(self.rng.uniform(0, d.side - reach))
        flooded = [i for i in np.flatnonzero(d.riverside).tolist() if start <= d.x[i] <= start + reach]
        self.out("msel:")
        if flooded:
            named = ", ".join(ids[i] for i in flooded[:5])
            self.out(f"""\
  - id: flood_warning
    at: {{turn: 1}}
    from: {{en: Hydrological service, fr: Service hydrologique, pt: Serviço hidrológico}}
    to: [all]
    message: {{en: A flood crest is coming down the river within a day.,
               fr: Une crue descend le fleuve et arrivera d'ici un jour.,
               pt: Uma cheia desce o rio e chegará dentro de um dia.}}
    places: [{named}]
  - id: flood
    at: {{turn: 2}}
    from: {{en: Hydrological service, fr: Service hydrologique, pt: Serviço hidrológico}}
    to: [all]
    message: {{en: The river has burst its banks., fr: Le fleuve est sorti de son lit.,
               pt: O rio transbordou.}}
    places: [{named}]
    effects: [{{hazard: {{kind: flood, level: 1.5, rise_hours: 12, duration_hours: 36,
                locations: [{', '.join(ids[i] for i in flooded)}]}}}}]""")
        pts = np.c_[d.x, d.y]
        tree = cKDTree(pts)
        for g, base in enumerate(bases):
            _, near = tree.query(pts[base], k=min(6, len(d.x)))
            targets = [int(i) for i in near[1:] if d.kind[int(i)] in ("village", "town", "market")]
            if not targets:
                continue
            target = targets[0]
            name = d.names[target]
            fighting = f"{{conflict: {{location: {ids[base]}}}}}, " if g == 0 else ""
            self.out(f"""\
  - id: threat_{g + 1}
    at: {{turn: {2 + g % (TURNS - 1)}}}
    from: {{en: Community alert network, fr: Réseau d'alerte communautaire, pt: Rede de alerta comunitário}}
    to: [force, civilian]
    method: alert_network
    message: {{en: "Armed men are gathering to raid {name}.",
               fr: "Des hommes armés se rassemblent pour attaquer {name}.",
               pt: "Homens armados estão a juntar-se para atacar {name}."}}
    places: [{ids[target]}]
    actors: [ag{g + 1}]
    effects: [{fighting}{{threat: {{armed_group: ag{g + 1}, location: {ids[target]},
                                    tactic: raid, in_hours: 10}}}}]
    expected_actions: [{{team: force, action: patrol, location: {ids[target]}, by_turn: {TURNS}}}]""")
        site = next((i for i, k in enumerate(d.kind) if k == "idp_site"), self.capital)
        self.out(f"""\
  - id: site_needs
    at: {{turn: 2}}
    from: {{en: Site committee, fr: Comité du site, pt: Comité do sítio}}
    to: [humanitarian]
    method: phone
    message: {{en: "Newly displaced families at {d.names[site]} have no water or shelter.",
               fr: "Les familles nouvellement déplacées à {d.names[site]} n'ont ni eau ni abri.",
               pt: "As famílias recém-deslocadas em {d.names[site]} não têm água nem abrigo."}}
    places: [{ids[site]}]""")


def _place_name(name: str, kind: str) -> str:
    """The name a place is written with: sites, wells, posts and camps say what they are."""
    said = {"idp_site": ("{} displacement site", "Site de déplacés de {}", "Sítio de deslocados de {}"),
            "camp": ("{} refugee camp", "Camp de réfugiés de {}", "Campo de refugiados de {}"),
            "water_point": ("{} well", "Puits de {}", "Poço de {}"),
            "base": ("Mission base {}", "Base de la mission de {}", "Base da missão de {}"),
            "police_post": ("{} police post", "Poste de police de {}", "Posto de polícia de {}"),
            "health_centre": ("{} health centre", "Centre de santé de {}", "Centro de saúde de {}"),
            "border_crossing": ("{} border post", "Poste frontière de {}", "Posto fronteiriço de {}"),
            "market": ("{} market", "Marché de {}", "Mercado de {}")}.get(kind)
    if said is None:
        return name
    en, fr, pt = (form.format(name) for form in said)
    return f"{{en: {en}, fr: \"{fr}\", pt: {pt}}}"
