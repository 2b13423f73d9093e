"""Cirrus portable handlers on AWS Lambda (Python): Lambda events in, the caller's reply out."""
import base64

from .event import failed_ids, http_result, is_text, lower_headers, parse_json, request_body, user_handler


def _attributes(values, field):
    return {k: str(v.get(field) if isinstance(v, dict) else v) for k, v in (values or {}).items()}


def to_event(e):
    """The portable event of one Lambda invocation."""
    if isinstance(e, dict) and isinstance(e.get("requestContext"), dict) and "http" in e["requestContext"]:
        headers = lower_headers(e.get("headers") or {})
        if e.get("cookies"):
            headers["cookie"] = "; ".join(e["cookies"])
        raw = e.get("body")
        if raw is not None:
            raw = base64.b64decode(raw) if e.get("isBase64Encoded") else raw.encode("utf-8")
        body, raw_body = request_body(headers, raw)
        return {"cloud": "aws", "trigger": "http", "http": {
            "method": e["requestContext"]["http"]["method"], "path": e.get("rawPath") or e["requestContext"]["http"].get("path"),
            "headers": headers, "query": dict(e.get("queryStringParameters") or {}), "body": body, "raw_body": raw_body}}
    records = e.get("Records") if isinstance(e, dict) else None
    first = records[0] if isinstance(records, list) and records else {}
    if first.get("eventSource") == "aws:sqs":
        return {"cloud": "aws", "trigger": "queue", "records": [
            {"id": r["messageId"], "data": parse_json(r.get("body")), "attributes": _attributes(r.get("messageAttributes"), "stringValue")} for r in records]}
    if first.get("EventSource") == "aws:sns":
        return {"cloud": "aws", "trigger": "topic", "records": [
            {"id": r["Sns"]["MessageId"], "data": parse_json(r["Sns"].get("Message")), "attributes": _attributes(r["Sns"].get("MessageAttributes"), "Value")} for r in records]}
    if isinstance(e, dict) and isinstance(e.get("cirrus"), dict) and e["cirrus"].get("trigger") == "schedule":
        c = e["cirrus"]
        return {"cloud": "aws", "trigger": "schedule", "records": [
            {"id": c.get("executionId") or c.get("scheduledTime"), "data": {"scheduledTime": c.get("scheduledTime")}, "attributes": {"schedule": c.get("schedule")}}]}
    if isinstance(e, dict) and e.get("source") == "aws.s3" and e.get("detail-type") in ("Object Created", "Object Deleted"):
        d = e.get("detail") or {}
        return {"cloud": "aws", "trigger": "storage", "records": [{"id": e.get("id"), "data": {
            "bucket": (d.get("bucket") or {}).get("name"), "name": (d.get("object") or {}).get("key"), "size": (d.get("object") or {}).get("size"),
            "eventType": "created" if e["detail-type"] == "Object Created" else "deleted"}, "attributes": {"reason": str(d.get("reason") or "")}}]}
    if isinstance(e, dict) and isinstance(e.get("detail-type"), str) and isinstance(e.get("source"), str):
        return {"cloud": "aws", "trigger": "eventBus", "records": [{"id": e.get("id"), "data": e.get("detail"), "attributes": {"source": e["source"], "type": e["detail-type"]}}]}
    raise TypeError("Cirrus portable handler: this Lambda event comes from no trigger Cirrus declares")


def to_response(event, result):
    """An API Gateway v2 response, SQS batch item failures, or an exception that makes Lambda retry."""
    if event["trigger"] == "http":
        status, headers, body = http_result(result)
        text = is_text(body, headers)
        return {"statusCode": status, "headers": headers, "body": body.decode("utf-8") if text else base64.b64encode(body).decode("ascii"), "isBase64Encoded": not text}
    failed = failed_ids(result, event["records"])
    if event["trigger"] == "queue":
        return {"batchItemFailures": [{"itemIdentifier": i} for i in failed]}
    if failed:
        raise RuntimeError("Cirrus portable handler: records failed: " + ", ".join(map(str, failed)))
    return None


def create_handler(module_name, export_name):
    """The Lambda handler around the user's module and function."""
    user = user_handler(module_name, export_name)

    def handler(lambda_event, _context=None):
        event = to_event(lambda_event)
        return to_response(event, user(event))

    return handler
