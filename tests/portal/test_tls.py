"""HTTPS for the classroom: `ttx serve --tls` makes a self-signed certificate once, keeps it
beside the database, prints the fingerprint the browser will show, and serves with Secure
cookies; `--cert/--key` take the school's own; a network address without HTTPS is refused."""

from __future__ import annotations

import hashlib
import os
import re
import ssl
import stat
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from cryptography import x509

from simulator.portal import hosts, tls
from tests.conftest import ROOT
from tests.portal.conftest import TestClient
from tests.portal.live_server import PortalProcess
from tests.portal.serve_cli import dry_serve

GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
SERVE_COMMANDS = sorted(set(re.findall(r"`\./run (serve[^`]*)`", GUIDE)))
FINGERPRINT = re.compile(r"certificate SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})")


def presented(url: str) -> str:
    """The SHA-256 fingerprint of the certificate the server at ``url`` presents."""
    parts = urlsplit(url)
    pem = ssl.get_server_certificate((parts.hostname, parts.port))
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).digest().hex(":").upper()


def printed(lines: list[str] | str) -> str:
    return FINGERPRINT.search("".join(lines)).group(1)


def trusting(cert_file: Path) -> ssl.SSLContext:
    """A client that trusts this one certificate, as a browser does once it is accepted."""
    return ssl.create_default_context(cafile=str(cert_file))


@pytest.mark.slow
def test_tls_serves_https_with_the_printed_fingerprint_and_secure_cookies(tmp_path):
    db = tmp_path / "ttx.db"
    portal = PortalProcess(db, "--tls").start()
    try:
        assert portal.url.startswith("https://127.0.0.1:")
        folder = tls.folder_for(db)
        assert portal.lines[1] == f"HTTPS: a self-signed certificate was made for this laptop, " \
                                  f"in {folder}\n"
        fingerprint = printed(portal.lines)
        assert presented(portal.url) == fingerprint
        short = re.search(r"read out to the class: ([0-9A-F ]+) \(", "".join(portal.lines))
        assert short.group(1).split() == fingerprint.split(":")[:8]
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(folder / "key.pem").st_mode) == 0o600
        # The certificate names the address served: a client trusting it verifies the name.
        with httpx.Client(base_url=portal.url, verify=trusting(folder / "cert.pem")) as browser:
            r = browser.post("/join", data={"code": portal.instructor_code})
            assert r.status_code == 303
            cookie = r.headers["set-cookie"]
            assert cookie.startswith("ttx_session=") and "; Secure" in cookie
            assert "HttpOnly" in cookie and "SameSite=strict" in cookie
            assert browser.get("/instructor").status_code == 200
        portal.kill()
        portal.start()  # the same certificate on the next start: no new browser warning
        assert portal.lines[1] == f"HTTPS: the certificate of earlier starts, from {folder}\n"
        assert printed(portal.lines) == fingerprint == presented(portal.url)
    finally:
        portal.kill()


@pytest.mark.slow
def test_plain_http_on_loopback_sets_no_secure_cookie(tmp_path):
    portal = PortalProcess(tmp_path / "ttx.db").start()
    try:
        assert portal.url.startswith("http://127.0.0.1:")
        r = httpx.post(portal.url + "/join", data={"code": portal.instructor_code})
        assert r.status_code == 303 and r.headers["set-cookie"].startswith("ttx_session=")
        assert "secure" not in r.headers["set-cookie"].lower()
    finally:
        portal.kill()


@pytest.mark.slow
def test_the_guide_command_serves_every_network_over_https(tmp_path):
    """`./run serve --host 0.0.0.0 --tls --allow-host ttx.school.example`: the addresses
    printed are HTTPS, the certificate names the machine's addresses and names, and the
    school's name passes the Host check (reached here over loopback only)."""
    db = tmp_path / "ttx.db"
    portal = PortalProcess(db, "--host", "0.0.0.0", "--tls", "--allow-host",
                           "ttx.school.example").start()
    try:
        assert re.fullmatch(r"listening on https://0\.0\.0\.0:\d+/\n", portal.lines[-1])
        port = int(portal.url.rsplit(":", 1)[1])
        lan = [a for a in hosts.lan_addresses() if ":" not in a]
        if lan:  # the address for the teams comes just after
            deadline = time.monotonic() + 10
            while not portal.output and time.monotonic() < deadline:
                time.sleep(0.05)
            assert portal.output[0] == f"on this network, teams open https://{lan[0]}:{port}/\n"
        cert = x509.load_pem_x509_certificate((tls.folder_for(db) / "cert.pem").read_bytes())
        assert {"localhost", "127.0.0.1", "::1", "ttx.school.example", *lan,
                *hosts.machine_names()} <= tls.covered(cert)
        url = f"https://127.0.0.1:{port}"
        assert printed(portal.lines) == presented(url)
        for name, status in (("ttx.school.example", 200), ("127.0.0.1", 200),
                             ("evil.example", 400)):
            r = httpx.get(url + "/", headers={"host": f"{name}:{port}"}, verify=False)
            assert r.status_code == status, name
    finally:
        portal.kill()


