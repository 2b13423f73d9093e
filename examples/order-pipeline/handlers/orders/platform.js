// The cloud-specific edges of a Cirrus handler, without dependencies: turns
// each cloud's invocation into a list of records and publishes messages.
// (The same file sits in each example's handler folder, since every folder
// is packaged on its own.)
//
//   AWS:   handler(event, context): API Gateway HTTP API, SQS, SNS, EventBridge, Scheduler
//   Azure: handler(input, context): Node.js v4 model (HTTP, Service Bus, Event Grid, timer)
//   GCP:   handler(req, res): HTTP, Pub/Sub push (queues, topics, buses, storage), Cloud Scheduler
'use strict';

/** Which cloud the code runs on, from the variables each platform sets. */
function currentCloud() {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) return 'aws';
  if (process.env.FUNCTIONS_WORKER_RUNTIME) return 'azure';
  if (process.env.K_SERVICE) return 'gcp';
  return 'local';
}

function parseJson(value) {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const fromBase64 = (data) => (data === undefined ? undefined : Buffer.from(data, 'base64').toString('utf8'));

/** One delivered item: `kind` is http, message, event, storage or schedule. */
function record(kind, id, body, attributes = {}) {
  return { kind, id, body, attributes };
}

function awsRecords(event) {
  if (event.requestContext && event.requestContext.http) {
    const raw = event.isBase64Encoded ? fromBase64(event.body) : event.body;
    return [record('http', event.requestContext.requestId, parseJson(raw), { path: event.rawPath, method: event.requestContext.http.method })];
  }
  if (Array.isArray(event.Records)) {
    return event.Records.map((r) => (r.Sns
      ? record('message', r.Sns.MessageId, parseJson(r.Sns.Message),
        Object.fromEntries(Object.entries(r.Sns.MessageAttributes || {}).map(([k, v]) => [k, v.Value])))
      : record('message', r.messageId, parseJson(r.body),
        Object.fromEntries(Object.entries(r.messageAttributes || {}).map(([k, v]) => [k, v.stringValue])))));
  }
  if (event.source === 'aws.s3') {
    return [record('storage', event.id, { bucket: event.detail.bucket.name, name: event.detail.object.key, size: event.detail.object.size })];
  }
  if (event['detail-type'] !== undefined) {
    return [record('event', event.id, event.detail, { source: event.source, type: event['detail-type'] })];
  }
  return [record('schedule', undefined, event)];
}

/** Azure Functions Node.js v4 model: (input, context), the trigger's type in context.options. */
async function azureRecords(input, context) {
  const trigger = (context.options && context.options.trigger) || {};
  if (trigger.type === 'httpTrigger') {
    return [record('http', context.invocationId, parseJson(await input.text()), { path: new URL(input.url).pathname, method: input.method })];
  }
  if (trigger.type === 'serviceBusTrigger') {
    const many = trigger.cardinality === 'many';
    const messages = many ? input : [input];
    const meta = context.triggerMetadata || {};
    const props = (many ? meta.applicationPropertiesArray : [meta.applicationProperties]) || [];
    const ids = (many ? meta.messageIdArray : [meta.messageId]) || [];
    return messages.map((m, i) => record('message', ids[i], parseJson(m), props[i] || {}));
  }
  if (trigger.type === 'eventGridTrigger') {
    const e = input;
    const type = e.eventType || e.type;
    if (String(type).startsWith('Microsoft.Storage.')) {
      // subject: /blobServices/default/containers/<container>/blobs/<name>
      const [, container, name] = /containers\/([^/]+)\/blobs\/(.+)$/.exec(e.subject) || [];
      return [record('storage', e.id, { bucket: container, name, size: e.data && e.data.contentLength, url: e.data && e.data.url })];
    }
    return [record('event', e.id, e.data, { source: e.source, type })];
  }
  return [record('schedule', context.invocationId, input)];
}

function gcpRecords(req) {
  const message = req.body && req.body.message;
  if (message && req.body.subscription) {
    const attributes = message.attributes || {};
    if (attributes.eventType && attributes.objectId) {
      // A Cloud Storage notification: the attributes name the object.
      return [record('storage', message.messageId, { bucket: attributes.bucketId, name: attributes.objectId, size: Number(parseJson(fromBase64(message.data)).size) })];
    }
    const kind = attributes.source && attributes.type ? 'event' : 'message';
    return [record(kind, message.messageId, parseJson(fromBase64(message.data)), attributes)];
  }
  if (req.get && req.get('x-cloudscheduler') === 'true') {
    return [record('schedule', req.get('x-cloudscheduler-jobname'), req.body)];
  }
  return [record('http', req.get && req.get('x-cloud-trace-context'), req.body, { path: req.path, method: req.method })];
}

/**
 * Reads one invocation (await it). Resolves to `{ cloud, records, reply(status, body, failedIds) }`:
 * `reply` answers the way the trigger expects (an HTTP response, a batch with
 * the failed messages to retry, or an error that makes the platform redeliver).
 */
async function invocation(args) {
  const cloud = currentCloud();
  const [first, second] = args;
  if (cloud === 'azure' || (second && second.invocationId && second.options)) {
    const records = await azureRecords(first, second);
    return {
      cloud: 'azure', records,
      reply(status, body, failedIds = []) {
        if (records[0].kind === 'http') {
          return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
        }
        if (failedIds.length > 0) throw new Error(`failed: ${failedIds.join(', ')}`); // Service Bus redelivers the batch
        return body;
      },
    };
  }
  if (cloud === 'gcp' || (second && typeof second.status === 'function')) {
    const [req, res] = [first, second];
    return {
      cloud: 'gcp', records: gcpRecords(req),
      reply(status, body, failedIds = []) {
        // Pub/Sub and Cloud Scheduler retry on any status other than 2xx.
        res.status(failedIds.length > 0 ? 500 : status).json(body);
      },
    };
  }
  const records = awsRecords(first);
  return {
    cloud: 'aws', records,
    reply(status, body, failedIds = []) {
      if (records[0].kind === 'http') {
        return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      }
      if (first.Records && first.Records[0] && first.Records[0].eventSource === 'aws:sqs') {
        return { batchItemFailures: failedIds.map((id) => ({ itemIdentifier: id })) }; // reportBatchItemFailures
      }
      if (failedIds.length > 0) throw new Error(`failed: ${failedIds.join(', ')}`); // asynchronous invocation retries
      return body;
    },
  };
}

/** An access token of the function's own identity, for `resource` (Azure) or Google APIs. */
async function accessToken(cloud, resource) {
  if (cloud === 'azure') {
    const url = `${process.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}&client_id=${process.env.AZURE_CLIENT_ID}`;
    const response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': process.env.IDENTITY_HEADER } });
    return (await response.json()).access_token;
  }
  const response = await fetch('http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token', { headers: { 'Metadata-Flavor': 'Google' } });
  return (await response.json()).access_token;
}

async function send(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method} ${url}: ${response.status} ${await response.text()}`);
}

/**
 * Publishes `message` with string `attributes` to the topic whose address
 * EventTopic.grantPublish put in `address`: an SNS topic ARN (AWS), a
 * Service Bus topic URL (Azure), a Pub/Sub topic id (GCP).
 */
async function publishToTopic(address, message, attributes = {}) {
  const cloud = currentCloud();
  if (cloud === 'aws') {
    const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns'); // in the Lambda Node.js runtime
    const MessageAttributes = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
    await new SNSClient({}).send(new PublishCommand({ TopicArn: address, Message: JSON.stringify(message), MessageAttributes }));
  } else if (cloud === 'azure') {
    const token = await accessToken(cloud, 'https://servicebus.azure.net');
    // Service Bus REST: custom properties travel as HTTP headers.
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, JSON.stringify(v)])) };
    await send(`${address}/messages`, { method: 'POST', headers, body: JSON.stringify(message) });
  } else if (cloud === 'gcp') {
    const token = await accessToken(cloud);
    const body = { messages: [{ data: Buffer.from(JSON.stringify(message)).toString('base64'), attributes }] };
    await send(`https://pubsub.googleapis.com/v1/${address}:publish`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } else {
    console.log(JSON.stringify({ published: address, message, attributes }));
  }
}

