"""A course's records: final ratings (after overrides) rolled up onto the competency
framework per team and per trainee; sign-offs by the course's evaluators only."""

import pytest

from tests.portal.conftest import User, command
from tests.portal.test_courses_api import COURSE, csv_post
from tests.simulator.classroom.test_courses import COHORT


def play_poc(instructor: User) -> dict:
    """poc-inner-delta with the force played by trainees who order nothing, every other
    team by doctrine bots, to the end."""
    r = instructor.post("/api/exercises", {
        "name": "Inner delta", "scenario": "poc-inner-delta", "seed": 1, "lang": "en",
        "bots": {"police": "doctrine", "civilian": "doctrine", "humanitarian": "doctrine"}})
    assert r.status_code == 201, r.text
    made = r.json()
    ex = made["id"]
    command(instructor, ex, "start")
    while True:
        if command(instructor, ex, "close")["phase"] == "finished":
            return made
        command(instructor, ex, "open")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """One course, 25 trainees, one finished exercise: six trainees in the force."""
    from simulator.portal import create_app
    app = create_app(tmp_path_factory.mktemp("course") / "ttx.db")
    instructor = User(app, app.state.store.add_credential("instructor"))
    c = instructor.post("/api/courses", COURSE).json()["id"]
    ids = csv_post(instructor, f"/api/courses/{c}/trainees/import",
                   COHORT.read_text(encoding="utf-8")).json()["ids"]
    made = play_poc(instructor)
    r = instructor.post(f"/api/courses/{c}/exercises/{made['id']}",
                        {"teams": {"force": ids[:6], "civilian": ids[6:10]}})
    assert r.status_code == 200, r.text
    return {"app": app, "instructor": instructor, "course": c, "ids": ids, "made": made}


def competency(record: dict, cid: str) -> dict:
    return next(x for x in record["competencies"] if x["id"] == cid)


def test_the_force_trainees_carry_the_force_tasks_under_their_competencies(course):
    got = course["instructor"].get(f"/api/courses/{course['course']}/records").json()
    ids = course["ids"]
    mine = got["trainees"][str(ids[0])]
    assert mine["name"] == "Aïssata Asante"
    assert len(mine["competencies"]) == 7
    poc = competency(mine, "protection_of_civilians")
    # A force that ordered nothing: every force task it counts for is rated U, with evidence.
    assert poc["tasks"] >= 1 and poc["counts"]["U"] == poc["tasks"] and poc["latest"] == "U"
    assert all(r["team"] == "force" and r["exercise"] == course["made"]["id"]
               and r["evidence"] for r in poc["ratings"])
    # Trainees in no team of any exercise have nothing under any competency.
    idle = got["trainees"][str(ids[20])]
    assert all(x["tasks"] == 0 and x["ratings"] == [] for x in idle["competencies"])
    # The teams' records: the force's and the civilians' (bots also played, but no
    # trainee: still listed per team).
    teams = {(t["exercise"], t["team"]) for t in got["teams"]}
    assert (course["made"]["id"], "force") in teams


def test_an_override_changes_the_final_rating_and_is_marked(course):
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    before = course["instructor"].get(f"/api/courses/{course['course']}/records").json()
    rating = competency(before["trainees"][str(course["ids"][1])],
                        "protection_of_civilians")["ratings"][0]
    r = evaluator.form("/evaluator/overrides", {"task": rating["task"], "rating": "M",
                                                "justification": "Some presence, late."})
    assert r.status_code == 303
    after = evaluator.get(f"/api/courses/{course['course']}/records").json()
    moved = next(x for x in competency(after["trainees"][str(course["ids"][1])],
                                       "protection_of_civilians")["ratings"]
                 if x["task"] == rating["task"])
    assert (moved["draft"], moved["final"], moved["overridden"]) == ("U", "M", True)
    assert moved["justification"] == "Some presence, late."