def test_a_new_name_to_serve_makes_a_new_certificate_and_says_so(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "ttx.db")
    first = dry_serve(monkeypatch, capsys, "--db", db, "--tls")
    assert first.code == 0 and first.config.ssl_certfile.endswith("ttx.db.tls/cert.pem")
    again = dry_serve(monkeypatch, capsys, "--db", db, "--tls", "--allow-host",
                      "ttx.school.example")
    assert "HTTPS: the certificate did not name ttx.school.example; a new one was made" in again.out
    assert "read it out again" in again.out and printed(again.out) != printed(first.out)
    cert = x509.load_pem_x509_certificate(Path(again.config.ssl_certfile).read_bytes())
    assert {"ttx.school.example", "localhost", "127.0.0.1"} <= tls.covered(cert)
    back = dry_serve(monkeypatch, capsys, "--db", db, "--tls")  # a name served before stays
    assert printed(back.out) == printed(again.out) and "earlier starts" in back.out


def test_an_unreadable_certificate_is_replaced(tmp_path, monkeypatch, capsys):
    db = tmp_path / "ttx.db"
    dry_serve(monkeypatch, capsys, "--db", str(db), "--tls")
    (tls.folder_for(db) / "cert.pem").write_text("not a certificate")
    again = dry_serve(monkeypatch, capsys, "--db", str(db), "--tls")
    assert again.code == 0 and "could not be read; a new one was made" in again.out
    assert tls.school_pair(tls.folder_for(db) / "cert.pem", tls.folder_for(db) / "key.pem")


@pytest.fixture
def school(tmp_path):
    """A school's certificate and key (made as this laptop's would be, in another folder),
    and another key that is not its."""
    pair = tls.self_signed(tmp_path / "school", ["127.0.0.1", "localhost"])
    other = tls.self_signed(tmp_path / "other", ["127.0.0.1"])
    return pair.cert_file, pair.key_file, other.key_file


@pytest.mark.slow
def test_the_school_certificate_is_served(tmp_path, school):
    cert, key, _ = school
    portal = PortalProcess(tmp_path / "ttx.db", "--host", "0.0.0.0", "--cert", str(cert),
                           "--key", str(key)).start()
    try:
        assert f"HTTPS: certificate {cert}\n" in portal.lines
        expected = tls.fingerprint(x509.load_pem_x509_certificate(cert.read_bytes()))
        port = portal.url.rsplit(":", 1)[1]
        assert printed(portal.lines) == expected == presented(f"https://127.0.0.1:{port}")
        assert not tls.folder_for(tmp_path / "ttx.db").exists()  # nothing made of its own
    finally:
        portal.kill()


@pytest.mark.parametrize("case, message", [
    ("mismatch", "{other} is not the private key of {cert}"),
    ("missing", "{tmp}/none.pem: no such file"),
    ("not_pem", "{tmp}/junk.pem: not a certificate in PEM form"),
    ("key_not_pem", "{tmp}/junk.pem: not a private key in PEM form without a password"),
    ("folder", "{tmp}: cannot be read"),
    ("cert_only", "--cert and --key go together: give both"),
    ("with_plain", "--plain-http cannot go with --tls or --cert: choose one"),
])
def test_a_bad_school_certificate_stops_the_start(case, message, tmp_path, school, monkeypatch,
                                                  capsys):
    cert, key, other = school
    (tmp_path / "junk.pem").write_text("-----BEGIN NOTHING-----\n")
    args = {"mismatch": ["--cert", cert, "--key", other],
            "missing": ["--cert", tmp_path / "none.pem", "--key", key],
            "not_pem": ["--cert", tmp_path / "junk.pem", "--key", key],
            "key_not_pem": ["--cert", cert, "--key", tmp_path / "junk.pem"],
            "folder": ["--cert", tmp_path, "--key", key],
            "cert_only": ["--cert", cert],
            "with_plain": ["--cert", cert, "--key", key, "--plain-http"]}[case]
    db = tmp_path / "db" / "ttx.db"
    served = dry_serve(monkeypatch, capsys, "--db", str(db), *map(str, args))
    assert served.code == 1 and served.config is None and served.out == ""
    text = message.format(other=other, cert=cert, tmp=tmp_path)
    assert served.err.startswith(f"error: {text}"), served.err
    assert not db.exists()  # refused before anything was made: no database, no code