/**
 * Puts events on the bus whose address EventBus.grantPublish put in
 * `address`: an EventBridge bus name (AWS), an Event Grid topic endpoint
 * taking CloudEvents (Azure), a Pub/Sub topic id with `source` and `type`
 * attributes (GCP). `events` are `{ source, type, id, detail }`.
 */
async function putEvents(address, events) {
  const cloud = currentCloud();
  if (cloud === 'aws') {
    const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
    for (let i = 0; i < events.length; i += 10) { // PutEvents takes 10 entries a call
      const Entries = events.slice(i, i + 10).map((e) => ({ EventBusName: address, Source: e.source, DetailType: e.type, Detail: JSON.stringify(e.detail) }));
      const result = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries }));
      if (result.FailedEntryCount > 0) throw new Error(`${result.FailedEntryCount} events were not put on ${address}`);
    }
  } else if (cloud === 'azure') {
    const token = await accessToken(cloud, 'https://eventgrid.azure.net');
    const body = events.map((e) => ({ specversion: '1.0', id: e.id, source: e.source, type: e.type, time: new Date().toISOString(), datacontenttype: 'application/json', data: e.detail }));
    await send(address, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/cloudevents-batch+json; charset=utf-8' }, body: JSON.stringify(body) });
  } else if (cloud === 'gcp') {
    const token = await accessToken(cloud);
    const messages = events.map((e) => ({ data: Buffer.from(JSON.stringify(e.detail)).toString('base64'), attributes: { source: e.source, type: e.type, id: e.id } }));
    await send(`https://pubsub.googleapis.com/v1/${address}:publish`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ messages }) });
  } else {
    console.log(JSON.stringify({ put: address, events }));
  }
}

/**
 * Writes an object to the bucket whose address EventBucket.grantWrite put in
 * `address`: an S3 bucket name (AWS), a blob container URL (Azure), a Cloud
 * Storage bucket name (GCP).
 */
async function writeObject(address, name, content, contentType) {
  const cloud = currentCloud();
  if (cloud === 'aws') {
    const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
    await new S3Client({}).send(new PutObjectCommand({ Bucket: address, Key: name, Body: content, ContentType: contentType }));
  } else if (cloud === 'azure') {
    const token = await accessToken(cloud, 'https://storage.azure.com/');
    await send(`${address}/${name}`, {
      method: 'PUT', body: content,
      headers: { Authorization: `Bearer ${token}`, 'x-ms-version': '2021-08-06', 'x-ms-blob-type': 'BlockBlob', 'Content-Type': contentType },
    });
  } else if (cloud === 'gcp') {
    const token = await accessToken(cloud);
    await send(`https://storage.googleapis.com/upload/storage/v1/b/${address}/o?uploadType=media&name=${encodeURIComponent(name)}`, {
      method: 'POST', body: content, headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
    });
  } else {
    console.log(JSON.stringify({ wrote: `${address}/${name}`, bytes: Buffer.byteLength(content) }));
  }
}

module.exports = { currentCloud, invocation, publishToTopic, putEvents, writeObject };
