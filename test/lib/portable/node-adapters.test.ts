// The Node.js portable adapters fed the native payloads each platform documents
// (test/fixtures/payloads): what the user's handler receives, and what the platform gets back.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { HttpRequest } from '@azure/functions';

const ADAPTERS = path.join(__dirname, '..', '..', '..', 'lib', 'portable', 'assets', 'node');
const aws = require(path.join(ADAPTERS, 'aws.js'));
const azure = require(path.join(ADAPTERS, 'azure.js'));
const gcp = require(path.join(ADAPTERS, 'gcp.js'));

function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'payloads', `${name}.json`), 'utf8'));
}

/** A user handler that records the events it gets and answers with `reply(event)`. */
function recorder(reply: (event: any) => unknown = () => undefined) {
  const events: any[] = [];
  return { events, load: () => ({ handler: async (event: any) => { events.push(event); return reply(event); } }) };
}

describe('AWS adapter', () => {
  test('HTTP API payload 2.0: method, path, lower-case headers, query, JSON body parsed; the result becomes an API Gateway response', async () => {
    const user = recorder(() => ({ statusCode: 201, headers: { 'X-Order': 'o-1' }, body: { accepted: true } }));
    const lambdaEvent = fixture('aws-http-apigw-v2').payload;
    const response = await aws.createHandler(user.load, 'handler')(lambdaEvent);
    const { http } = user.events[0];
    expect(user.events[0]).toMatchObject({ cloud: 'aws', trigger: 'http' });
    expect(http.method).toBe(lambdaEvent.requestContext.http.method);
    expect(http.path).toBe(lambdaEvent.rawPath);
    expect(Object.keys(http.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(http.query).toEqual(lambdaEvent.queryStringParameters ?? {});
    expect(Buffer.isBuffer(http.rawBody)).toBe(true);
    expect(response).toEqual({ statusCode: 201, headers: { 'x-order': 'o-1', 'content-type': 'application/json' }, body: '{"accepted":true}', isBase64Encoded: false });
  });

  test('a base64 body is decoded; binary results travel base64', async () => {
    const user = recorder(() => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0xff]) }));
    const lambdaEvent = fixture('aws-http-apigw-v2-base64').payload;
    const response = await aws.createHandler(user.load, 'handler')(lambdaEvent);
    expect(user.events[0].http.rawBody).toEqual(Buffer.from(lambdaEvent.body, 'base64'));
    expect(response).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: Buffer.from([0x89, 0x50, 0xff]).toString('base64') });
  });

  test('SQS: one record per message with its id, parsed body and string attributes; failed records become batchItemFailures', async () => {
    const sqs = fixture('aws-sqs').payload;
    const failedId = sqs.Records[1].messageId;
    const user = recorder(() => ({ failedRecordIds: [failedId] }));
    const response = await aws.createHandler(user.load, 'handler')(sqs);
    expect(user.events[0].trigger).toBe('queue');
    expect(user.events[0].records.map((r: any) => r.id)).toEqual(sqs.Records.map((r: any) => r.messageId));
    const attributes = sqs.Records.find((r: any) => Object.keys(r.messageAttributes ?? {}).length > 0);
    if (attributes) {
      const [name, value] = Object.entries<any>(attributes.messageAttributes)[0];
      expect(user.events[0].records.find((r: any) => r.id === attributes.messageId).attributes[name]).toBe(value.stringValue);
    }
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: failedId }] });
    // Nothing failed: an empty list, so SQS deletes every message.
    await expect(aws.createHandler(recorder().load, 'handler')(sqs)).resolves.toEqual({ batchItemFailures: [] });
  });

  test('a failed id that is not in the batch is an error, never an acknowledgement', async () => {
    await expect(aws.createHandler(recorder(() => ({ failedRecordIds: ['nope'] })).load, 'handler')(fixture('aws-sqs').payload)).rejects.toThrow(/not in this batch: nope/);
    await expect(aws.createHandler(recorder(() => ({ failed: ['x'] })).load, 'handler')(fixture('aws-sqs').payload)).rejects.toThrow(/returns nothing or \{ failedRecordIds/);
  });

  test('SNS, EventBridge, S3 through EventBridge: one record each; a failed record throws so Lambda retries', async () => {
    const sns = fixture('aws-sns').payload;
    const user = recorder((e) => ({ failedRecordIds: [e.records[0].id] }));
    await expect(aws.createHandler(user.load, 'handler')(sns)).rejects.toThrow(/records failed/);
    expect(user.events[0]).toMatchObject({ trigger: 'topic', records: [{ id: sns.Records[0].Sns.MessageId }] });

    const bus = fixture('aws-eventbridge').payload;
    const busUser = recorder();
    await expect(aws.createHandler(busUser.load, 'handler')(bus)).resolves.toBeUndefined();
    expect(busUser.events[0]).toEqual({ cloud: 'aws', trigger: 'eventBus', records: [{ id: bus.id, data: bus.detail, attributes: { source: bus.source, type: bus['detail-type'] } }] });

    const s3 = fixture('aws-s3-eventbridge').payload;
    const s3User = recorder();
    await aws.createHandler(s3User.load, 'handler')(s3);
    expect(s3User.events[0]).toMatchObject({
      trigger: 'storage', records: [{ id: s3.id, data: { bucket: s3.detail.bucket.name, name: s3.detail.object.key, size: s3.detail.object.size, eventType: 'created' } }],
    });
  });

  test('a schedule run (the input Cirrus gives the Scheduler target) is one record', async () => {
    const user = recorder();
    await aws.createHandler(user.load, 'handler')({ cirrus: { trigger: 'schedule', schedule: 'Nightly', scheduledTime: '2026-12-06T02:00:00Z', executionId: 'exec-1' } });
    expect(user.events[0]).toEqual({ cloud: 'aws', trigger: 'schedule', records: [{ id: 'exec-1', data: { scheduledTime: '2026-12-06T02:00:00Z' }, attributes: { schedule: 'Nightly' } }] });
  });

  test('fails loudly on an event no Cirrus trigger sends, or a handler result that is no HTTP response', async () => {
    await expect(aws.createHandler(recorder().load, 'handler')({ hello: 1 })).rejects.toThrow(/no trigger Cirrus declares/);
    await expect(aws.createHandler(recorder(() => ({ status: 200 })).load, 'handler')(fixture('aws-http-apigw-v2').payload)).rejects.toThrow(/statusCode 100-599/);
  });
});

