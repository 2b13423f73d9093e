// cirrus-runtime (Node.js) against local fake endpoints: the URL, headers, token use and body each cloud's REST API expects.
import * as http from 'http';
import * as path from 'path';

const { createRuntime, environmentName } = require(path.join(__dirname, '..', '..', '..', 'lib', 'portable', 'assets', 'node', 'cirrus-runtime', 'index.js'));

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }

/** A local server that records requests and answers from `reply`. */
async function fakeServer(reply: (req: Seen) => { status: number; body?: string }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(r);
      const out = reply(r);
      res.writeHead(out.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as any).port}`;
  return { seen, url, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

/**
 * A fetch over node:http without keep-alive (the global fetch keeps sockets open past the test);
 * cirrus-runtime takes its HTTP client as a dependency.
 */
function plainFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode, text: async () => body.toString('utf8'), json: async () => JSON.parse(body.toString('utf8')), arrayBuffer: async () => body });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const tokenReply = (r: Seen) => (r.url.startsWith('/identity') || r.url.includes('/computeMetadata/') ? { status: 200, body: JSON.stringify({ access_token: 'tok-1' }) } : { status: 201 });

describe('cirrus-runtime (Node.js)', () => {
  test('environment names follow the grants: OrderEvents -> ORDER_EVENTS_TOPIC', () => {
    expect(environmentName('OrderEvents', 'TOPIC')).toBe('ORDER_EVENTS_TOPIC');
    expect(environmentName('Orders', 'QUEUE')).toBe('ORDERS_QUEUE');
  });

  test('fails with a message naming the missing grant when the function has no access', async () => {
    const runtime = createRuntime({ env: { CIRRUS_CLOUD: 'azure' }, fetch: plainFetch });
    await expect(runtime.queue('Orders').send({})).rejects.toThrow("cirrus-runtime: queue('Orders'): this function has no ORDERS_QUEUE in its environment; give it access in the declaration (orders.grantSend(fn) on the shared queue with id 'Orders')");
  });

  test('Azure: Service Bus send with a managed identity token, properties as headers; Event Grid CloudEvents; blob put and get', async () => {
    const server = await fakeServer((r) => (r.method === 'GET' && r.url.startsWith('/invoices/') ? { status: 200, body: 'PDF' } : tokenReply(r)));
    const env = {
      CIRRUS_CLOUD: 'azure', IDENTITY_ENDPOINT: `${server.url}/identity`, IDENTITY_HEADER: 'secret-header', AZURE_CLIENT_ID: 'client-1',
      ORDERS_QUEUE: `${server.url}/orders`, TELEMETRY_BUS: `${server.url}/api/events`, INVOICES_BUCKET: `${server.url}/invoices`,
    };
    const runtime = createRuntime({ env, fetch: plainFetch });
    await runtime.queue('Orders').send({ id: 1 }, { attributes: { kind: 'new' } });
    await runtime.bus('Telemetry').put('reading', { c: 21 }, { source: 'devices' });
    await runtime.bucket('Invoices').put('2026/a.pdf', Buffer.from('PDF'));
    await expect(runtime.bucket('Invoices').get('2026/a.pdf')).resolves.toEqual(Buffer.from('PDF'));
    const [token, send] = server.seen;
    const put = server.seen.find((r) => r.method === 'PUT')!;
    const get = server.seen.find((r) => r.method === 'GET' && r.url.startsWith('/invoices/'))!;
    expect(token.url).toBe('/identity?api-version=2019-08-01&resource=https%3A%2F%2Fservicebus.azure.net&client_id=client-1');
    expect(token.headers['x-identity-header']).toBe('secret-header');
    expect(send).toMatchObject({ method: 'POST', url: '/orders/messages', headers: { authorization: 'Bearer tok-1', 'content-type': 'application/json', kind: '"new"' } });
    expect(JSON.parse(send.body.toString())).toEqual({ id: 1 });
    const event = server.seen.find((r) => r.url === '/api/events')!;
    expect(event.headers['content-type']).toBe('application/cloudevents-batch+json; charset=utf-8');
    expect(JSON.parse(event.body.toString())).toEqual([expect.objectContaining({ specversion: '1.0', source: 'devices', type: 'reading', data: { c: 21 } })]);
    expect(put).toMatchObject({ method: 'PUT', url: '/invoices/2026/a.pdf', headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-version': '2021-08-06', authorization: 'Bearer tok-1' } });
    expect(get).toMatchObject({ method: 'GET', url: '/invoices/2026/a.pdf' });
    await server.close();
  });

  test('GCP: Pub/Sub publish with the metadata server token, base64 data and attributes; Cloud Storage upload', async () => {
    const server = await fakeServer(tokenReply);
    const host = server.url.replace('http://', '');
    const env = {
      CIRRUS_CLOUD: 'gcp', GCE_METADATA_HOST: host, CIRRUS_GOOGLE_PUBSUB_ROOT: server.url, CIRRUS_GOOGLE_STORAGE_ROOT: server.url,
      SHIPPED_TOPIC: 'projects/acme-prod/topics/shipped', INVOICES_BUCKET: 'cirrus-invoices',
    };
    const runtime = createRuntime({ env, fetch: plainFetch });
    await runtime.topic('Shipped').publish({ id: 7 }, { attributes: { region: 'eu' } });
    await runtime.bucket('Invoices').put('a b.pdf', 'text', { contentType: 'text/plain' });
    const [token, publish, , upload] = server.seen;
    expect(token).toMatchObject({ url: '/computeMetadata/v1/instance/service-accounts/default/token', headers: { 'metadata-flavor': 'Google' } });
    expect(publish).toMatchObject({ method: 'POST', url: '/v1/projects/acme-prod/topics/shipped:publish', headers: { authorization: 'Bearer tok-1' } });
    expect(JSON.parse(publish.body.toString())).toEqual({ messages: [{ data: Buffer.from('{"id":7}').toString('base64'), attributes: { region: 'eu' } }] });
    expect(upload).toMatchObject({ method: 'POST', url: '/upload/storage/v1/b/cirrus-invoices/o?uploadType=media&name=a%20b.pdf', headers: { 'content-type': 'text/plain' } });
    await server.close();
  });

  test('errors surface as exceptions carrying the cloud\'s status and message', async () => {
    const server = await fakeServer((r) => (r.url.startsWith('/identity') ? tokenReply(r) : { status: 401, body: '{"error":"MissingToken"}' }));
    const runtime = createRuntime({ env: { CIRRUS_CLOUD: 'azure', IDENTITY_ENDPOINT: `${server.url}/identity`, ORDERS_QUEUE: `${server.url}/orders` }, fetch: plainFetch });
    await expect(runtime.queue('Orders').send('x')).rejects.toThrow('cirrus-runtime: queue(\'Orders\').send failed: HTTP 401: {"error":"MissingToken"}');
    await server.close();
  });

  test('AWS: the SDK clients the Lambda runtime bundles, with the commands and inputs of each operation', async () => {
    const calls: Array<[string, any]> = [];
    const client = (service: string) => class { async send(command: any) { calls.push([`${service}.${command.name}`, command.input]); return service === 'eventbridge' ? { FailedEntryCount: 0 } : {}; } };
    const command = (name: string) => class { name = name; constructor(public input: any) {} };
    const sdk = (name: string) => ({
      '@aws-sdk/client-sqs': { SQSClient: client('sqs'), SendMessageCommand: command('SendMessage') },
      '@aws-sdk/client-sns': { SNSClient: client('sns'), PublishCommand: command('Publish') },
      '@aws-sdk/client-eventbridge': { EventBridgeClient: client('eventbridge'), PutEventsCommand: command('PutEvents') },
      '@aws-sdk/client-s3': { S3Client: client('s3'), PutObjectCommand: command('PutObject'), GetObjectCommand: command('GetObject') },
    } as any)[name];
    const runtime = createRuntime({ sdk, env: { CIRRUS_CLOUD: 'aws', ORDERS_QUEUE: 'https://sqs/q', SHIPPED_TOPIC: 'arn:aws:sns:t', TELEMETRY_BUS: 'bus-1', INVOICES_BUCKET: 'b-1' } });
    await runtime.queue('Orders').send({ id: 1 }, { attributes: { kind: 'new' } });
    await runtime.topic('Shipped').publish('hi');
    await runtime.bus('Telemetry').put('reading', { c: 1 });
    await runtime.bucket('Invoices').put('k', Buffer.from('v'));
    expect(calls).toEqual([
      ['sqs.SendMessage', { QueueUrl: 'https://sqs/q', MessageBody: '{"id":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'new' } } }],
      ['sns.Publish', { TopicArn: 'arn:aws:sns:t', Message: 'hi', MessageAttributes: undefined }],
      ['eventbridge.PutEvents', { Entries: [{ EventBusName: 'bus-1', Source: 'cirrus', DetailType: 'reading', Detail: '{"c":1}' }] }],
      ['s3.PutObject', { Bucket: 'b-1', Key: 'k', Body: Buffer.from('v'), ContentType: 'application/octet-stream' }],
    ]);
  });
});
