"""Order the services of a deployment so that every service comes after its dependencies.

Input: the deployment-initializer's output. Output: the input plus
{"plan": {"order": [service + {"position"}], "levels": [[names deployable together], ...]}}.
Fails on dependencies that are not part of the deployment and on dependency cycles.
"""
import heapq


class UnknownDependency(Exception):
    """A service depends on a service that is not part of the deployment."""


class DependencyCycle(Exception):
    """The services' dependencies form a cycle, so no order exists."""


def _find_cycle(remaining, dependencies):
    """Returns one cycle among the services left after the topological sort, as a list of names."""
    start = min(remaining)
    path, seen = [start], {start: 0}
    current = start
    while True:
        current = min(d for d in dependencies[current] if d in remaining)
        if current in seen:
            return path[seen[current]:] + [current]
        seen[current] = len(path)
        path.append(current)


def resolve(services):
    by_name = {service["name"]: service for service in services}
    dependencies = {name: set(service.get("dependsOn", [])) for name, service in by_name.items()}
    for name in sorted(dependencies):
        missing = sorted(dependencies[name] - by_name.keys())
        if missing:
            raise UnknownDependency(f"{name} depends on {', '.join(missing)}, which is not part of this deployment")

    waiting = {name: len(deps) for name, deps in dependencies.items()}
    dependents = {name: [] for name in by_name}
    for name, deps in dependencies.items():
        for dependency in deps:
            dependents[dependency].append(name)

    ready = [name for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order, levels, depth = [], [], {}
    while ready:
        name = heapq.heappop(ready)
        level = max((depth[d] + 1 for d in dependencies[name]), default=0)
        depth[name] = level
        if level == len(levels):
            levels.append([])
        levels[level].append(name)
        order.append(name)
        for dependent in dependents[name]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, dependent)

    if len(order) != len(by_name):
        remaining = set(by_name) - set(order)
        cycle = _find_cycle(remaining, dependencies)
        raise DependencyCycle("dependency cycle: " + " -> ".join(cycle))
    return [dict(by_name[name], position=index + 1) for index, name in enumerate(order)], levels


def handler(event, context):
    order, levels = resolve(event["services"])
    result = dict(event)
    result["plan"] = {"order": order, "levels": levels}
    return result
