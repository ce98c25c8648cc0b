"""Offline, proven: a whole count runs with the network made impossible.

Creating an internet socket (IPv4 or IPv6), connecting, and looking up a name
all raise for the length of the test; local sockets (which Python's own event
loop uses between its threads) are left alone. The session: import, keying
by two operators, a drawing of lots, acknowledging, the returning officer's
passphrase, a signing key, the provisional results shown, a signed declaration, checking it, exports,
a backup and the audit check. Every step must succeed, and no step may even
try the network.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import SAMPLE, CliResult

Run = Callable[..., CliResult]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: Any = -1, type: Any = -1, proto: Any = -1,
                     fileno: Any = None) -> None:
            fam = socket.AF_INET if family == -1 and fileno is None else family
            if fam in (socket.AF_INET, socket.AF_INET6):
                attempts.append(f"socket({fam!r})")
                raise OSError("network access attempted during an offline count")
            super().__init__(family, type, proto, fileno)

    def refuse(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[:2]!r}")
            raise OSError(f"network access attempted during an offline count ({name})")
        return call

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_guard_works(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="offline"):
        socket.create_connection(("example.org", 443))
    with pytest.raises(OSError, match="offline"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    a, b = socket.socketpair()  # local: allowed
    a.close()
    b.close()
    no_network.clear()


def test_a_whole_count_offline(run: Run, tmp_path: Path, no_network: list[str]) -> None:
    db = tmp_path / "count.db"

    def ok(*args: Any) -> CliResult:
        r = run("--db", db, *args)
        assert r.code == 0, (args, r.err)
        return r

    ok("import", SAMPLE)
    wards = {w["name"]: w for w in ok("wards", "--json").json()}  # type: ignore[union-attr]
    old = ok("result", "old town", "--json").json()
    votes = [f"{c['id']}={1500 - 100 * i}" for i, c in enumerate(old["candidates"])]  # type: ignore[index]
    for slot, who in (("first", "Ann"), ("second", "Bob")):
        ok("enter", "old town", "--keying", slot, "--votes", *votes, "--papers", "3,000",
           "--rejected", "too_many_votes=4", "--operator", who)
    for w in ok("result", "old town", "--json").json()["warnings"]:  # type: ignore[index]
        ok("acknowledge", "old town", w["code"], "--by", "RO", "--explanation", "checked")
    ok("provisional", "old town", "--by", "Deputy RO", "--out", tmp_path / "old-town-provisional.pdf")
    passfile = tmp_path / "ro.txt"
    passfile.write_text("correct horse battery\n")
    ok("set-passphrase", "--passphrase-file", passfile)
    riverside = ok("result", "riverside", "--json").json()
    tied = riverside["tie"]["candidate_ids"]  # type: ignore[index]
    ok("provisional", "riverside")
    ok("lot", "riverside", "--winner", tied[0], "--method", "names drawn from a hat",
       "--witness", "Agent", "--passphrase-file", passfile)
    riverside = ok("result", "riverside", "--json").json()
    if riverside["tie"] is not None:  # three tied for two seats: a second draw
        ok("lot", "riverside", "--winner", riverside["tie"]["candidate_ids"][0],  # type: ignore[index]
           "--method", "names drawn again", "--passphrase-file", passfile)
    for w in ok("result", "riverside", "--json").json()["warnings"]:  # type: ignore[index]
        ok("acknowledge", "riverside", w["code"], "--by", "RO", "--explanation", "checked")
    keypass = tmp_path / "key.txt"
    keypass.write_text("signing key passphrase\n")
    key = tmp_path / "ro.p12"
    ok("keygen", "--name", "Pat Example", "--out", key, "--passphrase-file", keypass,
       "--ro-passphrase-file", passfile)
    for ward in ("riverside", "old town"):
        out = tmp_path / f"{ward}.pdf"
        ok("declare", ward, "--out", out, "--key", key, "--passphrase-file", keypass,
           "--ro-passphrase-file", passfile)
        assert "matches" in ok("verify", out, "--cert", key.with_suffix(".crt")).out
    if "export" in _commands():
        ok("export", "--format", "json", "--out", tmp_path / "export.json")
        ok("export", "--format", "eml", "--out", tmp_path / "results")
    backups = tmp_path / "usb"
    backups.mkdir()
    ok("backup", backups)
    r = ok("audit-verify")
    assert "chain intact" in r.out
    assert len(wards) == 4
    assert no_network == [], no_network


def _commands() -> set[str]:
    from countdesk import cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]
