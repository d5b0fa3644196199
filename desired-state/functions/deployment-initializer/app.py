"""Start a deployment: check the request and give it a stable identity.

Input: {"environment": str, "requestedBy": str, "services": [{"name", "version", "dependsOn", ...}]}
Output: {"deployment": {...}, "services": [...]} with the services normalized.
"""
import hashlib
import json
import os

KNOWN_ENVIRONMENTS = ("production", "disaster-recovery", "test", "staging")


class InvalidDeploymentRequest(Exception):
    """The deployment request cannot be deployed as given."""


def _normalize(service, index):
    if not isinstance(service, dict):
        raise InvalidDeploymentRequest(f"services[{index}] must be an object")
    name = service.get("name")
    version = service.get("version")
    if not isinstance(name, str) or not name:
        raise InvalidDeploymentRequest(f"services[{index}].name must be a non-empty string")
    if not isinstance(version, str) or not version:
        raise InvalidDeploymentRequest(f"service {name}: version must be a non-empty string")
    depends_on = service.get("dependsOn", [])
    if not isinstance(depends_on, list) or not all(isinstance(d, str) for d in depends_on):
        raise InvalidDeploymentRequest(f"service {name}: dependsOn must be a list of service names")
    normalized = dict(service)
    normalized["dependsOn"] = sorted(set(depends_on))
    normalized.setdefault("healthCheck", {"path": "/health", "expectedStatus": 200})
    return normalized


def handler(event, context):
    if not isinstance(event, dict):
        raise InvalidDeploymentRequest("the deployment request must be a JSON object")
    environment = event.get("environment") or os.environ.get("DEPLOY_ENVIRONMENT", "test")
    if environment not in KNOWN_ENVIRONMENTS:
        raise InvalidDeploymentRequest(
            f"unknown environment {environment!r}; expected one of {', '.join(KNOWN_ENVIRONMENTS)}")
    raw = event.get("services")
    if not isinstance(raw, list) or not raw:
        raise InvalidDeploymentRequest("services must be a non-empty list")
    services = [_normalize(service, index) for index, service in enumerate(raw)]
    names = [service["name"] for service in services]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidDeploymentRequest(f"services listed more than once: {', '.join(duplicates)}")

    canonical = json.dumps({"environment": environment, "services": services},
                           sort_keys=True, separators=(",", ":"))
    deployment_id = "dep-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return {
        "deployment": {
            "id": deployment_id,
            "environment": environment,
            "requestedBy": event.get("requestedBy", "unknown"),
            "serviceCount": len(services),
            "services": sorted(names),
        },
        "services": services,
    }