def test_an_evaluator_signs_off_once_per_key_and_the_latest_counts(course):
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    c, t = course["course"], course["ids"][2]
    path = f"/api/courses/{c}/trainees/{t}/signoffs"
    body = {"competency": "un_police", "status": "not_yet_met", "evaluator": "Cdt. Sawadogo",
            "comment": "Did not keep public order at the site."}
    first = evaluator.post(path, body, key="k1")
    assert first.status_code == 201
    again = evaluator.post(path, body, key="k1")
    assert again.status_code == 200 and again.json()["seq"] == first.json()["seq"]
    assert evaluator.post(path, dict(body, status="met", comment="Retested."),
                          key="k2").status_code == 201
    got = course["instructor"].get(f"/api/courses/{c}/records").json()
    signed = competency(got["trainees"][str(t)], "un_police")["signoff"]
    assert signed["status"] == "met" and signed["evaluator"] == "Cdt. Sawadogo"
    export = course["instructor"].get(f"/api/courses/{c}/trainees/{t}").json()
    assert [s["status"] for s in export["signoffs"]] == ["not_yet_met", "met"]


def test_sign_offs_refuse_bad_input_and_other_roles(course):
    app, c, t = course["app"], course["course"], course["ids"][3]
    evaluator = User(app, course["made"]["codes"]["evaluator"])
    path = f"/api/courses/{c}/trainees/{t}/signoffs"
    body = {"competency": "un_police", "status": "met", "evaluator": "X"}
    r = evaluator.post(path, dict(body, competency="piloting"))
    assert r.status_code == 422 and r.json()["reason"] == "unknown_competency"
    assert "protection_of_civilians" in r.json()["detail"]
    assert evaluator.post(path, dict(body, status="maybe")).status_code == 422
    assert evaluator.post(f"/api/courses/{c}/trainees/99999/signoffs", body).status_code == 404
    assert evaluator.post(path, body, csrf=False).status_code == 403
    team = User(app, course["made"]["codes"]["teams"]["force"])
    assert team.post(path, body).status_code == 403
    assert team.get(f"/api/courses/{c}/records").status_code == 403
    assert course["instructor"].post(path, body).status_code == 403  # evaluators sign
    # An evaluator of an exercise outside the course sees and signs nothing of it.
    other = course["instructor"].post("/api/exercises", {
        "name": "Elsewhere", "scenario": "poc-inner-delta", "seed": 2, "lang": "en",
        "bots": {}}).json()
    outsider = User(app, other["codes"]["evaluator"])
    assert outsider.get(f"/api/courses/{c}/records").status_code == 403
    assert outsider.post(path, body).status_code == 403
    signed = competency(course["instructor"].get(f"/api/courses/{c}/records").json()
                        ["trainees"][str(t)], "un_police")["signoff"]
    assert signed is None  # nothing refused was stored


def test_the_class_record_as_csv_and_xlsx(course):
    import csv
    import io
    import re

    from openpyxl import load_workbook

    instructor, c = course["instructor"], course["course"]
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    t = course["ids"][0]
    assert evaluator.post(f"/api/courses/{c}/trainees/{t}/signoffs", {
        "competency": "gender_wps", "status": "met", "evaluator": "Lt. Ouattara"}).status_code == 201
    r = instructor.get(f"/api/courses/{c}/record.csv?lang=en")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Name", "Country", "Service", "Sex", "Email"]
    assert "Gender and women, peace and security (WPS): sign-off" in rows[0]
    assert len(rows) == 26
    mine = next(row for row in rows if row[0] == "Aïssata Asante")
    assert mine[1:4] == ["Mali", "military", "female"]
    assert mine[rows[0].index("Gender and women, peace and security (WPS): sign-off")] == "met"
    counted = mine[rows[0].index("Protection of civilians: ratings")]  # e.g. "M1 U4"
    assert re.fullmatch(r"([PSMU][1-9]\d*)( [PSMU][1-9]\d*)*", counted), counted
    r = instructor.get(f"/api/courses/{c}/record.xlsx")  # the course's language: French
    sheet = load_workbook(io.BytesIO(r.content)).active
    head = [cell.value for cell in sheet[1]]
    assert head[:4] == ["Nom", "Pays", "Service", "Sexe"] and sheet["A1"].font.bold
    assert sheet.max_row == 26 and sheet.freeze_panes == "B2"
    team = User(course["app"], course["made"]["codes"]["teams"]["force"])
    assert team.get(f"/api/courses/{c}/record.csv").status_code == 403


