"""The Host allowlist: a request named for another site gets 400 (JSON under /api, a page
otherwise), so no page is ever built from a stranger's name (the code sheet prints the
address to open) and a rebound DNS name reaches nothing."""

from __future__ import annotations

import pytest

from simulator.portal import create_app, hosts
from tests.portal.conftest import SCENARIO, TestClient, User
from tests.portal.serve_cli import dry_serve


@pytest.mark.parametrize("header, host", [
    ("127.0.0.1:8000", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8443", "::1"),
    ("ttx.school.example.", "ttx.school.example"), ("evil.example", "evil.example"),
    ("", None), ("a@b", None), ("host:port", None), ("host/path", None), ("host?x", None),
])
def test_the_name_in_a_host_header(header, host):
    assert hosts.host_of(header) == host


def test_the_names_of_each_kind_of_address(monkeypatch):
    monkeypatch.setattr(hosts, "interface_addresses", lambda: ["127.0.0.1", "::1", "192.0.2.7",
                                                               "fe80::1", "2001:db8::7"])
    monkeypatch.setattr(hosts, "main_lan_address", lambda: "192.0.2.7")
    monkeypatch.setattr(hosts.socket, "gethostname", lambda: "Laptop")
    assert hosts.own_names("127.0.0.1") == ["localhost", "127.0.0.1", "::1"]
    assert hosts.own_names("0.0.0.0", ["TTX.School.Example"]) == [
        "localhost", "127.0.0.1", "::1", "192.0.2.7", "2001:db8::7", "laptop", "laptop.local",
        "ttx.school.example"]
    assert hosts.own_names("192.0.2.7") == ["192.0.2.7"]
    assert "192.0.2.99" not in hosts.allowlist("0.0.0.0")
    monkeypatch.setattr(hosts, "interface_addresses", lambda: ["127.0.0.1", "192.0.2.99"])
    assert "192.0.2.99" in hosts.allowlist("0.0.0.0")  # a new lease, seen on the next miss
    assert "192.0.2.99" not in hosts.allowlist("192.0.2.7")


@pytest.fixture
def checked(tmp_path):
    """The portal answering to the loopback names and a school's name."""
    return create_app(tmp_path / "ttx.db", hosts.allowlist("127.0.0.1", ["ttx.school.example"]))


def browser(app, host: str) -> TestClient:
    return TestClient(app, base_url=f"http://{host}", follow_redirects=False)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.2",
                                  "localhost.evil.example", "ttx.school.example.evil"])
def test_a_stranger_host_gets_400(checked, host):
    r = browser(checked, host).get("/api/exercises/1/state")
    assert (r.status_code, r.json()) == (400, {"reason": "bad_host"})
    r = browser(checked, host).post("/api/join", json={"code": "x"})
    assert (r.status_code, r.json()) == (400, {"reason": "bad_host"})
    r = browser(checked, host).get("/", headers={"accept-language": "fr"})
    assert r.status_code == 400 and "Adresse inconnue" in r.text and "<form" not in r.text
    assert r.headers["x-frame-options"] == "DENY"  # still an answer of this portal
    assert checked.state.store.join_record("testclient", 600)[0] == 0  # nothing reached the app


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "[::1]:8000",
                                  "TTX.school.example"])
def test_the_own_names_pass(checked, host):
    assert browser(checked, host).get("/").status_code == 200


def test_no_allowlist_checks_nothing(app):
    assert browser(app, "evil.example").get("/").status_code == 200


def test_the_code_sheet_never_shows_a_strangers_address(checked):
    store = checked.state.store
    me = User(checked)
    me.http = browser(checked, "localhost:8000")
    r = me.http.post("/api/join", json={"code": store.first_instructor_code()})
    me.csrf = r.json()["csrf"]
    ex = me.post("/api/exercises", {"name": "Delta", "scenario_text": SCENARIO, "seed": 1,
                                    "lang": "en", "bots": {}}).json()["id"]
    sheet = me.form(f"/instructor/exercises/{ex}/codes", {})
    assert sheet.status_code == 200 and "Open http://localhost:8000/ on the" in sheet.text
    me.http.base_url = "http://evil.example"
    r = me.form(f"/instructor/exercises/{ex}/codes", {})
    assert r.status_code == 400 and "evil.example" not in r.text


def test_serve_passes_its_names_and_allow_host(tmp_path, monkeypatch, capsys):
    served = dry_serve(monkeypatch, capsys, "--db", str(tmp_path / "ttx.db"), "--allow-host",
                       "ttx.school.example", "--allow-host", "portal.school.example")
    assert served.code == 0
    for host, status in (("127.0.0.1", 200), ("ttx.school.example:8000", 200),
                         ("portal.school.example", 200), ("evil.example", 400)):
        assert browser(served.app, host).get("/").status_code == status, host
