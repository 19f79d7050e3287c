"""`mkdocs serve` watches the content folder: an edited claim, person or relation shows on the next rebuild,
in a full rebuild and in a dirty one (`--dirty`, which rebuilds only the pages whose content changed)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import claim_yaml


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serving:
    """`mkdocs serve` (`command`, without its address) in `cwd`, once it listens on 127.0.0.1.

    It binds its port only after its first build, seconds after `free_port` found it free: when another
    process took the port meanwhile, it stops ("Address already in use") and is started again on another one.
    What it prints goes to a file (a pipe nobody reads could fill up and stall it)."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None,
                 seconds: float = 120):
        self.log = cwd.parent / f"{cwd.name}-serve.log"
        for _ in range(5):
            self.port = free_port()
            with self.log.open("w", encoding="utf-8") as log:
                self.process = subprocess.Popen([*command, "-a", f"127.0.0.1:{self.port}"], cwd=cwd, env=env,
                                                stdout=log, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + seconds
            while self.process.poll() is None and time.monotonic() < deadline:
                if f"Serving on http://127.0.0.1:{self.port}/" in self.output():
                    return
                time.sleep(0.2)
            self.stop()
            if "Address already in use" not in self.output():
                pytest.fail(f"mkdocs serve did not serve within {seconds:.0f} s:\n{self.output()}")
        pytest.fail(f"mkdocs serve found no free port:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> str:
        """Stop the server; all it printed."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.output()


def fetch(url: str) -> BeautifulSoup | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, url: str, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and condition(page):
            return page
        time.sleep(0.3)
    pytest.fail(f"{url} did not show the change within {seconds:.0f} s")


@pytest.mark.parametrize("mode", ["full", "dirty"])
def test_serve_shows_edits_to_claims_people_and_relations(project, mode):
    project.add_basics()
    project.write("claims/2025/one.yml", claim_yaml(title="First title"))
    two = project.write("claims/2025/two.yml", claim_yaml(title="Second claim"))
    person = project.root / "claims/people/putin.yml"
    command = [sys.executable, "-m", "mkdocs", "serve"]
    if mode == "dirty":
        command.append("--dirty")
    server = Serving(command, project.root)
    try:
        base = f"http://127.0.0.1:{server.port}/"
        wait_for(lambda page: page.h1 and page.h1.get_text() == "First title", base + "claims/one/")

        (project.root / "claims/2025/one.yml").write_text(claim_yaml(title="Edited title"), encoding="utf-8")
        wait_for(lambda page: page.h1.get_text() == "Edited title", base + "claims/one/")
        # The index lists it under its new title too.
        wait_for(lambda page: "Edited title" in page.select_one("article").get_text(), base + "claims/")

        person.write_text("name: Renamed Person\nrole: President of Russia\n", encoding="utf-8")
        wait_for(lambda page: "Renamed Person" in page.select_one(".claims-box").get_text(),
                 base + "claims/two/")

        two.write_text(claim_yaml(title="Second claim",
                                  extra="related:\n  - claim: one\n    type: rejects\n"),
                       encoding="utf-8")
        page = wait_for(lambda page: page.select_one(".claims-relation--rejects") is not None,
                        base + "claims/one/")
        group = page.select_one(".claims-relation--rejects").find_parent("ul").find_previous_sibling("h3")
        assert group.get_text(strip=True) == "Rejected by"  # the relations are grouped under their label
    finally:
        server.stop()
