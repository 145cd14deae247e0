"""A team's reward for an exercise: the debrief's ratings of its critical tasks as a number.

The finished exercise is rated by the debrief's own code (``debrief.ratings``) from the
data its run folder would hold (``debrief.rundata.run_of``, what ``write_run`` writes and
``load_run`` reads). A team's tasks are those that name it and those that name no team
(the whole mission's). Each scores ``SCORES`` of its rating; the reward is their mean,
from 0 (every task unable to be performed, or not observed) to 3 (every task performed
without challenges); 0 for a team without tasks.
"""

from __future__ import annotations

from debrief.ratings import rate_objectives
from debrief.rundata import run_of
from simulator.language.scenario import text
from simulator.play.exercise import Exercise

# P performed without challenges, S with some, M with major ones, U unable to be
# performed; a task not observed showed nothing done, as U.
SCORES = {"P": 3.0, "S": 2.0, "M": 1.0, "U": 0.0, None: 0.0}


def team_ratings(ex: Exercise, team: str) -> list[dict]:
    """The ratings of ``team``'s critical tasks in a finished exercise, in scenario order:
    ``{objective, task, title, rating}`` (title in the exercise's language; rating P, S,
    M, U or None when not observed)."""
    titles = {c.id: text(c.title, ex.lang) for o in ex.scenario.objectives
              for c in o.critical_tasks}
    return [{"objective": o.id, "task": t.id, "title": titles[t.id], "rating": t.rating}
            for o in rate_objectives(ex.scenario, run_of(ex)) for t in o.tasks
            if t.team in (team, None)]


def score(ratings: list[dict]) -> float:
    """The mean score of these task ratings (0 for none)."""
    return sum(SCORES[r["rating"]] for r in ratings) / len(ratings) if ratings else 0.0
