"""The confirmation statuses are the rule set's: an overlay may declare one,
and the data model takes it (docs/rules.md, the policy)."""

from claimtrack.model import Confirmation, Result
from claimtrack.ruleset.loader import load_rules


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_an_overlay_status_is_a_status_of_the_rule_set_and_of_the_data_model(tmp_path):
    overlay = write(
        tmp_path / "my_rules",
        "confirmation.yaml",
        "statuses:\n  - {id: desk.status.retracted, name: retracted, rank: 0}\n",
    )
    assert load_rules([overlay]).names("confirmation", "statuses") == (
        "denied", "disputed", "confirmed", "corroborated", "unverified", "no_response", "unconfirmed", "retracted",
    )
    data = {
        "document": {"id": "d", "length": 3, "sha256": "abc"},
        "claims": [
            {
                "id": "C1", "kind": "indirect", "content": {"text": "abc", "start": 0, "end": 3},
                "confirmation": {"status": "retracted", "evidence": []},
            }
        ],
    }
    assert Result.from_dict(data).claims[0].confirmation == Confirmation(status="retracted")
