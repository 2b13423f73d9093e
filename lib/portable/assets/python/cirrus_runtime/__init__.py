"""cirrus_runtime for Python: send, publish, put and store from a Cirrus portable handler.

    import cirrus_runtime
    cirrus_runtime.queue("Orders").send({"id": 1}, attributes={"kind": "new"})
    cirrus_runtime.topic("Shipped").publish({"id": 1})
    cirrus_runtime.bus("Telemetry").put("reading", {"c": 21})        # source "cirrus" unless given
    cirrus_runtime.bucket("Invoices").put("a.pdf", data); data = cirrus_runtime.bucket("Invoices").get("a.pdf")

A name is the shared construct's id; its grant put the address in the
environment (<ID>_QUEUE, <ID>_TOPIC, <ID>_BUS, <ID>_BUCKET). AWS through boto3
(in the Lambda runtime); Azure and GCP through their REST APIs with the
function's identity token, standard library only; locally, the Cirrus local run.
"""
import base64
import json
import os
import re
import urllib.parse

# urllib.request (and with it http.client and ssl), uuid and datetime load on the first call that needs them:
# a cold start pays only for what the handler uses.

_GRANTS = {"QUEUE": "grantSend", "TOPIC": "grantPublish", "BUS": "grantPublish", "BUCKET": "grantWrite or grantRead"}


def environment_name(name, kind):
    base = re.sub(r"[^A-Za-z0-9]+", "_", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(name))).strip("_").upper()
    full = base if base.endswith("_" + kind) or base == kind else f"{base}_{kind}"
    return full if re.match(r"^[A-Z_]", full) else "_" + full


class _Http:
    """urllib with the response's status and body, never raising on an HTTP status."""

    def __call__(self, url, method="GET", headers=None, body=None):
        import urllib.error
        import urllib.request
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - addresses come from Cirrus grants
                return response.status, response.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()


def _encode(data):
    if isinstance(data, (bytes, bytearray)):
        return bytes(data), "application/octet-stream"
    if isinstance(data, str):
        return data.encode("utf-8"), "text/plain; charset=utf-8"
    return json.dumps(data).encode("utf-8"), "application/json"


def _attributes(attributes):
    for k, v in (attributes or {}).items():
        if not isinstance(v, str):
            raise TypeError(f"cirrus_runtime: attribute {k} must be a str")
    return dict(attributes or {})


