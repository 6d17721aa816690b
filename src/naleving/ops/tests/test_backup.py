"""The restore drill (issue #25): back up a demo, drop everything, restore, and check it is all there."""

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from naleving.audit.checkpoints import checkpoint_write, keys_generate
from naleving.audit.verification import audit_verify
from naleving.ops.backup import _drop_everything, compare_counts, row_counts, sha256


@pytest.fixture
def places(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.NALEVING_DELIVERY_DIR = tmp_path / "data" / "leveringen"
    settings.NALEVING_AUDIT_ANCHOR_DIR = tmp_path / "data" / "audit-anchor"
    settings.NALEVING_AUDIT_SIGNING_KEY = tmp_path / "keys" / "signing.pem"
    keys_generate(
        private_path=settings.NALEVING_AUDIT_SIGNING_KEY, public_dir=settings.NALEVING_AUDIT_ANCHOR_DIR
    )
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_backup_drop_restore_gives_back_the_same_installation(places, settings):
    from naleving.demo.load import demo_municipality_load

    demo_municipality_load(residents=120, seed=7)
    document = settings.MEDIA_ROOT / "onderzoek" / "verslag.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.7 verslag huisbezoek\n" * 50)
    checkpoint_write()
    before_counts, before_sum = row_counts(), sha256(document)
    assert before_counts["residents_resident"] >= 120

    call_command("backup", out=places / "backup")
    manifest = json.loads((places / "backup" / "manifest.json").read_text())
    assert manifest["row_counts"] == before_counts
    assert {entry["path"] for entry in manifest["files"]} >= {
        manifest["database"]["file"],
        "files/media/onderzoek/verslag.pdf",
        "files/audit-anchor/checkpoints.jsonl",
    }

    # Everything goes: every table, the uploads, the checkpoints.
    _drop_everything()
    shutil.rmtree(places / "data")
    assert "residents_resident" not in connection.introspection.table_names()

    call_command("restore", str(places / "backup"))
    assert compare_counts(manifest) == []
    assert row_counts() == before_counts
    assert sha256(document) == before_sum
    verified = audit_verify()
    assert verified.ok, verified.problem
    assert verified.checkpoints >= 1


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_changes(places, settings):
    from naleving.residents.tests.factories import ResidentFactory

    ResidentFactory()
    (settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "bijlage.txt").write_text("bijlage")
    call_command("backup", out=places / "backup")
    (places / "backup" / "files" / "media" / "bijlage.txt").write_text("veranderd")
    counts = row_counts()
    with pytest.raises(CommandError, match=r"files/media/bijlage.txt: de controlesom klopt niet"):
        call_command("restore", str(places / "backup"), replace=True)
    assert row_counts() == counts
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("backup", out=places / "backup")
