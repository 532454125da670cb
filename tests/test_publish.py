"""Publishing: the ready CI workflow builds the site on push, by hand and every day."""
from __future__ import annotations

import yaml

from tests.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def test_the_workflow_builds_on_push_by_hand_and_daily():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    triggers = workflow[True]        # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()


def test_the_workflow_installs_placard_builds_and_publishes_site():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert "pip install ." in commands
    assert commands.index("python build.py") > commands.index("pip install .")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_readme_explains_each_way_to_publish():
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Publish"):text.index("\n## ", text.index("## Publish") + 1)]
    for needed in ("rsync -av --delete site/", "aws s3 sync site/", "rclone", "immutable",
                   ".github/workflows/publish.yml", "every morning"):
        assert needed in section, needed
