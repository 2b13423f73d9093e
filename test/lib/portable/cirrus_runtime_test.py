"""cirrus_runtime (Python) against local fake endpoints (stdlib unittest; run by python-adapters.test.ts)."""
import base64
import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "lib", "portable", "assets", "python"))

from cirrus_runtime import Runtime, environment_name  # noqa: E402


class Fake:
    """A local server recording requests; token URLs get a token, the rest `status`."""

    def __init__(self, status=201, body=b""):
        self.seen = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else b""
                fake.seen.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": data})
                if self.path.startswith("/identity") or "/computeMetadata/" in self.path:
                    out, code = json.dumps({"access_token": "tok-1"}).encode(), 200
                else:
                    out, code = body, status
                self.send_response(code)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class RuntimeTest(unittest.TestCase):
    def test_names_and_missing_grant(self):
        self.assertEqual(environment_name("OrderEvents", "TOPIC"), "ORDER_EVENTS_TOPIC")
        with self.assertRaisesRegex(RuntimeError, r"queue\('Orders'\): this function has no ORDERS_QUEUE in its environment; give it access in the declaration \(orders\.grantSend\(fn\)"):
            Runtime(env={"CIRRUS_CLOUD": "gcp"}).queue("Orders").send({})

    def test_azure(self):
        fake = Fake()
        self.addCleanup(fake.close)
        env = {"CIRRUS_CLOUD": "azure", "IDENTITY_ENDPOINT": fake.url + "/identity", "IDENTITY_HEADER": "h", "AZURE_CLIENT_ID": "c1",
               "ORDERS_QUEUE": fake.url + "/orders", "INVOICES_BUCKET": fake.url + "/invoices"}
        r = Runtime(env=env)
        r.queue("Orders").send({"id": 1}, attributes={"kind": "new"})
        r.bucket("Invoices").put("a.pdf", b"PDF")
        token, send = fake.seen[0], fake.seen[1]
        self.assertIn("resource=https%3A%2F%2Fservicebus.azure.net", token["path"])
        self.assertIn("client_id=c1", token["path"])
        self.assertEqual(token["headers"]["x-identity-header"], "h")
        self.assertEqual((send["method"], send["path"], send["headers"]["authorization"], send["headers"]["kind"]), ("POST", "/orders/messages", "Bearer tok-1", '"new"'))
        self.assertEqual(json.loads(send["body"]), {"id": 1})
        put = [s for s in fake.seen if s["method"] == "PUT"][0]
        self.assertEqual((put["path"], put["headers"]["x-ms-blob-type"], put["body"]), ("/invoices/a.pdf", "BlockBlob", b"PDF"))

    def test_gcp_and_errors(self):
        fake = Fake()
        self.addCleanup(fake.close)
        env = {"CIRRUS_CLOUD": "gcp", "GCE_METADATA_HOST": fake.url.replace("http://", ""), "CIRRUS_GOOGLE_PUBSUB_ROOT": fake.url,
               "SHIPPED_TOPIC": "projects/p/topics/shipped", "TELEMETRY_BUS": "projects/p/topics/telemetry"}
        r = Runtime(env=env)
        r.topic("Shipped").publish({"id": 7}, attributes={"region": "eu"})
        r.bus("Telemetry").put("reading", {"c": 1}, source="devices")
        token, publish = fake.seen[0], fake.seen[1]
        self.assertEqual(token["headers"]["metadata-flavor"], "Google")
        self.assertEqual((publish["path"], publish["headers"]["authorization"]), ("/v1/projects/p/topics/shipped:publish", "Bearer tok-1"))
        self.assertEqual(json.loads(publish["body"]), {"messages": [{"data": base64.b64encode(b'{"id": 7}').decode(), "attributes": {"region": "eu"}}]})
        self.assertEqual(json.loads(fake.seen[3]["body"])["messages"][0]["attributes"], {"source": "devices", "type": "reading"})
        failing = Fake(status=403, body=b'{"error":"PERMISSION_DENIED"}')
        self.addCleanup(failing.close)
        env.update(GCE_METADATA_HOST=failing.url.replace("http://", ""), CIRRUS_GOOGLE_PUBSUB_ROOT=failing.url)
        with self.assertRaisesRegex(RuntimeError, r"topic\('Shipped'\)\.publish failed: HTTP 403: \{\"error\":\"PERMISSION_DENIED\"\}"):
            Runtime(env=env).topic("Shipped").publish("x")

    def test_aws_through_boto3(self):
        calls = []

        class Client:
            def __init__(self, service):
                self.service = service

            def __getattr__(self, op):
                def call(**kwargs):
                    calls.append((self.service, op, kwargs))
                    return {"FailedEntryCount": 0}
                return call

        r = Runtime(env={"CIRRUS_CLOUD": "aws", "ORDERS_QUEUE": "https://sqs/q", "TELEMETRY_BUS": "bus-1"}, boto3_client=Client)
        r.queue("Orders").send({"id": 1})
        r.bus("Telemetry").put("reading", {"c": 1})
        self.assertEqual(calls, [
            ("sqs", "send_message", {"QueueUrl": "https://sqs/q", "MessageBody": '{"id": 1}'}),
            ("events", "put_events", {"Entries": [{"EventBusName": "bus-1", "Source": "cirrus", "DetailType": "reading", "Detail": '{"c": 1}'}]}),
        ])


if __name__ == "__main__":
    unittest.main()
