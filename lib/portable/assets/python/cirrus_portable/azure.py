"""Cirrus portable handlers on Azure Functions (Python v1 model, function.json bindings).

Each trigger folder's generated __init__.py binds `main` to `create_main(...)`:
the binding's object becomes the portable event; the result an HttpResponse, or
an exception that makes the host abandon the message (Service Bus redelivers it,
then dead-letters it) or retry the event (Event Grid, timer).
"""
import datetime
import re

from .event import failed_ids, http_result, lower_headers, parse_json, request_body, user_handler


def _body_of(message):
    try:
        return parse_json(message.get_body())
    except Exception:  # pragma: no cover - a message without a body
        return None


def _message_record(message, index):
    props = getattr(message, "application_properties", None) or getattr(message, "user_properties", None) or {}
    return {
        "id": str(getattr(message, "message_id", None) or index),
        "data": _body_of(message),
        "attributes": {str(k): v if isinstance(v, str) else str(v) for k, v in props.items()},
    }


def _http_event(req):
    headers = lower_headers(dict(req.headers))
    body, raw = request_body(headers, req.get_body())
    path = re.sub(r"^[a-z]+://[^/]+", "", req.url).split("?")[0] or "/"
    return {"cloud": "azure", "trigger": "http", "http": {
        "method": req.method, "path": path, "headers": headers, "query": dict(req.params), "body": body, "raw_body": raw}}


def _storage_event(event):
    match = re.search(r"/containers/([^/]+)/blobs/(.+)$", event.subject or "")
    data = event.get_json() or {}
    return {"cloud": "azure", "trigger": "storage", "records": [{"id": event.id, "data": {
        "bucket": match.group(1) if match else None, "name": match.group(2) if match else None,
        "size": data.get("contentLength"), "eventType": "deleted" if str(event.event_type).endswith("BlobDeleted") else "created"},
        "attributes": {"type": str(event.event_type)}}]}


def _bus_event(event):
    return {"cloud": "azure", "trigger": "eventBus", "records": [{"id": event.id, "data": event.get_json(),
            "attributes": {"source": str(getattr(event, "source", None) or event.topic or ""), "type": str(event.event_type)}}]}


def _finish(event, result):
    if event["trigger"] == "http":
        import azure.functions as func  # provided by the Functions Python worker
        status, headers, body = http_result(result)
        return func.HttpResponse(body=body, status_code=status, headers=headers)
    failed = failed_ids(result, event["records"])
    if failed:
        raise RuntimeError("Cirrus portable handler: records failed: " + ", ".join(map(str, failed)))
    return None


def create_main(kind, module_name, export_name, many=False, schedule=""):
    """The function the trigger's function.json names, with the parameter name of its binding."""
    user = user_handler(module_name, export_name)

    def run(event):
        return _finish(event, user(event))

    if kind == "http":
        def main(req):
            return run(_http_event(req))
    elif kind in ("queue", "topic") and many:
        def main(messages):
            return run({"cloud": "azure", "trigger": kind, "records": [_message_record(m, i) for i, m in enumerate(messages)]})
    elif kind in ("queue", "topic"):
        def main(message):
            return run({"cloud": "azure", "trigger": kind, "records": [_message_record(message, 0)]})
    elif kind == "storage":
        def main(event):
            return run(_storage_event(event))
    elif kind == "eventBus":
        def main(event):
            return run(_bus_event(event))
    elif kind == "schedule":
        def main(timer):
            now = datetime.datetime.now(datetime.timezone.utc).isoformat()
            return run({"cloud": "azure", "trigger": "schedule", "records": [
                {"id": now, "data": {"scheduledTime": now, "isPastDue": bool(getattr(timer, "past_due", False))}, "attributes": {"schedule": schedule}}]})
    else:
        raise TypeError(f"Cirrus portable handler: unknown trigger kind {kind}")
    return main
