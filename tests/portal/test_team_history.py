"""A team's orders of the turns played and what became of them; refusals in plain words."""

from __future__ import annotations

import re

from simulator.portal import create_app
from tests.portal.conftest import PATROL, User, command

TO_TOWN = {"action": "patrol", "params": {"unit": "coy_a", "location": "town"}}


def main_of(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def history(html: str) -> str:
    """The section of the turns played, up to the situation report."""
    main = main_of(html)
    start = main.find('<ol class="orders past">')
    return main[main.rfind("<h2>", 0, start):main.find("</ol>", main.rfind(
        '<ol class="orders past">')) + 5] if start >= 0 else ""


def again(app, user: User) -> User:
    """The same browser on a new server (the same database): the exercise is replayed."""
    other = User(app)
    other.http.cookies = user.http.cookies
    other.csrf, other.me = user.csrf, user.me
    return other


def test_a_team_sees_its_past_orders_by_name_and_what_became_of_them(app, made, teams,
                                                                     instructor, tmp_path):
    ex = made["id"]
    command(instructor, ex, "start")
    force, civ = teams["force"], teams["civilian"]
    assert force.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]}
                      ).status_code == 200
    assert civ.post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [
        {"action": "share", "params": {"to": "force"}}]}).status_code == 200
    assert history(force.get("/team").text) == ""  # nothing played yet
    # A second order for the same unit, stored as a submission that raced a change of
    # the world: the engine refuses it when the turn is adjudicated.
    app.state.store.append(ex, "submit", {"decisions": [PATROL, TO_TOWN]}, "force")
    app = create_app(app.state.store.path)
    force, civ, instructor = again(app, force), again(app, civ), again(app, instructor)
    command(instructor, ex, "close")

    en = history(force.get("/team", lang="en").text)
    assert "Your orders in the turns played" in en and "Turn 1 · day 1, 00:00" in en
    first, second = re.findall(r"<li>.*?</li>", en, re.S)
    assert "Patrol" in first and "A Company" in first and "Village" in first
    assert "Carried out: it had its effect." in first
    assert "Town" in second and "Refused:" in second and "A Company" in second
    assert "already has an order this turn" in second
    fr = history(force.get("/team", lang="fr").text)
    assert "Vos ordres des tours joués" in fr and "Tour 1 · jour 1, 00 h 00" in fr
    assert "Patrouille" in fr and "Exécuté : il a eu son effet." in fr
    assert "Refusé : L&#39;unité A Company a déjà reçu un ordre ce tour-ci." in fr
    for html in (en, fr):
        assert "coy_a" not in html and "village" not in html and "missing_asset" not in html
    shared = history(civ.get("/team", lang="en").text)
    assert "Share information" in shared and "to: Force" in shared
    assert "Accepted, but nothing new was passed on." in shared
    assert "Accepté, mais rien de nouveau n&#39;a été transmis." in \
        history(civ.get("/team", lang="fr").text)
    # The refusal also comes back in the next turn's report, in words.
    command(instructor, ex, "open")
    report = force.get("/team", lang="en").text.split('<section class="report">', 1)[1]
    assert "Order rejected: Patrol" in report and "A Company already has an order" in report
    assert "coy_a" not in report and "d01-force" not in report


def test_a_refused_order_names_the_unit_in_the_teams_language(made, teams, instructor):
    ex = made["id"]
    command(instructor, ex, "start")
    force = teams["force"]
    assert force.form("/team/orders", {"turn": "1", "action": "patrol", "p_unit": "coy_a",
                                       "p_location": "village"}).status_code == 303
    for lang, said in (("en", "order 2 (Patrol): Unit A Company already has an order this turn"),
                       ("fr", "ordre 2 (Patrouille) : L&#39;unité A Company a déjà reçu un "
                              "ordre ce tour-ci")):
        force.get("/", lang=lang)
        r = force.form("/team/orders", {"turn": "1", "action": "patrol", "p_unit": "coy_a",
                                        "p_location": "town"})
        assert r.status_code == 422
        (error,) = re.findall(r'<p class="error" role="alert">.*?</p>', r.text, re.S)
        assert said in error
        assert "coy_a" not in error and "missing_asset" not in error
