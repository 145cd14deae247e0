"""A scripted sparring partner through the PettingZoo environment.

One team is played by a simple policy that reads only its observation arrays; doctrine
bots play every other team. At the end the debrief rates the team's critical tasks.

    pip install 'ttx-sim[pettingzoo]'
    python examples/sparring.py                      # the force on the demo scenario, seed 1
    python examples/sparring.py --scenario scenarios/prevention-central-sahel.yaml --seed 2

The policy, each turn: guard the places it is warned of, the soonest threat first, with
its idle units; then patrol the places messages name; then share what it knows with
every other team.
"""

from __future__ import annotations

import argparse

import numpy as np

from simulator.interop.observations import PLACE_FEATURES, UNIT_FEATURES
from simulator.interop.pettingzoo_env import ExerciseEnv
from simulator.language.scenario import text
from simulator.language.validation import load_scenario
from simulator.shipped import DEMO_SCENARIO, SCENARIOS

COLUMN = {name: i for i, name in enumerate(PLACE_FEATURES)}
UNIT = {name: i for i, name in enumerate(UNIT_FEATURES)}


def presence_action(env: ExerciseEnv, team: str) -> str | None:
    """The team's first action that sends one of its units to a place."""
    for action in env.codes[team].actions:
        types = {p.type for p in action.params.values()}
        if {"unit", "location"} <= types and all(
                p.type in ("unit", "location") or not p.is_required
                for p in action.params.values()):
            return action.id
    return None


def policy(env: ExerciseEnv, team: str, obs: dict) -> np.ndarray:
    """Order codes for one turn, from the team's observation alone."""
    layout, codes = env.layouts[team], []
    places = obs["places"]
    idle = [layout.units[i] for i, row in enumerate(obs["units"]) if row[UNIT["busy"]] == 0]
    action = presence_action(env, team)
    threatened = sorted(np.flatnonzero(places[:, COLUMN["threats"]] > 0),
                        key=lambda i: places[i, COLUMN["threat_in_hours"]])
    named = np.flatnonzero(places[:, COLUMN["messages_naming"]] > 0)
    targets = list(dict.fromkeys([*threatened, *named]))
    for row in targets:
        if not idle or action is None or len(codes) == env.slots:
            break
        mode = "guard" if row in threatened else "patrol"
        params = {"unit": idle.pop(0), "location": layout.places[row]}
        try:
            codes.append(env.encode(team, action, {**params, "mode": mode}))
        except ValueError:  # an action without a mode
            codes.append(env.encode(team, action, params))
    if "share_information" in {a.id for a in env.codes[team].actions}:
        for other in env.scenario.teams:
            if other.id != team and len(codes) < env.slots:
                codes.append(env.encode(team, "share_information", {"to": other.id}))
    return np.array(codes + [0] * (env.slots - len(codes)), dtype=np.int64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default=str(SCENARIOS / DEMO_SCENARIO))
    parser.add_argument("--team", default="force")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    scenario = load_scenario(args.scenario)
    teams = [t.id for t in scenario.teams]
    if args.team not in teams:
        parser.error(f"--team: no team {args.team!r}; the teams: {', '.join(teams)}")
    bots = {team: "doctrine" for team in teams if team != args.team}
    env = ExerciseEnv(scenario, bots=bots, slots=6)
    names = {t.id: text(t.name) for t in env.scenario.teams}
    print(f"{text(env.scenario.metadata.title)}, seed {args.seed}: {names[args.team]} "
          f"played by a scripted policy, {', '.join(names[t] for t in bots)} by doctrine bots")
    obs, _ = env.reset(seed=args.seed)
    while env.agents:
        actions = {args.team: policy(env, args.team, obs[args.team])}
        obs, rewards, _, _, infos = env.step(actions)
        orders = infos[args.team]["orders"]
        refused = [o for o in orders if o["status"] != "accepted"]
        print(f"turn {infos[args.team]['turn']:2d}: {len(orders) - len(refused)} orders "
              f"accepted, {len(refused)} refused"
              + "".join(f"; {o['action']}: {o['detail']}" for o in refused))
    info = infos[args.team]
    print(f"\nDebrief ratings for {names[args.team]} (reward {rewards[args.team]:.2f} of 3):")
    for r in info["ratings"]:
        print(f"  {r['rating'] or 'not observed':<12}  {r['title']}")


if __name__ == "__main__":
    main()
