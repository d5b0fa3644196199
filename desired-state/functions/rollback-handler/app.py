"""Roll a service back to the slot that was live before a failed deployment step.

Input: the failing step's input plus {"error": {"Error": ..., "Cause": ...}} (from the Catch).
Output: a rollback report for that service.
"""
import json


def _reason(error):
    cause = error.get("Cause", "")
    try:
        detail = json.loads(cause)
    except (TypeError, ValueError):
        detail = None
    if isinstance(detail, dict) and "errorMessage" in detail:
        return detail["errorMessage"]
    return cause or "no cause given"


def handler(event, context):
    service = event.get("service", {})
    record = event.get("record")
    error = event.get("error", {})
    restored = record["previousSlot"] if record else None
    return {
        "service": service.get("name", "unknown"),
        "deploymentId": event.get("deployment", {}).get("id"),
        "rolledBack": True,
        "restoredSlot": restored,
        "action": "traffic kept on the live slot" if restored else "nothing was deployed; nothing to undo",
        "error": error.get("Error", "Unknown"),
        "reason": _reason(error),
    }
