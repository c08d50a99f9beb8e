"""The Kubernetes values for larger cohorts (the single-machine config runs in test_jupyterhub.py)."""

from __future__ import annotations

import yaml
from conftest import ROOT


def test_z2jh_values_share_the_exchange_and_keep_the_gradebook_address_to_facilitators():
    values = yaml.safe_load((ROOT / "deploy/z2jh-values.yaml").read_text())
    single = values["singleuser"]
    mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    assert "/srv/nbgrader/exchange" in mounts
    claims = [v["persistentVolumeClaim"]["claimName"] for v in single["storage"]["extraVolumes"]]
    assert claims == ["nbgrader-exchange"]
    config = single["extraFiles"]["nbgrader-config"]["stringData"]
    compile(config, "nbgrader_config.py", "exec")
    assert 'c.Exchange.root = "/srv/nbgrader/exchange"' in config and "db_url" in config
    learner, facilitator = single["profileList"]
    assert "kubespawner_override" not in learner
    assert (
        facilitator["kubespawner_override"]["extra_container_config"]["envFrom"][0]["secretRef"]["name"]
        == "nbgrader-gradebook"
    )
