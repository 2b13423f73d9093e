"""The Python portable adapters fed the documented native payloads (stdlib unittest; run by python-adapters.test.ts)."""
import asyncio
import base64
import json
import os
import sys
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "lib", "portable", "assets", "python"))

from cirrus_portable import aws, azure, gcp  # noqa: E402

# A stand-in for the azure.functions module the Functions Python worker provides.
_func = types.ModuleType("azure.functions")


class HttpResponse:
    def __init__(self, body=None, status_code=200, headers=None):
        self.body, self.status_code, self.headers = body, status_code, headers


_func.HttpResponse = HttpResponse
sys.modules["azure"] = types.ModuleType("azure")
sys.modules["azure.functions"] = _func


def fixture(name):
    with open(os.path.join(ROOT, "test", "fixtures", "payloads", name + ".json")) as f:
        return json.load(f)


EVENTS = []


def _install_user(reply=lambda e: None, is_async=False):
    EVENTS.clear()
    module = types.ModuleType("user_handler_module")
    if is_async:
        async def handler(event):
            await asyncio.sleep(0)
            EVENTS.append(event)
            return reply(event)
    else:
        def handler(event):
            EVENTS.append(event)
            return reply(event)
    module.handler = handler
    sys.modules["user_handler_module"] = module
    return "user_handler_module", "handler"


class AwsAdapter(unittest.TestCase):
    def test_http(self):
        event = fixture("aws-http-apigw-v2")["payload"]
        handler = aws.create_handler(*_install_user(lambda e: {"statusCode": 201, "body": {"ok": True}}))
        response = handler(event)
        http = EVENTS[0]["http"]
        self.assertEqual((EVENTS[0]["cloud"], EVENTS[0]["trigger"]), ("aws", "http"))
        self.assertEqual(http["method"], event["requestContext"]["http"]["method"])
        self.assertEqual(http["path"], event["rawPath"])
        self.assertTrue(all(k == k.lower() for k in http["headers"]))
        self.assertEqual(response, {"statusCode": 201, "headers": {"content-type": "application/json"}, "body": '{"ok": true}', "isBase64Encoded": False})

    def test_sqs_partial_failure(self):
        event = fixture("aws-sqs")["payload"]
        failed = event["Records"][0]["messageId"]
        handler = aws.create_handler(*_install_user(lambda e: {"failedRecordIds": [failed]}, is_async=True))
        self.assertEqual(handler(event), {"batchItemFailures": [{"itemIdentifier": failed}]})
        self.assertEqual([r["id"] for r in EVENTS[0]["records"]], [r["messageId"] for r in event["Records"]])

    def test_async_sources_raise_on_failure(self):
        sns = fixture("aws-sns")["payload"]
        handler = aws.create_handler(*_install_user(lambda e: {"failedRecordIds": [e["records"][0]["id"]]}))
        with self.assertRaises(RuntimeError):
            handler(sns)
        s3 = fixture("aws-s3-eventbridge")["payload"]
        aws.create_handler(*_install_user())(s3)
        self.assertEqual(EVENTS[0]["records"][0]["data"]["name"], s3["detail"]["object"]["key"])

    def test_unknown_batch_id_is_an_error(self):
        handler = aws.create_handler(*_install_user(lambda e: {"failedRecordIds": ["nope"]}))
        with self.assertRaises(TypeError):
            handler(fixture("aws-sqs")["payload"])


class Message:
    """func.ServiceBusMessage as far as the adapter reads it."""

    def __init__(self, body, message_id, props):
        self._body, self.message_id, self.application_properties = body, message_id, props

    def get_body(self):
        return self._body


class AzureAdapter(unittest.TestCase):
    def test_http(self):
        payload = fixture("azure-python-http")["payload"]

        class Request:
            method = payload.get("method", "POST")
            url = payload.get("url", "https://app.azurewebsites.net/orders?x=1")
            headers = payload.get("headers", {"Content-Type": "application/json"})
            params = payload.get("params", {})

            def get_body(self):
                body = payload.get("body", "{}")
                return body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")

        main = azure.create_main("http", *_install_user(lambda e: {"statusCode": 202, "body": "ok"}))
        response = main(Request())
        self.assertEqual(EVENTS[0]["cloud"], "azure")
        self.assertEqual(EVENTS[0]["http"]["method"], Request.method)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.body, b"ok")

    def test_service_bus_many_fails_the_batch(self):
        main = azure.create_main("queue", *_install_user(lambda e: {"failedRecordIds": ["m2"]}), many=True)
        self.assertEqual(main.__code__.co_varnames[0], "messages")  # the binding's name in function.json
        with self.assertRaises(RuntimeError):
            main([Message(b'{"a": 1}', "m1", {"k": "v"}), Message(b"plain", "m2", {})])
        self.assertEqual(EVENTS[0]["records"], [{"id": "m1", "data": {"a": 1}, "attributes": {"k": "v"}}, {"id": "m2", "data": "plain", "attributes": {}}])

    def test_event_grid_and_timer(self):
        payload = fixture("azure-python-eventgrid")["payload"]
        subject = payload.get("subject", "/blobServices/default/containers/objects/blobs/invoices/a.pdf")

        class Event:
            id = payload.get("id", "e1")
            topic = payload.get("topic")
            event_type = payload.get("event_type", payload.get("eventType", "Microsoft.Storage.BlobCreated"))

            def __init__(self):
                self.subject = subject

            def get_json(self):
                return payload.get("data", payload.get("get_json()", {}))

        azure.create_main("storage", *_install_user())(Event())
        record = EVENTS[0]["records"][0]
        self.assertEqual(record["data"]["name"], subject.split("/blobs/")[1])
        main = azure.create_main("schedule", *_install_user(), schedule="Nightly")
        self.assertEqual(main.__code__.co_varnames[0], "timer")
        main(types.SimpleNamespace(past_due=False))
        self.assertEqual(EVENTS[0]["trigger"], "schedule")


