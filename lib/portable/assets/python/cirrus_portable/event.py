"""What every cloud's adapter shares (see the package docstring for the contract)."""
import importlib
import inspect
import json
import re

_JSON_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json\b", re.IGNORECASE)
_TEXT_TYPE = re.compile(r"^(text/|application/(?:[\w.+-]+\+)?(json|xml|javascript)|application/x-www-form-urlencoded)", re.IGNORECASE)


def parse_json(text):
    """Parses text as JSON when it is JSON, else returns it as it is."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(text)
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def lower_headers(headers):
    """Header names in lower case; repeated values joined with ", " (cookies with "; ")."""
    out = {}
    items = headers.items() if hasattr(headers, "items") else (headers or [])
    for name, value in items:
        if value is None:
            continue
        key = str(name).lower()
        sep = "; " if key == "cookie" else ", "
        text = sep.join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
        out[key] = text if key not in out else out[key] + sep + text
    return out


def request_body(headers, raw):
    """The body for the handler (parsed when JSON, else text) and the raw bytes."""
    raw_body = b"" if raw is None else (raw if isinstance(raw, bytes) else str(raw).encode("utf-8"))
    if not raw_body:
        return None, raw_body
    try:
        text = raw_body.decode("utf-8")
    except UnicodeDecodeError:
        return raw_body, raw_body
    return (parse_json(text) if _JSON_TYPE.match(headers.get("content-type", "")) else text), raw_body


def http_result(result):
    """The handler's HTTP result as status, lower-case headers and body bytes."""
    if result is None:
        return 204, {}, b""
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int) or not 100 <= result["statusCode"] <= 599:
        raise TypeError("an HTTP handler must return {'statusCode', 'headers'?, 'body'?} with statusCode 100-599")
    headers = lower_headers(result.get("headers") or {})
    body = result.get("body")
    if body is None:
        data = b""
    elif isinstance(body, (bytes, bytearray)):
        data = bytes(body)
    elif isinstance(body, (dict, list)):
        data = json.dumps(body).encode("utf-8")
        headers.setdefault("content-type", "application/json")
    else:
        data = str(body).encode("utf-8")
    return result["statusCode"], headers, data


def is_text(body, headers):
    """Whether bytes are text a platform can carry as a string (else base64)."""
    if not _TEXT_TYPE.match(headers.get("content-type", "text/plain")):
        return False
    try:
        body.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def failed_ids(result, records):
    """The ids the handler failed: {"failedRecordIds"} naming records of this batch, or none."""
    if result is None:
        return []
    ids = result.get("failedRecordIds") if isinstance(result, dict) else None
    if not isinstance(ids, list):
        raise TypeError("a batch handler returns None or {'failedRecordIds': [...]}")
    known = {r["id"] for r in records}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise TypeError("failedRecordIds names records that are not in this batch: " + ", ".join(map(str, unknown)))
    return list(dict.fromkeys(ids))


def user_handler(module_name, export_name):
    """Loads the user's function on first use; calls it (awaiting an async def) with the event."""
    loaded = {}

    def call(event):
        if "fn" not in loaded:
            fn = getattr(importlib.import_module(module_name), export_name, None)
            if not callable(fn):
                raise TypeError(f"the handler module {module_name} has no function {export_name}")
            loaded["fn"] = fn
        result = loaded["fn"](event)
        if inspect.isawaitable(result):
            import asyncio  # loaded for async handlers only (it adds ~30 ms to a cold start)
            result = asyncio.run(_await(result))
        return result

    return call


async def _await(awaitable):
    return await awaitable
