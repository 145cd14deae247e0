"""Every page in English and French with no missing text, and nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.portal import i18n
from simulator.portal.i18n import LABEL_GROUPS, LABELS, LANGUAGES, SIGNOFFS, label, say
from tests.portal.conftest import PATROL, SCENARIO, TEAMS, User, command, new_exercise
from tests.untranslated import english_left, keys_shown, shown_text

PORTAL = Path(i18n.__file__).resolve().parent
REASONS = re.compile(r'(?:Refused|ApiError)\((?:\d+, )?"([a-z_]+)"')


def test_the_names_of_codes_are_in_the_catalogues_and_told_apart_by_context():
    from simulator.languages import extract
    extracted = {(m.id, m.context) for m in extract() if m.id}
    tables = (LABELS, i18n.ROLES, i18n.SERVICES, i18n.SEXES, SIGNOFFS, i18n.LIMITS,
              i18n.OTHERS_SHOWN)
    for table in tables:
        for code, entry in table.items():
            assert (tuple(reversed(entry)) if isinstance(entry, tuple) else (entry, None)) \
                in extracted, code
    # The same English word, translated for where it is shown.
    assert (label("ea_met", "fr"), say(SIGNOFFS["met"], "fr")) == ("réalisée", "acquise")
    assert (label("expected_hour", "fr"), label("due", "fr")) == ("attendue", "attendu")
    assert label("shelter", "fr") == "abri" and label("shelter") == "shelter"
    assert label("phase_open", "fr") == "Tour ouvert" and label("phase_open") == "Turn open"
    # A code the table lacks is shown as itself, without its group's prefix.
    assert label("why_no_such_reason", "fr") == "no such reason"


def test_every_code_the_templates_and_code_name_has_its_text():
    from simulator.classroom.courses import SERVICES as SERVICE_CODES
    from simulator.classroom.courses import SEXES as SEX_CODES
    from simulator.classroom.store import OTHERS_SHOWN as OTHERS_CODES
    from simulator.portal.quotas import KINDS
    assert set(i18n.ROLES) == {"instructor", "team", "evaluator", "trainee"}
    assert set(i18n.SERVICES) == set(SERVICE_CODES) and set(i18n.SEXES) == set(SEX_CODES)
    assert set(SIGNOFFS) == {"met", "not_yet_met"} and set(i18n.LIMITS) == set(KINDS)
    assert set(i18n.OTHERS_SHOWN) == set(OTHERS_CODES)
    for prefix, codes in LABEL_GROUPS.items():
        assert {prefix + c for c in codes} <= set(LABELS), prefix
    from agents.bots import BOTS
    assert {f"bot_{b}" for b in BOTS} <= set(LABELS)
    # Every refusal the portal or the live exercise can give has its explanation.
    sources = [*PORTAL.glob("*.py"), PORTAL.parent / "classroom" / "live.py"]
    reasons = {r for p in sources for r in REASONS.findall(p.read_text())}
    assert {"turn_closed", "paused", "csrf", "forbidden", "wrong_phase"} <= reasons
    assert {f"why_{r}" for r in reasons} <= set(LABELS), {r for r in reasons
                                                          if f"why_{r}" not in LABELS}
    # The templates write their text in English through tr/ntr: no key left.
    for path in PORTAL.glob("templates/*.j2"):
        assert not re.search(r"""[^\w.]t\(""", path.read_text()), path.name


def external_urls(html: str) -> list[str]:
    """Addresses of another origin: in src/href/action attributes, or written out. An
    inline map's XML namespaces (xmlns="http://www.w3.org/2000/svg") name, never fetch."""
    html = re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", html)
    found = []
    for url in re.findall(r"""(?:src|href|action)\s*=\s*["']?([^"'\s>]+)""", html, re.I):
        if url.startswith("//") or (re.match(r"[a-z][a-z0-9+.-]*:", url, re.I)
                                    and not url.startswith(("data:", "http://testserver/"))):
            found.append(url)
    found += [u for u in re.findall(r"https?://[^\s\"'<>]+", html)
              if not u.startswith("http://testserver/")]
    found += re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", html)
    return found


def test_the_url_check_can_fail():
    assert external_urls('<img src="https://cdn.example/x.png">')
    assert external_urls('<link href="//cdn.example/x.css">')
    assert external_urls("see http://example.org/ for more")
    assert not external_urls('<a href="/team">x</a> <img src="data:image/png;base64,AA">')
    assert not external_urls('<svg xmlns="http://www.w3.org/2000/svg" '
                             'xmlns:xlink="http://www.w3.org/1999/xlink"></svg>')
    assert external_urls('<svg xmlns="http://www.w3.org/2000/svg"><image '
                         'xlink:href="https://cdn.example/x.png"/></svg>')


def crawl(app, instructor, visit) -> None:
    """An exercise taken through every phase; at each, ``visit(phase, pages)`` fetches the
    pages of every role (path, user)."""
    made = new_exercise(instructor, bots={"police": "doctrine"})
    ex = made["id"]
    teams = {t: User(app, c) for t, c in made["codes"]["teams"].items()}
    evaluator = User(app, made["codes"]["evaluator"])
    anonymous = User(app)

    def pages() -> list[tuple[str, User]]:
        out = [("/", anonymous), ("/", teams["force"]), ("/instructor", instructor),
               ("/instructor/new", instructor), (f"/instructor/exercises/{ex}", instructor),
               ("/evaluator", evaluator), ("/evaluator?turn=1", evaluator),
               ("/instructor", teams["force"])]  # an error page
        out += [("/team", teams[t]) for t in TEAMS if t in teams]
        live = app.state.registry.get(ex)
        if live.phase != "setup":
            out.append((f"/instructor/exercises/{ex}/turns/1", instructor))
        return out

    visit("setup", pages())
    command(instructor, ex, "start")
    instructor.form(f"/instructor/exercises/{ex}/fire", {"inject": "held-news"})
    instructor.form(f"/instructor/exercises/{ex}/inject", {
        "from": "EXCON", "to": ["force", "civilian"], "message_en": "Roadblock at the bridge",
        "message_fr": "Barrage au pont", "hour": "0"})
    teams["force"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [PATROL]})
    teams["humanitarian"].post(f"/api/exercises/{ex}/submit", {"turn": 1, "decisions": [
        {"action": "assess", "params": {"location": "village"}}]})
    evaluator.form("/evaluator/notes", {"turn": "1", "team": "force", "text": "A note."})
    evaluator.form("/evaluator/overrides", {"task": "ct-presence", "rating": "M",
                                            "justification": "Far too late at the village."})
    visit("open", pages())
    command(instructor, ex, "pause")
    visit("paused", pages())
    command(instructor, ex, "resume")
    command(instructor, ex, "close")
    visit("closed", pages())
    for name in ("open", "close", "open", "close", "open"):
        command(instructor, ex, name)
    teams["humanitarian"].post(f"/api/exercises/{ex}/submit", {"turn": 4, "decisions": [
        {"action": "deliver", "params": {"location": "site", "need": "water", "amount": 900}}]})
    visit("last turn", pages())
    command(instructor, ex, "close")
    visit("finished", pages() + [(f"/exercises/{ex}/debrief", instructor)])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every page of ``crawl`` in each language: {(phase, path, lang): (status, html)}."""
    from simulator.portal import create_app
    app = create_app(tmp_path_factory.mktemp("i18n") / "ttx.db")
    instructor = User(app, app.state.store.add_credential("instructor"))
    i18n.MISSED.clear()
    out = {}

    def visit(phase: str, pages: list[tuple[str, User]]) -> None:
        for path, user in pages:
            for lang in LANGUAGES:
                r = user.get(path, lang=lang)
                out[(phase, path, lang, user.me.get("team") or user.me.get("role", "-"))] = \
                    (r.status_code, r.text)

    crawl(app, instructor, visit)
    # Pages answering a form post: the team choice, the code sheet, an upload's problems.
    for lang in LANGUAGES:
        instructor.http.cookies.set("ttx_lang", lang)
        step = instructor.form("/instructor/new", {"name": "x", "seed": "1", "lang": "en",
                                                   "scenario": "flood-season"})
        draft = re.search(r'name="draft" value="([^"]+)"', step.text).group(1)
        sheet = instructor.form("/instructor/exercises", {"draft": draft, "name": "x",
                                                          "seed": "1", "lang": "en"})
        bad = instructor.http.post("/instructor/new", data={"csrf": instructor.csrf, "name": "x",
                                                            "seed": "0", "lang": "en"},
                                   files={"upload": ("x.yaml", b"metadata: {id: 1}\n")})
        stranger = User(app)
        stranger.http.cookies.set("ttx_lang", lang)
        wrong = stranger.http.post("/join", data={"code": "nope"})
        for name, r in [("teams", step), ("sheet", sheet), ("problems", bad), ("join", wrong)]:
            out[("post", name, lang, "-")] = (r.status_code, r.text)
    # Self-paced practice: the instructor's links, a link's page, a practice team's page.
    link = instructor.post("/api/practice", {"scenario_text": SCENARIO, "team": "force",
                                             "seed": 3, "lang": "en"}).json()["link"]
    player = User(app)
    form = re.search(r'name="form" value="([^"]+)"', player.get(link).text).group(1)
    assert player.http.post(link, data={"form": form}).status_code == 303
    for lang in LANGUAGES:
        for name, user, path in [("offers", instructor, "/instructor/practice"),
                                 ("link", User(app), link), ("team", player, "/team"),
                                 ("list", instructor, "/instructor")]:
            r = user.get(path, lang=lang)
            out[("practice", name, lang, "-")] = (r.status_code, r.text)
    return out


@pytest.mark.slow
def test_every_page_renders_in_every_language(rendered):
    assert len(rendered) > 100
    for (phase, path, lang, who), (status, html) in rendered.items():
        where = f"{phase} {path} {lang} {who}"
        assert status in (200, 401, 403, 422), where
        if path == "/instructor" and who != "instructor":
            assert status == 403, where
        assert html.startswith("<!doctype html>") or html.startswith("<!DOCTYPE html>"), where
        if "debrief" not in path:
            assert f'<html lang="{lang}">' in html, where
    assert {k[2] for k in rendered} == set(LANGUAGES) and len(LANGUAGES) >= 3
    for (phase, path, lang, who), (_, html) in rendered.items():
        if lang != "en":
            assert html != rendered[(phase, path, "en", who)][1], (phase, path, lang, who)


@pytest.mark.slow  # with the others of `rendered`: one crawl
def test_no_page_leaves_english_or_shows_a_code_in_any_language(rendered):
    for (phase, path, lang, who), (_, html) in rendered.items():
        shown = shown_text(html)
        assert keys_shown(shown) == [], (phase, path, lang, who)
        if lang != "en":
            assert english_left(shown, lang) == [], (phase, path, lang, who)


@pytest.mark.slow  # with the others of `rendered`: one crawl
def test_french_pages_say_it_in_french(rendered):
    html = rendered[("open", "/team", "fr", "force")][1]
    assert "Le tour 1 sur 4 est ouvert" in html and "Barrage au pont" in html
    assert "Roadblock" not in html
    assert "Nouvel exercice" in rendered[("setup", "/instructor", "fr", "instructor")][1]
    assert "Codes d&#39;accès" in rendered[("post", "sheet", "fr", "-")][1]
    # A count with its plural (the upload has 8 problems).
    assert "The scenario has 8 problems:" in rendered[("post", "problems", "en", "-")][1]
    assert "Le scénario a 8 problèmes :" in rendered[("post", "problems", "fr", "-")][1]


@pytest.mark.slow  # with the others of `rendered`: one crawl
def test_portuguese_pages_say_it_in_portuguese(rendered):
    html = rendered[("open", "/team", "pt", "force")][1]
    assert "O turno 1 de 4 está aberto" in html and "Roadblock" in html  # the exercise is in en
    assert "Novo exercício" in rendered[("setup", "/instructor", "pt", "instructor")][1]
    assert "O cenário tem 8 problemas:" in rendered[("post", "problems", "pt", "-")][1]
    assert 'title="português"' in html and "<option value=\"pt\"" in \
        rendered[("setup", "/instructor/new", "pt", "instructor")][1]


@pytest.mark.slow  # with the others of `rendered`: one crawl
def test_no_label_of_a_known_group_is_missing(rendered):
    groups = ("why_", "phase_", "cmd_", "bot_", "rating_", "status_", "sec_")
    assert not {k for k in i18n.MISSED if k.startswith(groups)}


@pytest.mark.slow  # with the others of `rendered`: one crawl
def test_no_page_loads_or_links_anything_from_elsewhere(rendered, app):
    for key, (_, html) in rendered.items():
        assert external_urls(html) == [], key
    css = User(app).http.get("/static/style.css")
    assert css.status_code == 200 and external_urls(css.text) == []
    assert "@import" not in css.text
    assert all("<script" not in html for _, html in rendered.values())


@pytest.mark.slow  # long: started first, so the workers finish together
@pytest.mark.parametrize("scenario", ["cmcoord-corridor", "flood-season", "poc-inner-delta",
                                      "prevention-central-sahel"])
def test_the_shipped_scenarios_pages_render_for_every_team(app, instructor, scenario):
    from tests.debrief.test_names_not_ids import leaked, plain_words, scenario_ids

    r = instructor.post("/api/exercises", {"name": scenario, "scenario": scenario, "seed": 1,
                                           "lang": "fr"})
    assert r.status_code == 201
    ex, codes = r.json()["id"], r.json()["codes"]
    command(instructor, ex, "start")
    live = app.state.registry.get(ex)
    ids = scenario_ids(live.scenario)
    words = {lang: plain_words(live.scenario, lang) for lang in LANGUAGES}

    def no_ids(page, lang: str, where: str) -> None:
        """Names, not ids, in what the page shows (a team's orders, reports, the map)."""
        assert not leaked(shown_text(page.text), ids, words[lang]), f"{where} ({lang})"
    users = {team: User(app, code) for team, code in codes["teams"].items()}
    for team, user in users.items():
        for lang in LANGUAGES:
            page = user.get("/team", lang=lang)
            assert page.status_code == 200 and external_urls(page.text) == []
            assert page.text.count('name="action" value=') == len(live.scenario.actions_of(team))
            no_ids(page, lang, f"team page of {team}, turn 1")
    command(instructor, ex, "close")
    command(instructor, ex, "open")
    evaluator = User(app, codes["evaluator"])
    for lang in LANGUAGES:
        for where, page in (("evaluator", evaluator.get("/evaluator", lang=lang)),
                            ("console", instructor.get(f"/instructor/exercises/{ex}",
                                                       lang=lang)),
                            ("first team, turn 2", next(iter(users.values())).get(
                                "/team", lang=lang))):
            assert page.status_code == 200
            no_ids(page, lang, where)


def test_a_first_visit_reads_the_browsers_language(app):
    """No choice made yet: the first language of the browser's list the portal offers."""
    def heading(accept: str) -> str:
        page = User(app).http.get("/", headers={"accept-language": accept}).text
        return re.search(r'<html lang="(\w+)">', page).group(1)
    assert heading("pt-PT,pt;q=0.9,en;q=0.8") == "pt"
    assert heading("de-DE,fr-SN;q=0.9") == "fr"
    assert heading("ha-NG") == "en"  # no Hausa catalogue: English
