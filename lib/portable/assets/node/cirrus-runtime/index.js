'use strict';
// cirrus-runtime for Node.js: send, publish, put and store from a Cirrus
// portable handler, on every cloud, with no dependencies.
//
//   const { queue, topic, bus, bucket } = require('cirrus-runtime');
//   await queue('Orders').send({ id: 1 }, { attributes: { kind: 'new' } });
//   await topic('Shipped').publish({ id: 1 });
//   await bus('Telemetry').put('reading', { c: 21 });            // source: 'cirrus' unless given
//   await bucket('Invoices').put('a.pdf', bytes); const bytes = await bucket('Invoices').get('a.pdf');
//
// A name is the shared construct's id; the grant put its address in the
// environment (`<ID>_QUEUE`, `<ID>_TOPIC`, `<ID>_BUS`, `<ID>_BUCKET`). Each cloud
// is reached through its REST API with the function's own identity: AWS through
// the SDK the Lambda runtime bundles; Azure with a managed identity token
// (IDENTITY_ENDPOINT); GCP with the metadata server's token; locally, the Cirrus
// local run (CIRRUS_LOCAL_URL).

/** `OrderEvents` / `order-events` -> `ORDER_EVENTS`, as Cirrus names the variables. */
function constantCase(id) {
  return String(id).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

function environmentName(name, kind) {
  const base = constantCase(name);
  const full = base.endsWith(`_${kind}`) || base === kind ? base : `${base}_${kind}`;
  return /^[A-Z_]/.test(full) ? full : `_${full}`;
}

const GRANTS = { QUEUE: 'grantSend', TOPIC: 'grantPublish', BUS: 'grantPublish', BUCKET: 'grantWrite or grantRead' };

function address(env, name, kind) {
  const variable = environmentName(name, kind);
  const value = env[variable];
  if (!value) {
    const what = { QUEUE: 'queue', TOPIC: 'topic', BUS: 'bus', BUCKET: 'bucket' }[kind];
    throw new Error(`cirrus-runtime: ${what}('${name}'): this function has no ${variable} in its environment; `
      + `give it access in the declaration (${name[0].toLowerCase()}${name.slice(1)}.${GRANTS[kind]}(fn) on the shared ${what} with id '${name}')`);
  }
  return value;
}

function cloudOf(env) {
  if (env.CIRRUS_CLOUD) return env.CIRRUS_CLOUD;
  if (env.AWS_LAMBDA_FUNCTION_NAME) return 'aws';
  if (env.FUNCTIONS_WORKER_RUNTIME) return 'azure';
  if (env.K_SERVICE) return 'gcp';
  return 'local';
}

function encode(data) {
  if (Buffer.isBuffer(data) || data instanceof Uint8Array) return { body: Buffer.from(data), type: 'application/octet-stream' };
  if (typeof data === 'string') return { body: Buffer.from(data, 'utf8'), type: 'text/plain; charset=utf-8' };
  return { body: Buffer.from(JSON.stringify(data === undefined ? null : data), 'utf8'), type: 'application/json' };
}

function stringAttributes(attributes) {
  const out = {};
  for (const [k, v] of Object.entries(attributes || {})) {
    if (typeof v !== 'string') throw new TypeError(`cirrus-runtime: attribute ${k} must be a string`);
    out[k] = v;
  }
  return out;
}

async function check(response, what) {
  if (response.status < 200 || response.status >= 300) {
    const text = await response.text().catch(() => '');
    throw new Error(`cirrus-runtime: ${what} failed: HTTP ${response.status}${text ? `: ${text}` : ''}`);
  }
  return response;
}

// ------------------------------------------------------------------ Azure

async function azureToken(env, resource, http) {
  const url = `${env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}${env.AZURE_CLIENT_ID ? `&client_id=${encodeURIComponent(env.AZURE_CLIENT_ID)}` : ''}`;
  const res = await check(await http(url, { headers: { 'X-IDENTITY-HEADER': env.IDENTITY_HEADER || '' } }), 'the managed identity token request');
  return (await res.json()).access_token;
}

const azure = {
  async send(env, http, entityUrl, data, attributes, what) {
    const token = await azureToken(env, 'https://servicebus.azure.net', http);
    const { body, type } = encode(data);
    // Service Bus REST: custom properties travel as headers whose values are JSON.
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': type, ...Object.fromEntries(Object.entries(stringAttributes(attributes)).map(([k, v]) => [k, JSON.stringify(v)])) };
    await check(await http(`${entityUrl}/messages`, { method: 'POST', headers, body }), what);
  },
  async put(env, http, endpoint, type, data, source, what) {
    const token = await azureToken(env, 'https://eventgrid.azure.net', http);
    const event = { specversion: '1.0', id: require('crypto').randomUUID(), source, type, time: new Date().toISOString(), datacontenttype: 'application/json', data };
    await check(await http(endpoint, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/cloudevents-batch+json; charset=utf-8' }, body: JSON.stringify([event]) }), what);
  },
  async putObject(env, http, containerUrl, name, bytes, contentType, what) {
    const token = await azureToken(env, 'https://storage.azure.com/', http);
    const headers = { Authorization: `Bearer ${token}`, 'x-ms-version': '2021-08-06', 'x-ms-blob-type': 'BlockBlob', 'Content-Type': contentType };
    await check(await http(`${containerUrl}/${name.split('/').map(encodeURIComponent).join('/')}`, { method: 'PUT', headers, body: bytes }), what);
  },
  async getObject(env, http, containerUrl, name, what) {
    const token = await azureToken(env, 'https://storage.azure.com/', http);
    const res = await check(await http(`${containerUrl}/${name.split('/').map(encodeURIComponent).join('/')}`, { headers: { Authorization: `Bearer ${token}`, 'x-ms-version': '2021-08-06' } }), what);
    return Buffer.from(await res.arrayBuffer());
  },
};

// ------------------------------------------------------------------ Google Cloud

async function googleToken(env, http) {
  const host = env.GCE_METADATA_HOST || 'metadata.google.internal';
  const res = await check(await http(`http://${host}/computeMetadata/v1/instance/service-accounts/default/token`, { headers: { 'Metadata-Flavor': 'Google' } }), 'the metadata server token request');
  return (await res.json()).access_token;
}

const gcp = {
  async publish(env, http, topicId, data, attributes, what) {
    const token = await googleToken(env, http);
    const { body } = encode(data);
    const root = env.CIRRUS_GOOGLE_PUBSUB_ROOT || 'https://pubsub.googleapis.com';
    const payload = { messages: [{ data: body.toString('base64'), attributes: stringAttributes(attributes) }] };
    await check(await http(`${root}/v1/${topicId}:publish`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }), what);
  },
  async putObject(env, http, bucketName, name, bytes, contentType, what) {
    const token = await googleToken(env, http);
    const root = env.CIRRUS_GOOGLE_STORAGE_ROOT || 'https://storage.googleapis.com';
    await check(await http(`${root}/upload/storage/v1/b/${encodeURIComponent(bucketName)}/o?uploadType=media&name=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType }, body: bytes,
    }), what);
  },
  async getObject(env, http, bucketName, name, what) {
    const token = await googleToken(env, http);
    const root = env.CIRRUS_GOOGLE_STORAGE_ROOT || 'https://storage.googleapis.com';
    const res = await check(await http(`${root}/storage/v1/b/${encodeURIComponent(bucketName)}/o/${encodeURIComponent(name)}?alt=media`, { headers: { Authorization: `Bearer ${token}` } }), what);
    return Buffer.from(await res.arrayBuffer());
  },
};

// ------------------------------------------------------------------ AWS (the SDK in the Lambda runtime)

const aws = {
  async send(sdk, queueUrl, data, attributes) {
    const { SQSClient, SendMessageCommand } = sdk('@aws-sdk/client-sqs');
    const MessageAttributes = Object.fromEntries(Object.entries(stringAttributes(attributes)).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
    await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: encode(data).body.toString('utf8'), MessageAttributes: Object.keys(MessageAttributes).length ? MessageAttributes : undefined }));
  },
  async publish(sdk, topicArn, data, attributes) {
    const { SNSClient, PublishCommand } = sdk('@aws-sdk/client-sns');
    const MessageAttributes = Object.fromEntries(Object.entries(stringAttributes(attributes)).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
    await new SNSClient({}).send(new PublishCommand({ TopicArn: topicArn, Message: encode(data).body.toString('utf8'), MessageAttributes: Object.keys(MessageAttributes).length ? MessageAttributes : undefined }));
  },
  async put(sdk, busName, type, data, source) {
    const { EventBridgeClient, PutEventsCommand } = sdk('@aws-sdk/client-eventbridge');
    const result = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: source, DetailType: type, Detail: JSON.stringify(data === undefined ? {} : data) }] }));
    if (result.FailedEntryCount > 0) throw new Error(`cirrus-runtime: bus put failed: ${JSON.stringify(result.Entries)}`);
  },
  async putObject(sdk, bucketName, name, bytes, contentType) {
    const { S3Client, PutObjectCommand } = sdk('@aws-sdk/client-s3');
    await new S3Client({}).send(new PutObjectCommand({ Bucket: bucketName, Key: name, Body: bytes, ContentType: contentType }));
  },
  async getObject(sdk, bucketName, name) {
    const { S3Client, GetObjectCommand } = sdk('@aws-sdk/client-s3');
    const result = await new S3Client({}).send(new GetObjectCommand({ Bucket: bucketName, Key: name }));
    return Buffer.from(await result.Body.transformToByteArray());
  },
};

// ------------------------------------------------------------------ the local run

async function local(env, http, kind, name, payload, what) {
  const res = await check(await http(`${env.CIRRUS_LOCAL_URL}/_cirrus/produce/${kind}/${encodeURIComponent(name)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'x-cirrus-function': env.CIRRUS_FUNCTION || '' }, body: JSON.stringify(payload),
  }), what);
  return res;
}

/** The producers, over an environment, an HTTP client and an SDK loader (replaceable in tests). */
function createRuntime(deps = {}) {
  const env = deps.env || process.env;
  const http = deps.fetch || ((url, init) => fetch(url, init));
  const sdk = deps.sdk || ((name) => require(name));
  const on = () => cloudOf(env);
  return {
    queue(name) {
      return {
        async send(data, options = {}) {
          const where = address(env, name, 'QUEUE');
          const what = `queue('${name}').send`;
          switch (on()) {
            case 'aws': return aws.send(sdk, where, data, options.attributes);
            case 'azure': return azure.send(env, http, where, data, options.attributes, what);
            case 'gcp': return gcp.publish(env, http, where, data, options.attributes, what);
            default: await local(env, http, 'queue', name, { data, attributes: stringAttributes(options.attributes) }, what);
          }
        },
      };
    },
    topic(name) {
      return {
        async publish(data, options = {}) {
          const where = address(env, name, 'TOPIC');
          const what = `topic('${name}').publish`;
          switch (on()) {
            case 'aws': return aws.publish(sdk, where, data, options.attributes);
            case 'azure': return azure.send(env, http, where, data, options.attributes, what);
            case 'gcp': return gcp.publish(env, http, where, data, options.attributes, what);
            default: await local(env, http, 'topic', name, { data, attributes: stringAttributes(options.attributes) }, what);
          }
        },
      };
    },
    bus(name) {
      return {
        async put(type, data, options = {}) {
          if (typeof type !== 'string' || type === '') throw new TypeError(`cirrus-runtime: bus('${name}').put needs an event type`);
          const where = address(env, name, 'BUS');
          const source = options.source || 'cirrus';
          const what = `bus('${name}').put`;
          switch (on()) {
            case 'aws': return aws.put(sdk, where, type, data, source);
            case 'azure': return azure.put(env, http, where, type, data, source, what);
            case 'gcp': return gcp.publish(env, http, where, data, { source, type }, what);
            default: await local(env, http, 'bus', name, { type, source, data }, what);
          }
        },
      };
    },
    bucket(name) {
      return {
        async put(objectName, bytes, options = {}) {
          const where = address(env, name, 'BUCKET');
          const { body, type } = encode(bytes);
          const contentType = options.contentType || type;
          const what = `bucket('${name}').put`;
          switch (on()) {
            case 'aws': return aws.putObject(sdk, where, objectName, body, contentType);
            case 'azure': return azure.putObject(env, http, where, objectName, body, contentType, what);
            case 'gcp': return gcp.putObject(env, http, where, objectName, body, contentType, what);
            default: await local(env, http, 'bucket', name, { name: objectName, base64: body.toString('base64'), contentType }, what);
          }
        },
        async get(objectName) {
          const where = address(env, name, 'BUCKET');
          const what = `bucket('${name}').get`;
          switch (on()) {
            case 'aws': return aws.getObject(sdk, where, objectName);
            case 'azure': return azure.getObject(env, http, where, objectName, what);
            case 'gcp': return gcp.getObject(env, http, where, objectName, what);
            default: {
              const res = await http(`${env.CIRRUS_LOCAL_URL}/_cirrus/object/${encodeURIComponent(name)}/${objectName.split('/').map(encodeURIComponent).join('/')}`, { headers: { 'x-cirrus-function': env.CIRRUS_FUNCTION || '' } });
              await check(res, what);
              return Buffer.from(await res.arrayBuffer());
            }
          }
        },
      };
    },
  };
}

const runtime = createRuntime();
module.exports = { ...runtime, createRuntime, environmentName };
