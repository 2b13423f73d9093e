"""Cirrus portable handlers, Python: one handler module, unchanged, on every cloud.

The user's function receives one event (a dict) and returns one result:

    event  = {"cloud", "trigger", "http"?, "records"?}
      cloud    "aws" | "azure" | "gcp" | "local"
      trigger  "http" | "queue" | "topic" | "schedule" | "storage" | "eventBus"
      http     {"method", "path", "headers" (lower-case names), "query", "body", "raw_body"}
               body: parsed when the request is JSON, else a str; raw_body: the bytes
      records  [{"id", "data", "attributes"}]: data parsed when it is JSON; storage
               records carry {"bucket", "name", "size", "eventType"}; a schedule run is one record
    result = http: {"statusCode", "headers"?, "body"?} (a dict or list body is sent as JSON)
             others: None (all done) or {"failedRecordIds": [...]}; an exception fails all

`async def` handlers are awaited. No dependencies: this package is copied into
the function's package by Cirrus.
"""
