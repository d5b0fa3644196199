"""Move a service's traffic from its live slot to the freshly deployed, healthy slot.

Input: the health-checker's output. Output: the input plus {"traffic": {...}}.
Refuses to switch when the health block is missing or not healthy.
"""


class TrafficSwitchRefused(Exception):
    """Traffic was not switched because the new slot is not known to be healthy."""


def handler(event, context):
    record = event["record"]
    health = event.get("health", {})
    if health.get("status") != "healthy":
        raise TrafficSwitchRefused(
            f"{record['service']}: slot {record['slot']} has no passing health check; traffic stays on "
            f"{record['previousSlot']}")
    result = dict(event)
    result["traffic"] = {
        "service": record["service"],
        "from": record["previousSlot"],
        "to": record["slot"],
        "weight": 100,
        "switched": True,
    }
    return result
