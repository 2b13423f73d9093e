"""Cirrus portable handlers on Google Cloud Functions (2nd gen, Python Functions Framework).

One HTTP function answers its HTTP routes and, on /_cirrus/push/<trigger> and
/_cirrus/schedule/<trigger> (paths no declared route can use), the Pub/Sub push
subscriptions and Cloud Scheduler jobs Cirrus wires to it. 204 acknowledges a
push; 500 makes Pub/Sub redeliver, then dead-letter. Calls on /_cirrus/ must
carry the OIDC token of Cirrus's invoker account, verified here (RS256 against
Google's certificates), so a public route cannot inject messages.
"""
import base64
import json
import re
import time

from .event import failed_ids, http_result, lower_headers, parse_json, request_body, user_handler

_CERTS = "https://www.googleapis.com/oauth2/v3/certs"
_ISSUERS = ("https://accounts.google.com", "accounts.google.com")
_INTERNAL = re.compile(r"^/_cirrus/(push|schedule)/([A-Za-z0-9]+)$")


def route_pattern(path):
    """`/orders/{id}` and `/{proxy+}` as a regular expression over a request path."""
    parts = []
    for segment in [s for s in path.split("/") if s]:
        if re.fullmatch(r"\{[A-Za-z_][A-Za-z0-9_]*\+\}", segment):
            parts.append("(?:/.*)?")
        elif re.fullmatch(r"\{[A-Za-z_][A-Za-z0-9_]*\}", segment):
            parts.append("/[^/]+")
        else:
            parts.append("/" + re.escape(segment))
    return re.compile("^" + "".join(parts) + "/?$")


def _b64(data):
    return base64.b64decode(data).decode("utf-8") if data else ""


def _push_event(kind, body):
    message = (body or {}).get("message") or {}
    attributes = dict(message.get("attributes") or {})
    msg_id = message.get("messageId") or message.get("message_id")
    if kind == "storage":
        obj = parse_json(_b64(message.get("data"))) or {}
        size = obj.get("size") if isinstance(obj, dict) else None
        return {"cloud": "gcp", "trigger": "storage", "records": [{"id": msg_id, "data": {
            "bucket": attributes.get("bucketId"), "name": attributes.get("objectId"), "size": int(size) if size is not None else None,
            "eventType": "deleted" if attributes.get("eventType") == "OBJECT_DELETE" else "created"}, "attributes": attributes}]}
    return {"cloud": "gcp", "trigger": kind, "records": [{"id": msg_id, "data": parse_json(_b64(message.get("data"))), "attributes": attributes}]}


def _b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_certs = {}


def _rsa_verify(jwk, message, signature):
    """RS256 (PKCS#1 v1.5, SHA-256) verification against an RSA JWK, with the standard library only."""
    import hashlib
    n = int.from_bytes(_b64url(jwk["n"]), "big")
    e = int.from_bytes(_b64url(jwk["e"]), "big")
    size = (n.bit_length() + 7) // 8
    value = pow(int.from_bytes(signature, "big"), e, n).to_bytes(size, "big")
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + hashlib.sha256(message).digest()
    return value == b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info


def verify_invoker(authorization, email, fetch_certs, now=None):
    """Checks a Google-signed OIDC token: RS256 signature, issuer, expiry, and that it names `email`."""
    match = re.match(r"^Bearer (.+)$", authorization or "")
    if not match:
        return False
    try:
        header_b64, payload_b64, signature_b64 = match.group(1).split(".")
        header = json.loads(_b64url(header_b64))
        claims = json.loads(_b64url(payload_b64))
    except ValueError:
        return False
    if header.get("alg") != "RS256":
        return False
    if not _certs or _certs.get("expires", 0) < time.time():
        _certs.clear()
        _certs.update({"keys": {k["kid"]: k for k in fetch_certs(_CERTS).get("keys", [])}, "expires": time.time() + 3600})
    jwk = _certs["keys"].get(header.get("kid"))
    if not jwk or not _rsa_verify(jwk, f"{header_b64}.{payload_b64}".encode("ascii"), _b64url(signature_b64)):
        return False
    return claims.get("iss") in _ISSUERS and claims.get("exp", 0) > (now or time.time()) and claims.get("email") == email and claims.get("email_verified") is not False


def _default_certs(url):
    import urllib.request  # loaded when the certificates are first fetched
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - Google's fixed certificate URL
        return json.loads(response.read())


def create_entry(module_name, export_name, config, fetch_certs=_default_certs):
    """The Functions Framework entry point: (flask.Request) -> (body, status, headers)."""
    user = user_handler(module_name, export_name)
    routes = [(route_pattern(r["path"]), r["methods"]) for r in config.get("routes", [])]

    def entry(request):
        internal = _INTERNAL.match(request.path or "")
        if internal:
            what, trigger_id = internal.groups()
            kind = (config.get("push") or {}).get(trigger_id) if what == "push" else ("schedule" if trigger_id in (config.get("schedules") or []) else None)
            if not kind:
                return "no such Cirrus trigger", 404, {}
            if not verify_invoker(request.headers.get("Authorization"), config.get("invokerEmail"), fetch_certs):
                return "not Cirrus's invoker", 403, {}
            if kind == "schedule":
                headers = lower_headers(dict(request.headers))
                event = {"cloud": "gcp", "trigger": "schedule", "records": [{
                    "id": f"{headers.get('x-cloudscheduler-jobname', trigger_id)}@{headers.get('x-cloudscheduler-scheduletime', '')}",
                    "data": {"scheduledTime": headers.get("x-cloudscheduler-scheduletime")}, "attributes": {"schedule": trigger_id}}]}
            else:
                event = _push_event(kind, request.get_json(silent=True))
            failed = failed_ids(user(event), event["records"])
            return ("records failed: " + ", ".join(map(str, failed)), 500, {}) if failed else ("", 204, {})
        matching = [methods for pattern, methods in routes if pattern.match(request.path)]
        if not matching:
            return json.dumps({"message": "Not Found"}), 404, {"content-type": "application/json"}
        if not any("ANY" in m or request.method in m for m in matching):
            allow = ", ".join(sorted({x for m in matching for x in m}))
            return json.dumps({"message": "Method Not Allowed"}), 405, {"content-type": "application/json", "allow": allow}
        headers = lower_headers(dict(request.headers))
        body, raw = request_body(headers, request.get_data())
        event = {"cloud": "gcp", "trigger": "http", "http": {
            "method": request.method, "path": request.path, "headers": headers, "query": {k: ",".join(request.args.getlist(k)) for k in request.args}, "body": body, "raw_body": raw}}
        status, out_headers, out_body = http_result(user(event))
        return out_body, status, out_headers

    return entry