def test_a_network_address_without_https_is_refused(tmp_path, monkeypatch, capsys):
    db = tmp_path / "ttx.db"
    served = dry_serve(monkeypatch, capsys, "--db", str(db), "--host", "0.0.0.0")
    assert served.code == 1 and served.config is None and not db.exists()
    assert served.err.startswith("error: --host 0.0.0.0 lets other computers connect")
    assert "--tls" in served.err and "--cert FILE --key FILE" in served.err
    fr = dry_serve(monkeypatch, capsys, "--db", str(db), "--host", "0.0.0.0", "--lang", "fr")
    assert fr.code == 1 and fr.err.startswith("erreur : --host 0.0.0.0 laisse")


def test_plain_http_on_the_network_only_when_asked_and_with_a_warning(tmp_path, monkeypatch,
                                                                      capsys):
    served = dry_serve(monkeypatch, capsys, "--db", str(tmp_path / "ttx.db"), "--host",
                       "0.0.0.0", "--plain-http")
    assert served.code == 0 and served.config.ssl_certfile is None
    assert served.err.startswith("warning: plain HTTP on 0.0.0.0")
    assert re.search(r"^listening on http://0\.0\.0\.0:\d+/$", served.out, re.M)
    local = dry_serve(monkeypatch, capsys, "--db", str(tmp_path / "ttx.db"))
    assert local.code == 0 and local.err == ""  # loopback: plain HTTP, nothing to warn of


def test_cookies_are_secure_over_https_only(tmp_path, monkeypatch, capsys):
    served = dry_serve(monkeypatch, capsys, "--db", str(tmp_path / "ttx.db"), "--tls")
    code = served.line("instructor code: ")
    for base, secure in (("https://127.0.0.1", True), ("http://127.0.0.1", False)):
        browser = TestClient(served.app, base_url=base, follow_redirects=False)
        joined = browser.post("/join", data={"code": code})
        switched = browser.get("/lang/fr")
        assert (joined.status_code, switched.status_code) == (303, 303)
        cookies = [v for r in (joined, switched) for k, v in r.headers.multi_items()
                   if k == "set-cookie"]
        assert [c.split("=")[0] for c in cookies] == ["ttx_session", "ttx_lang"]
        assert all(("; Secure" in c) == secure for c in cookies), cookies


@pytest.mark.parametrize("command", SERVE_COMMANDS)
def test_every_serve_command_of_the_guide_starts(command, tmp_path, school, monkeypatch, capsys):
    """Each `./run serve ...` the guide shows, on a new database and any free port (the
    school's files stand for /path/to/ttx.pem and /path/to/ttx.key)."""
    cert, key, _ = school
    args = command.replace("/path/to/ttx.pem", str(cert)).replace("/path/to/ttx.key",
                                                                   str(key)).split()[1:]
    if "--db" in args:  # a database the guide names (a backup put back): made here
        at = args.index("--db") + 1
        args[at] = str(tmp_path / args[at])
    else:
        args += ["--db", str(tmp_path / "ttx.db")]
    served = dry_serve(monkeypatch, capsys, *args)
    assert served.code == 0, served.err
    assert re.fullmatch(r"[A-Z2-7-]{31}", served.line("instructor code: "))
    secure = "--tls" in args or "--cert" in args
    assert bool(FINGERPRINT.search(served.out)) == secure
    scheme = "https" if secure else "http"
    assert re.search(rf"^listening on {scheme}://[\d.]+:\d+/$", served.out, re.M)
