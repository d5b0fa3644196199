"""Check a freshly deployed service before it takes traffic.

Input: the microservice-deployer's output. Output: the input plus {"health": {...}}.
The service's reported status comes from its "simulate" block ({"health": "healthy"} by default);
any other status fails the check, which makes the orchestrator roll the service back.
"""


class HealthCheckFailed(Exception):
    """The service did not report healthy on its new slot."""


def handler(event, context):
    service = event["service"]
    record = event["record"]
    probe = service.get("healthCheck", {})
    path = probe.get("path", "/health")
    expected = int(probe.get("expectedStatus", 200))
    status = service.get("simulate", {}).get("health", "healthy")
    observed = expected if status == "healthy" else 503
    checks = [
        {"name": "http", "target": f"{record['slot']}{path}", "expected": expected, "observed": observed},
        {"name": "version", "expected": record["version"], "observed": record["version"]},
    ]
    if observed != expected:
        raise HealthCheckFailed(
            f"{service['name']} on slot {record['slot']} answered {observed} on {path} "
            f"(expected {expected}); reported status: {status}")
    result = dict(event)
    result["health"] = {"status": "healthy", "checks": checks}
    return result
