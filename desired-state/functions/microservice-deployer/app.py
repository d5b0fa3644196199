"""Deploy one restaurant service to the idle slot (blue/green) and return the deployment record.

Input: {"service": {...}, "deployment": {...}}. Output: the input plus {"record": {...}}.
A service whose "simulate" block says {"deploy": "fail"} fails, to exercise retries and rollback.
"""
import hashlib
import os


class DeploymentError(Exception):
    """The service could not be deployed."""


def handler(event, context):
    service = event["service"]
    deployment = event["deployment"]
    name, version = service["name"], service["version"]
    if service.get("simulate", {}).get("deploy") == "fail":
        raise DeploymentError(f"deploying {name} {version} failed: the new task set did not start")

    digest = hashlib.sha256(f"{deployment['id']}/{name}/{version}".encode("utf-8")).hexdigest()
    live_slot = "blue" if int(digest[:2], 16) % 2 == 0 else "green"
    idle_slot = "green" if live_slot == "blue" else "blue"
    registry = os.environ.get("IMAGE_REGISTRY", "registry.restaurant.internal")
    record = {
        "service": name,
        "version": version,
        "image": f"{registry}/{name}:{version}",
        "environment": deployment["environment"],
        "deploymentId": deployment["id"],
        "position": service.get("position"),
        "slot": idle_slot,
        "previousSlot": live_slot,
        "revision": digest[:10],
        "status": "DEPLOYED",
    }
    result = dict(event)
    result["record"] = record
    return result
