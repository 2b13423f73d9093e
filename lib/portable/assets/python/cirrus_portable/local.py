"""Cirrus portable handlers in the local run (Python): the worker process of one function.

LocalRun writes one invocation per line on stdin, {"id", "event"} with
event.http.rawBody in base64, and reads the answer as one line on file
descriptor 3: {"id", "result"} or {"id", "error"}. The handler's prints go to
stdout and stderr, which LocalRun prints.

    python3 -m cirrus_portable.local <module> <function>
"""
import base64
import json
import os
import sys
import traceback

from .event import user_handler


def main():
    module, export = sys.argv[1], sys.argv[2]
    user = user_handler(module, export)
    answers = os.fdopen(3, "w", buffering=1)
    for line in sys.stdin:
        if not line.strip():
            continue
        message_id = None
        try:
            message = json.loads(line)
            message_id = message.get("id")
            event = message["event"]
            http = event.get("http")
            if http is not None:
                http["raw_body"] = base64.b64decode(http.pop("rawBody", "") or "")
            result = user(event)
            if isinstance(result, dict) and isinstance(result.get("body"), (bytes, bytearray)):
                result = dict(result, body=None, bodyBase64=base64.b64encode(bytes(result["body"])).decode("ascii"))
            answers.write(json.dumps({"id": message_id, "result": result}) + "\n")
        except Exception as e:  # the invocation fails; the worker lives on
            traceback.print_exc()
            answers.write(json.dumps({"id": message_id, "error": str(e)}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