def test_certificates_print_one_a4_page_per_trainee_in_both_languages(course, tmp_path):
    from tests.debrief.test_print import A4, _chromium, pdf_pages, pdf_title, print_to_pdf

    instructor, c = course["instructor"], course["course"]
    evaluator = User(course["app"], course["made"]["codes"]["evaluator"])
    t = course["ids"][4]
    evaluator.post(f"/api/courses/{c}/trainees/{t}/signoffs", {
        "competency": "protection_of_civilians", "status": "met", "evaluator": "Col. Keïta"})
    evaluator.post(f"/api/courses/{c}/trainees/{t}/signoffs", {
        "competency": "human_rights", "status": "not_yet_met", "evaluator": "Col. Keïta"})
    one = instructor.get(f"/courses/{c}/certificates?trainee={t}")
    assert one.status_code == 200
    html = one.text
    assert html.count('class="certificate"') == 1
    assert "École de maintien de la paix" in html and "PoC course 2027-1" in html
    assert "11 January 2027 – 22 January 2027" in html and "11 janvier 2027" in html
    assert "Protection of civilians" in html and "Protection des civils" in html
    assert "Col. Keïta" in html
    assert "Human rights" not in html  # not yet met: not certified
    assert "Inner delta" in html and "Force (Sector West)" in html
    assert "Force (secteur Ouest)" in html
    assert instructor.get(f"/courses/{c}/certificates?trainee=99999").status_code == 404
    assert evaluator.get(f"/courses/{c}/certificates").status_code == 403
    everyone = instructor.get(f"/courses/{c}/certificates").text
    assert everyone.count('class="certificate"') == 25
    page = tmp_path / "certificates.html"
    page.write_text(everyone, encoding="utf-8")
    data = print_to_pdf(_chromium(), page, tmp_path)
    pages = pdf_pages(data)
    assert len(pages) == 25
    assert all(abs(p["size"][0] - A4[0]) <= 1 and abs(p["size"][1] - A4[1]) <= 1 and p["drawn"]
               for p in pages)
    assert " cut=0 wide=0" in pdf_title(data)


def test_a_trainee_reads_their_own_record_and_nothing_else(course):
    app, instructor, c = course["app"], course["instructor"], course["course"]
    r = instructor.post(f"/api/courses/{c}/trainee-codes")
    assert r.status_code == 201
    codes = r.json()["codes"]
    assert len(codes) == 25
    first, other = course["ids"][0], course["ids"][1]
    me = User(app, codes[str(first)])
    assert me.me["role"] == "trainee" and me.me["exercise"] is None
    record = me.get("/api/me/record").json()
    assert record["name"] == "Aïssata Asante"
    assert record["course"]["school"] == "École de maintien de la paix"
    assert [e["name"] for e in record["exercises"]] == ["Inner delta"]
    assert competency(record, "protection_of_civilians")["tasks"] >= 1
    page = me.get("/trainee", lang="fr").text
    assert "Mon relevé" in page and "Aïssata Asante" in page
    other_name = app.state.courses.trainee(c, other)["name"]
    assert other_name not in page
    ex = course["made"]["id"]
    for path in (f"/api/courses/{c}/records", f"/courses/{c}/class", f"/api/courses/{c}",
                 f"/api/courses/{c}/trainees/{other}", f"/api/exercises/{ex}/state",
                 "/instructor/courses", f"/courses/{c}/cohort", "/team", "/evaluator"):
        assert me.get(path).status_code in (303, 403), path
    assert User(app).get("/api/me/record").status_code == 401
    assert instructor.get("/api/me/record").status_code == 403
    # New codes: the old code and the session it opened stop working.
    again = instructor.post(f"/api/courses/{c}/trainee-codes").json()["codes"]
    assert again[str(first)] != codes[str(first)]
    assert me.get("/api/me/record").status_code == 401
    assert User(app).post("/api/join", {"code": codes[str(first)]}).status_code == 401
    assert User(app, again[str(first)]).get("/api/me/record").json()["name"] == "Aïssata Asante"


def test_deleting_a_trainee_ends_their_sessions(app, instructor):
    c = instructor.post("/api/courses", COURSE).json()["id"]
    (tid,) = csv_post(instructor, f"/api/courses/{c}/trainees/import",
                      "name,country,service,sex\nAwa Ndiaye,Senegal,civilian,female\n"
                      ).json()["ids"]
    code = instructor.post(f"/api/courses/{c}/trainee-codes").json()["codes"][str(tid)]
    me = User(app, code)
    assert me.get("/api/me/record").status_code == 200
    r = instructor.http.delete(f"/api/courses/{c}/trainees/{tid}",
                               headers={"X-CSRF-Token": instructor.csrf})
    assert r.status_code == 204
    assert me.get("/api/me/record").status_code == 401
    assert User(app).post("/api/join", {"code": code}).status_code == 401
