"""HTTPS for the classroom: a self-signed certificate kept beside the database, or the
school's own, and the fingerprint a trainee compares with what the browser shows.

A self-signed certificate makes every browser warn once; what makes it safe to go on is
that the SHA-256 fingerprint the browser shows is the one the instructor reads out. The
certificate names every address the laptop serves on, so the warning is about who signed
it, never about a wrong name. It is made once and reused, so a trainee who accepted it
yesterday is not asked again today.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from simulator.i18n import N_

CERT, KEY = "cert.pem", "key.pem"
VALID_DAYS = 825  # a long course year; a certificate near its end is replaced at a start
RENEW_DAYS = 14  # ... when fewer days than these remain
SHORT_PAIRS = 8  # pairs of the fingerprint read aloud: 64 bits, beyond any forger's reach


class TlsError(Exception):
    """A certificate or key that cannot be used: the CLI message ``message`` (English, as
    ``simulator.i18n`` translates it) and its ``values``."""

    def __init__(self, message: str, **values):
        super().__init__(message)
        self.message, self.values = message, values


@dataclass(frozen=True)
class Pair:
    """A certificate and its private key on disk, ready for the server."""

    cert_file: Path
    key_file: Path
    cert: x509.Certificate
    made: str | None = None  # why a self-signed one was made now: new, names, expiring, unusable
    missing: tuple[str, ...] = ()  # the names the old certificate lacked


def folder_for(db: Path) -> Path:
    """Where the self-signed certificate of a database lives: ``ttx.db.tls/`` beside it."""
    return db.parent / f"{db.name}.tls"


def fingerprint(cert: x509.Certificate) -> str:
    """The SHA-256 fingerprint as browsers show it: 32 upper-case hex pairs, colons between."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def short_fingerprint(cert: x509.Certificate) -> str:
    """The first pairs of the fingerprint in groups of four, to read aloud."""
    pairs = fingerprint(cert).split(":")[:SHORT_PAIRS]
    return "  ".join(" ".join(pairs[i:i + 4]) for i in range(0, len(pairs), 4))


def covered(cert: x509.Certificate) -> set[str]:
    """The names and addresses a certificate is valid for (lower case)."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    return ({n.lower() for n in san.get_values_for_type(x509.DNSName)} |
            {str(a) for a in san.get_values_for_type(x509.IPAddress)})


def school_pair(cert_file: Path, key_file: Path) -> Pair:
    """The school's own certificate (a chain, the server's first) and its private key;
    ``TlsError`` when a file is missing, unreadable, not PEM, or the key is another's."""
    cert, key = _certificate(cert_file), _private_key(key_file)
    if not _same_key(cert, key):
        raise TlsError(N_("{key_file} is not the private key of {cert_file}"),
                       cert_file=cert_file, key_file=key_file)
    return Pair(cert_file, key_file, cert)


def self_signed(folder: Path, names: list[str]) -> Pair:
    """The certificate kept in ``folder`` if it covers ``names`` and is not near its end;
    otherwise a new one (for those names and any the old one had, so an address served
    before stays served) with the reason in ``made``."""
    cert_file, key_file = folder / CERT, folder / KEY
    old, made, missing = None, "new", ()
    if cert_file.exists() or key_file.exists():
        try:
            old = school_pair(cert_file, key_file).cert
        except TlsError:
            made = "unusable"
    if old is not None:
        missing = tuple(n for n in names if n.lower() not in covered(old))
        ends = old.not_valid_after_utc - datetime.datetime.now(datetime.UTC)
        if not missing and ends > datetime.timedelta(days=RENEW_DAYS):
            return Pair(cert_file, key_file, old)
        made = "names" if missing else "expiring"
    keep = sorted(covered(old)) if old is not None else []
    cert = _write_new(folder, list(dict.fromkeys([*names, *keep])))
    return Pair(cert_file, key_file, cert, made, missing)


def _write_new(folder: Path, names: list[str]) -> x509.Certificate:
    """A new key and self-signed certificate for ``names``: folder 0700, key 0600."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"ttx portal {names[0]}"[:64])])
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))  # a laptop clock a bit off
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([_general_name(n) for n in names]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    _write(folder / KEY, key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    _write(folder / CERT, cert.public_bytes(serialization.Encoding.PEM))
    return cert


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def _write(path: Path, data: bytes) -> None:
    """Write ``path`` whole (a crash leaves the old file or the new), readable by its owner
    only from the first byte."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TlsError(N_("{path}: no such file"), path=path) from None
    except OSError as exc:  # unreadable, a folder ...
        raise TlsError(N_("{path}: cannot be read: {why}"), path=path, why=exc.strerror or exc) from None


def _certificate(path: Path) -> x509.Certificate:
    """The first certificate of a PEM file (the server's, before its chain)."""
    data = _read(path)
    try:
        return x509.load_pem_x509_certificates(data)[0]
    except ValueError:
        raise TlsError(N_("{path}: not a certificate in PEM form (-----BEGIN CERTIFICATE-----)"),
                       path=path) from None


def _private_key(path: Path):
    data = _read(path)
    try:
        return serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # TypeError: it needs a password
        raise TlsError(N_("{path}: not a private key in PEM form without a password"), path=path) from None


def _same_key(cert: x509.Certificate, key) -> bool:
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return cert.public_key().public_bytes(*spki) == key.public_key().public_bytes(*spki)
