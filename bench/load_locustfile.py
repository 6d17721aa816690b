"""The locust users of `python -m bench load` (bench_load.py): not a benchmark on its own.

Each simulated user logs in once through the login form (CSRF token from the login page), then opens the
resident list, the signal list (with and without filters) and resident pages within that user's scope.
The scenario (user, password, resident ids, page counts) comes from the JSON file in BENCH_LOAD_CONFIG.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import FastHttpUser, between, task
from locust.exception import StopUser

CONFIG = json.loads(open(os.environ["BENCH_LOAD_CONFIG"], encoding="utf-8").read())  # noqa: SIM115
MAX_REQUESTS = 5_000  # per simulated user: a bound besides locust's --run-time
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ORIGINS = ("collega", "ketenpartner", "anonieme_melding", "inlichtingenbureau", "brp_laa", "themacontrole")
KINDS = ("income", "cohabitation", "address", "household", "assets", "vehicle", "abroad")


def _page(pages: int) -> int:
    """Mostly the first pages, sometimes anywhere in the list (deep OFFSETs)."""
    if pages <= 1:
        return 1
    return random.randint(1, min(pages, 5)) if random.random() < 0.7 else random.randint(1, pages)


class CaseWorker(FastHttpUser):
    wait_time = between(0, 0.2)
    host = CONFIG["host"]

    def on_start(self) -> None:
        self.count = 0
        page = self.client.get("/account/inloggen/", name="login form")
        match = CSRF.search(page.text or "")
        if match is None:
            raise StopUser
        with self.client.post(
            "/account/inloggen/",
            data={
                "username": CONFIG["username"],
                "password": CONFIG["password"],
                "csrfmiddlewaretoken": match.group(1),
            },
            headers={"Referer": CONFIG["host"] + "/account/inloggen/"},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")
                raise StopUser

    def _get(self, url: str, name: str) -> None:
        self.count += 1
        if self.count > MAX_REQUESTS:
            raise StopUser
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    @task
    def resident_list(self) -> None:
        self._get(f"/inwoners/?page={_page(CONFIG['resident_pages'])}", "/inwoners/?page=N")

    @task
    def signal_list(self) -> None:
        roll = random.random()
        if roll < 0.5:
            url = f"/signalen/?page={_page(CONFIG['signal_pages'])}"
        elif roll < 0.7:
            url = f"/signalen/?origin={random.choice(ORIGINS)}"
        elif roll < 0.85:
            url = f"/signalen/?kind={random.choice(KINDS)}"
        elif roll < 0.95:
            url = "/signalen/?route=geen"
        else:
            url = "/signalen/?received_from=2026-10-01&received_to=2026-11-23"
        self._get(url, "/signalen/?page=N&filters")

    @task
    def resident_page(self) -> None:
        self._get(f"/inwoners/{random.choice(CONFIG['resident_ids'])}/", "/inwoners/<id>/")
