#!/usr/bin/env python3
"""Runs every state machine of this corpus in moto and prints a JSON map
case -> {"status", "output", "error", "cause"} on stdout.

Each case NN-name.asl.json runs with the input NN-name.input.json in a fresh moto
mock (one mock per case: several state machines in one in-process mock can fail).
Exit code 3 means moto (or boto3) cannot be imported.

Usage: run_moto.py [CORPUS_DIR] [CASE ...]
"""
import json
import logging
import os
import sys
import time

try:
    import boto3
    from moto import mock_aws
except ImportError as error:  # reported to the caller, which skips the comparison
    print(f"moto is not available: {error}", file=sys.stderr)
    sys.exit(3)

logging.disable(logging.CRITICAL)
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

ROLE = "arn:aws:iam::123456789012:role/corpus-role"
POLL_SECONDS = 0.02
MAX_WAIT_SECONDS = 60


def decode_output(text):
    """moto returns an output that is a JSON string value without JSON quoting: read such
    text as the string itself."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def run_case(definition, execution_input):
    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):
        client = boto3.client("stepfunctions", region_name="us-east-1")
        machine = client.create_state_machine(
            name="corpus", definition=json.dumps(definition), roleArn=ROLE)
        started = client.start_execution(
            stateMachineArn=machine["stateMachineArn"], name="case",
            input=json.dumps(execution_input))
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while True:
            described = client.describe_execution(executionArn=started["executionArn"])
            if described["status"] != "RUNNING" or time.monotonic() > deadline:
                break
            time.sleep(POLL_SECONDS)
        return {
            "status": described["status"],
            "output": decode_output(described.get("output")),
            "error": described.get("error"),
            "cause": described.get("cause"),
        }


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    wanted = set(sys.argv[2:])
    results = {}
    for file_name in sorted(os.listdir(corpus)):
        if not file_name.endswith(".asl.json"):
            continue
        name = file_name[: -len(".asl.json")]
        if wanted and name not in wanted:
            continue
        with open(os.path.join(corpus, file_name), encoding="utf-8") as handle:
            definition = json.load(handle)
        input_path = os.path.join(corpus, name + ".input.json")
        execution_input = {}
        if os.path.exists(input_path):
            with open(input_path, encoding="utf-8") as handle:
                execution_input = json.load(handle)
        try:
            results[name] = run_case(definition, execution_input)
        except Exception as error:  # a case moto cannot run is reported, not fatal
            results[name] = {"status": "MOTO_ERROR", "output": None, "error": type(error).__name__, "cause": str(error)}
    json.dump(results, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