class FlaskRequest:
    def __init__(self, method, path, headers=None, body=None, args=None):
        self.method, self.path, self.headers = method, path, headers or {}
        self._body = body
        self.args = types.SimpleNamespace(getlist=lambda k: [args[k]], __iter__=None) if args else None
        self._args = args or {}

    @property
    def args(self):
        args = self._args

        class Args(dict):
            def getlist(self, k):
                return [self[k]]
        return Args(args)

    @args.setter
    def args(self, _value):
        pass

    def get_data(self):
        return self._body if isinstance(self._body, bytes) else json.dumps(self._body).encode("utf-8") if self._body is not None else b""

    def get_json(self, silent=False):
        return self._body if not isinstance(self._body, bytes) else json.loads(self._body)


class GcpAdapter(unittest.TestCase):
    CONFIG = {"routes": [{"path": "/orders", "methods": ["POST"]}], "push": {"Queue": "queue", "Storage": "storage"}, "schedules": ["Schedule"], "invokerEmail": "inv@p.iam.gserviceaccount.com"}

    def entry(self, reply=lambda e: None, verify=True):
        original = gcp.verify_invoker
        self.addCleanup(setattr, gcp, "verify_invoker", original)
        gcp.verify_invoker = lambda auth, email, fetch: verify and auth == "Bearer good" and email == self.CONFIG["invokerEmail"]
        return gcp.create_entry(*_install_user(reply), self.CONFIG)

    def test_http_routes(self):
        entry = self.entry(lambda e: {"statusCode": 201, "body": {"id": 1}})
        body, status, headers = entry(FlaskRequest("POST", "/orders", {"Content-Type": "application/json"}, fixture("gcp-http")["payload"], {"a": "b"}))
        self.assertEqual((status, headers["content-type"], json.loads(body)), (201, "application/json", {"id": 1}))
        self.assertEqual(EVENTS[0]["http"]["body"], fixture("gcp-http")["payload"])
        self.assertEqual(entry(FlaskRequest("GET", "/orders"))[1], 405)
        self.assertEqual(entry(FlaskRequest("GET", "/other"))[1], 404)

    def test_push_ack_and_nack(self):
        push = fixture("gcp-pubsub-push")["payload"]
        entry = self.entry(lambda e: {"failedRecordIds": [e["records"][0]["id"]]} if e["records"][0]["data"] == "fail" else None)
        self.assertEqual(entry(FlaskRequest("POST", "/_cirrus/push/Queue", {"Authorization": "Bearer good"}, push))[1], 204)
        failing = dict(push, message=dict(push["message"], data=base64.b64encode(b"fail").decode()))
        self.assertEqual(entry(FlaskRequest("POST", "/_cirrus/push/Queue", {"Authorization": "Bearer good"}, failing))[1], 500)
        self.assertEqual(entry(FlaskRequest("POST", "/_cirrus/push/Queue", {"Authorization": "Bearer bad"}, push))[1], 403)

    def test_storage_and_schedule(self):
        entry = self.entry()
        storage = fixture("gcp-pubsub-push-storage")["payload"]
        entry(FlaskRequest("POST", "/_cirrus/push/Storage", {"Authorization": "Bearer good"}, storage))
        self.assertIsInstance(EVENTS[0]["records"][0]["data"]["size"], int)
        scheduler = fixture("gcp-scheduler-http")
        entry(FlaskRequest("POST", "/_cirrus/schedule/Schedule", dict(scheduler["headers"], Authorization="Bearer good"), scheduler["payload"]))
        self.assertEqual(EVENTS[1]["records"][0]["data"]["scheduledTime"], scheduler["headers"]["x-cloudscheduler-scheduletime"])

    def test_token_verification(self):
        # A Google-style RS256 token and JWKS, made by the Jest wrapper with Node's crypto.
        jwt = json.loads(os.environ.get("CIRRUS_TEST_JWT", "null"))
        if jwt is None:
            self.skipTest("run through python-adapters.test.ts, which makes the key pair")
        gcp._certs.clear()
        fetch = lambda url: jwt["jwks"]
        self.assertTrue(gcp.verify_invoker("Bearer " + jwt["token"], jwt["email"], fetch))
        self.assertFalse(gcp.verify_invoker("Bearer " + jwt["token"], "other@x", fetch))
        self.assertFalse(gcp.verify_invoker("Bearer " + jwt["expired"], jwt["email"], fetch))
        forged = ".".join(jwt["token"].split(".")[:2]) + "." + base64.urlsafe_b64encode(b"forged").rstrip(b"=").decode()
        self.assertFalse(gcp.verify_invoker("Bearer " + forged, jwt["email"], fetch))
        self.assertFalse(gcp.verify_invoker(None, jwt["email"], fetch))


if __name__ == "__main__":
    unittest.main()