describe('Azure adapter (Node.js v4 model)', () => {
  test('HTTP: an HttpRequest becomes the portable request; the result an HttpResponseInit', async () => {
    const init = fixture('azure-node-http').payload.firstArgument.init;
    const request = new HttpRequest({ method: init.method, url: init.url, headers: init.headers, query: init.query, params: init.params, body: init.body });
    const user = recorder(() => ({ statusCode: 202, body: { ok: true } }));
    const response = await azure.createHandlers(user.load, 'handler')('http', false)(request, fixture('azure-node-http').payload.invocationContext);
    expect(user.events[0]).toMatchObject({
      cloud: 'azure', trigger: 'http',
      http: { method: 'POST', path: '/api/orders', query: { source: 'web', dryRun: 'true' }, body: { orderId: 'o-1001', amount: 42.5 }, headers: { 'content-type': 'application/json' } },
    });
    expect(response).toEqual({ status: 202, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') });
  });

  test('Service Bus, cardinality many: ids and properties from the trigger metadata; a failed record fails the batch, so no failed record is completed', async () => {
    const { firstArgument, invocationContext } = fixture('azure-node-servicebus-many').payload;
    const user = recorder((e) => ({ failedRecordIds: [e.records[1].id] }));
    await expect(azure.createHandlers(user.load, 'handler')('queue', true)(firstArgument, invocationContext)).rejects.toThrow(/records failed/);
    expect(user.events[0].records).toEqual([
      { id: invocationContext.triggerMetadata.messageIdArray[0], data: firstArgument[0], attributes: invocationContext.triggerMetadata.applicationPropertiesArray[0] },
      { id: invocationContext.triggerMetadata.messageIdArray[1], data: firstArgument[1], attributes: invocationContext.triggerMetadata.applicationPropertiesArray[1] },
    ]);
    await expect(azure.createHandlers(recorder().load, 'handler')('queue', true)(firstArgument, invocationContext)).resolves.toBeUndefined();
  });

  test('Service Bus, one message; Event Grid blob and custom events; timer', async () => {
    const one = fixture('azure-node-servicebus-one').payload;
    const user = recorder();
    const handlers = azure.createHandlers(user.load, 'handler');
    await handlers('topic', false)(one.firstArgument, one.invocationContext);
    expect(user.events[0]).toMatchObject({ trigger: 'topic', records: [{ id: String(one.invocationContext.triggerMetadata.messageId) }] });

    const blob = fixture('azure-node-eventgrid-storage').payload;
    await handlers('storage', false)(blob.firstArgument, blob.invocationContext);
    expect(user.events[1].records[0].data).toEqual({
      bucket: /containers\/([^/]+)\/blobs/.exec(blob.firstArgument.subject)![1], name: /blobs\/(.+)$/.exec(blob.firstArgument.subject)![1],
      size: blob.firstArgument.data.contentLength, eventType: 'created',
    });

    const cloudEvent = fixture('azure-node-eventgrid-cloudevent').payload;
    await handlers('eventBus', false)(cloudEvent.firstArgument, cloudEvent.invocationContext);
    expect(user.events[2].records[0]).toEqual({ id: cloudEvent.firstArgument.id, data: cloudEvent.firstArgument.data, attributes: { source: cloudEvent.firstArgument.source, type: cloudEvent.firstArgument.type } });

    const timer = fixture('azure-node-timer').payload;
    await handlers('schedule', false)(timer.firstArgument, timer.invocationContext);
    expect(user.events[3]).toMatchObject({ trigger: 'schedule', records: [{ id: timer.invocationContext.invocationId }] });
  });
});

describe('GCP adapter (Functions Framework)', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const fetchCerts = async () => ({ keys: [jwk] });
  const invokerEmail = 'invoker@acme-prod.iam.gserviceaccount.com';
  function token(claims: object): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${enc(claims)}`;
    return `${unsigned}.${crypto.sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
  }
  const goodToken = () => token({ iss: 'https://accounts.google.com', email: invokerEmail, email_verified: true, exp: Math.floor(Date.now() / 1000) + 600, aud: 'https://fn' });
  const config = { routes: [{ path: '/orders', methods: ['POST'] }, { path: '/orders/{id}', methods: ['GET'] }], push: { Queue: 'queue', Storage: 'storage' }, schedules: ['Schedule'], invokerEmail };

  /** An Express-like response that records what the adapter sends. */
  function response() {
    const sent: any = { status: 200, headers: {} };
    const res: any = {
      status: (s: number) => { sent.status = s; return res; },
      set: (h: object) => { Object.assign(sent.headers, h); return res; },
      send: (b: unknown) => { sent.body = b; return res; },
      json: (b: unknown) => { sent.body = b; return res; },
    };
    return { res, sent };
  }

  test('HTTP: declared routes only (404, 405), the JSON body parsed; the result sent with its status and headers', async () => {
    const user = recorder(() => ({ statusCode: 201, headers: { 'x-id': '7' }, body: 'created' }));
    const entry = gcp.createEntry(user.load, 'handler', config, { fetchCerts });
    const request = fixture('gcp-http');
    const body = Buffer.from(JSON.stringify(request.payload));
    const ok = response();
    await entry({ method: 'POST', path: '/orders', headers: { 'Content-Type': 'application/json' }, query: { a: 'b' }, body: request.payload, rawBody: body }, ok.res);
    expect(user.events[0]).toMatchObject({ cloud: 'gcp', trigger: 'http', http: { method: 'POST', path: '/orders', query: { a: 'b' }, body: request.payload } });
    expect(ok.sent).toEqual({ status: 201, headers: { 'x-id': '7' }, body: Buffer.from('created') });
    const missing = response();
    await entry({ method: 'GET', path: '/nowhere', headers: {} }, missing.res);
    expect(missing.sent.status).toBe(404);
    const wrong = response();
    await entry({ method: 'DELETE', path: '/orders/42', headers: {} }, wrong.res);
    expect(wrong.sent).toMatchObject({ status: 405, headers: { allow: 'GET' } });
    expect(user.events).toHaveLength(1);
  });

  test('Pub/Sub push on /_cirrus/push/<trigger>: 204 acknowledges; a failed record answers 500 so Pub/Sub redelivers and dead-letters', async () => {
    const push = fixture('gcp-pubsub-push');
    const user = recorder((e) => (e.records[0].data === 'fail' ? { failedRecordIds: [e.records[0].id] } : undefined));
    const entry = gcp.createEntry(user.load, 'handler', config, { fetchCerts });
    const acked = response();
    await entry({ method: 'POST', path: '/_cirrus/push/Queue', headers: { authorization: `Bearer ${goodToken()}` }, body: push.payload }, acked.res);
    expect(acked.sent.status).toBe(204);
    expect(user.events[0]).toMatchObject({ cloud: 'gcp', trigger: 'queue', records: [{ id: push.payload.message.messageId, attributes: push.payload.message.attributes ?? {} }] });
    const failing = { ...push.payload, message: { ...push.payload.message, data: Buffer.from('fail').toString('base64') } };
    const nacked = response();
    await entry({ method: 'POST', path: '/_cirrus/push/Queue', headers: { authorization: `Bearer ${goodToken()}` }, body: failing }, nacked.res);
    expect(nacked.sent.status).toBe(500);
  });

  test('a Cloud Storage notification is a storage record; a schedule call one schedule record', async () => {
    const user = recorder();
    const entry = gcp.createEntry(user.load, 'handler', config, { fetchCerts });
    const storage = fixture('gcp-pubsub-push-storage').payload;
    await entry({ method: 'POST', path: '/_cirrus/push/Storage', headers: { authorization: `Bearer ${goodToken()}` }, body: storage }, response().res);
    const attributes = storage.message.attributes;
    expect(user.events[0].records[0].data).toMatchObject({ bucket: attributes.bucketId, name: attributes.objectId, eventType: 'created' });
    expect(typeof user.events[0].records[0].data.size).toBe('number');
    const scheduler = fixture('gcp-scheduler-http');
    await entry({ method: 'POST', path: '/_cirrus/schedule/Schedule', headers: { ...scheduler.headers, authorization: `Bearer ${goodToken()}` }, body: scheduler.payload }, response().res);
    expect(user.events[1]).toEqual({
      cloud: 'gcp', trigger: 'schedule',
      records: [{ id: `${scheduler.headers['x-cloudscheduler-jobname']}@${scheduler.headers['x-cloudscheduler-scheduletime']}`, data: { scheduledTime: scheduler.headers['x-cloudscheduler-scheduletime'] }, attributes: { schedule: 'Schedule' } }],
    });
  });

  test('fails when a /_cirrus/ call does not carry the invoker\'s valid Google token: nothing reaches the handler', async () => {
    const user = recorder();
    const entry = gcp.createEntry(user.load, 'handler', config, { fetchCerts });
    const body = fixture('gcp-pubsub-push').payload;
    const expired = token({ iss: 'https://accounts.google.com', email: invokerEmail, exp: Math.floor(Date.now() / 1000) - 10 });
    const stranger = token({ iss: 'https://accounts.google.com', email: 'someone@else.com', exp: Math.floor(Date.now() / 1000) + 600 });
    const forged = `${goodToken().split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
    for (const authorization of [undefined, `Bearer ${expired}`, `Bearer ${stranger}`, `Bearer ${forged}`]) {
      const r = response();
      await entry({ method: 'POST', path: '/_cirrus/push/Queue', headers: authorization ? { authorization } : {}, body }, r.res);
      expect(r.sent.status).toBe(403);
    }
    const unknown = response();
    await entry({ method: 'POST', path: '/_cirrus/push/Nope', headers: {}, body }, unknown.res);
    expect(unknown.sent.status).toBe(404);
    expect(user.events).toEqual([]);
  });
});