class Runtime:
    """The producers over an environment, an HTTP client and a boto3 loader (replaceable in tests)."""

    def __init__(self, env=None, http=None, boto3_client=None):
        self.env = os.environ if env is None else env
        self.http = http or _Http()
        self._boto3 = boto3_client

    # -------------------------------------------------------------- helpers
    def _address(self, name, kind):
        variable = environment_name(name, kind)
        value = self.env.get(variable)
        if not value:
            what = kind.lower()
            raise RuntimeError(f"cirrus_runtime: {what}('{name}'): this function has no {variable} in its environment; "
                               f"give it access in the declaration ({name[0].lower()}{name[1:]}.{_GRANTS[kind]}(fn) on the shared {what} with id '{name}')")
        return value

    def cloud(self):
        env = self.env
        if env.get("CIRRUS_CLOUD"):
            return env["CIRRUS_CLOUD"]
        if env.get("AWS_LAMBDA_FUNCTION_NAME"):
            return "aws"
        if env.get("FUNCTIONS_WORKER_RUNTIME"):
            return "azure"
        if env.get("K_SERVICE"):
            return "gcp"
        return "local"

    def _check(self, status, body, what):
        if status < 200 or status >= 300:
            text = body.decode("utf-8", "replace") if body else ""
            raise RuntimeError(f"cirrus_runtime: {what} failed: HTTP {status}" + (f": {text}" if text else ""))
        return body

    def _client(self, service):
        if self._boto3:
            return self._boto3(service)
        import boto3  # in the Lambda Python runtime
        return boto3.client(service)

    def _azure_token(self, resource):
        env = self.env
        query = {"api-version": "2019-08-01", "resource": resource}
        if env.get("AZURE_CLIENT_ID"):
            query["client_id"] = env["AZURE_CLIENT_ID"]
        status, body = self.http(f"{env.get('IDENTITY_ENDPOINT')}?{urllib.parse.urlencode(query)}", headers={"X-IDENTITY-HEADER": env.get("IDENTITY_HEADER", "")})
        return json.loads(self._check(status, body, "the managed identity token request"))["access_token"]

    def _google_token(self):
        host = self.env.get("GCE_METADATA_HOST", "metadata.google.internal")
        status, body = self.http(f"http://{host}/computeMetadata/v1/instance/service-accounts/default/token", headers={"Metadata-Flavor": "Google"})
        return json.loads(self._check(status, body, "the metadata server token request"))["access_token"]

    def _local(self, kind, name, payload, what):
        status, body = self.http(f"{self.env.get('CIRRUS_LOCAL_URL')}/_cirrus/produce/{kind}/{urllib.parse.quote(name)}", "POST",
                                 {"Content-Type": "application/json", "x-cirrus-function": self.env.get("CIRRUS_FUNCTION", "")}, json.dumps(payload).encode("utf-8"))
        return self._check(status, body, what)

    # -------------------------------------------------------------- operations
    def _send(self, kind, name, data, attributes):
        where = self._address(name, kind)
        what = f"{kind.lower()}('{name}').{'send' if kind == 'QUEUE' else 'publish'}"
        attrs = _attributes(attributes)
        body, content_type = _encode(data)
        cloud = self.cloud()
        if cloud == "aws":
            if kind == "QUEUE":
                args = {"QueueUrl": where, "MessageBody": body.decode("utf-8")}
                if attrs:
                    args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in attrs.items()}
                self._client("sqs").send_message(**args)
            else:
                args = {"TopicArn": where, "Message": body.decode("utf-8")}
                if attrs:
                    args["MessageAttributes"] = {k: {"DataType": "String", "StringValue": v} for k, v in attrs.items()}
                self._client("sns").publish(**args)
        elif cloud == "azure":
            token = self._azure_token("https://servicebus.azure.net")
            headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type, **{k: json.dumps(v) for k, v in attrs.items()}}
            self._check(*self.http(f"{where}/messages", "POST", headers, body), what)
        elif cloud == "gcp":
            self._publish_gcp(where, body, attrs, what)
        else:
            self._local(kind.lower(), name, {"data": data, "attributes": attrs}, what)

    def _publish_gcp(self, topic_id, body, attrs, what):
        token = self._google_token()
        root = self.env.get("CIRRUS_GOOGLE_PUBSUB_ROOT", "https://pubsub.googleapis.com")
        payload = {"messages": [{"data": base64.b64encode(body).decode("ascii"), "attributes": attrs}]}
        self._check(*self.http(f"{root}/v1/{topic_id}:publish", "POST", {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                               json.dumps(payload).encode("utf-8")), what)

    def _put_event(self, name, event_type, data, source):
        if not isinstance(event_type, str) or not event_type:
            raise TypeError(f"cirrus_runtime: bus('{name}').put needs an event type")
        where = self._address(name, "BUS")
        what = f"bus('{name}').put"
        cloud = self.cloud()
        if cloud == "aws":
            result = self._client("events").put_events(Entries=[{"EventBusName": where, "Source": source, "DetailType": event_type, "Detail": json.dumps({} if data is None else data)}])
            if result.get("FailedEntryCount"):
                raise RuntimeError(f"cirrus_runtime: {what} failed: {result.get('Entries')}")
        elif cloud == "azure":
            token = self._azure_token("https://eventgrid.azure.net")
            import uuid
            from datetime import datetime, timezone
            event = {"specversion": "1.0", "id": str(uuid.uuid4()), "source": source, "type": event_type,
                     "time": datetime.now(timezone.utc).isoformat(), "datacontenttype": "application/json", "data": data}
            self._check(*self.http(where, "POST", {"Authorization": f"Bearer {token}", "Content-Type": "application/cloudevents-batch+json; charset=utf-8"},
                                   json.dumps([event]).encode("utf-8")), what)
        elif cloud == "gcp":
            self._publish_gcp(where, _encode(data)[0], {"source": source, "type": event_type}, what)
        else:
            self._local("bus", name, {"type": event_type, "source": source, "data": data}, what)

    def _put_object(self, name, object_name, data, content_type):
        where = self._address(name, "BUCKET")
        what = f"bucket('{name}').put"
        body, default_type = _encode(data)
        content_type = content_type or default_type
        cloud = self.cloud()
        quoted = "/".join(urllib.parse.quote(p, safe="") for p in object_name.split("/"))
        if cloud == "aws":
            self._client("s3").put_object(Bucket=where, Key=object_name, Body=body, ContentType=content_type)
        elif cloud == "azure":
            token = self._azure_token("https://storage.azure.com/")
            self._check(*self.http(f"{where}/{quoted}", "PUT", {"Authorization": f"Bearer {token}", "x-ms-version": "2021-08-06",
                                                                 "x-ms-blob-type": "BlockBlob", "Content-Type": content_type}, body), what)
        elif cloud == "gcp":
            token = self._google_token()
            root = self.env.get("CIRRUS_GOOGLE_STORAGE_ROOT", "https://storage.googleapis.com")
            url = f"{root}/upload/storage/v1/b/{urllib.parse.quote(where, safe='')}/o?uploadType=media&name={urllib.parse.quote(object_name, safe='')}"
            self._check(*self.http(url, "POST", {"Authorization": f"Bearer {token}", "Content-Type": content_type}, body), what)
        else:
            self._local("bucket", name, {"name": object_name, "base64": base64.b64encode(body).decode("ascii"), "contentType": content_type}, what)

    def _get_object(self, name, object_name):
        where = self._address(name, "BUCKET")
        what = f"bucket('{name}').get"
        cloud = self.cloud()
        quoted = "/".join(urllib.parse.quote(p, safe="") for p in object_name.split("/"))
        if cloud == "aws":
            return self._client("s3").get_object(Bucket=where, Key=object_name)["Body"].read()
        if cloud == "azure":
            token = self._azure_token("https://storage.azure.com/")
            return self._check(*self.http(f"{where}/{quoted}", "GET", {"Authorization": f"Bearer {token}", "x-ms-version": "2021-08-06"}), what)
        if cloud == "gcp":
            token = self._google_token()
            root = self.env.get("CIRRUS_GOOGLE_STORAGE_ROOT", "https://storage.googleapis.com")
            return self._check(*self.http(f"{root}/storage/v1/b/{urllib.parse.quote(where, safe='')}/o/{urllib.parse.quote(object_name, safe='')}?alt=media",
                                          "GET", {"Authorization": f"Bearer {token}"}), what)
        return self._check(*self.http(f"{self.env.get('CIRRUS_LOCAL_URL')}/_cirrus/object/{urllib.parse.quote(name)}/{quoted}", "GET",
                                      {"x-cirrus-function": self.env.get("CIRRUS_FUNCTION", "")}), what)

    # -------------------------------------------------------------- the public handles
    def queue(self, name):
        return _Queue(self, name)

    def topic(self, name):
        return _Topic(self, name)

    def bus(self, name):
        return _Bus(self, name)

    def bucket(self, name):
        return _Bucket(self, name)


class _Queue:
    def __init__(self, runtime, name):
        self._r, self._name = runtime, name

    def send(self, data, attributes=None):
        self._r._send("QUEUE", self._name, data, attributes)


class _Topic:
    def __init__(self, runtime, name):
        self._r, self._name = runtime, name

    def publish(self, data, attributes=None):
        self._r._send("TOPIC", self._name, data, attributes)


class _Bus:
    def __init__(self, runtime, name):
        self._r, self._name = runtime, name

    def put(self, event_type, data, source="cirrus"):
        self._r._put_event(self._name, event_type, data, source)


class _Bucket:
    def __init__(self, runtime, name):
        self._r, self._name = runtime, name

    def put(self, object_name, data, content_type=None):
        self._r._put_object(self._name, object_name, data, content_type)

    def get(self, object_name):
        return self._r._get_object(self._name, object_name)


_default = Runtime()
queue = _default.queue
topic = _default.topic
bus = _default.bus
bucket = _default.bucket
