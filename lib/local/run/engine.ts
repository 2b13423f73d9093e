import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { constantCase } from '../../core/messaging';
import { HandlerApi } from '../../core/handler-api';
import { FunctionCodeKind } from '../../core/function-code';
import { HttpMethod } from '../../core/http';
import { StorageEvent, TriggerKind } from '../../core/trigger';
import type { TriggerSpec } from '../../core/function-spec';
import type { QueueSpec } from '../../core/messaging';
import type { LocalFunctionModel, LocalModel, LocalResourceModel } from '../model';
import { CronMatcher } from './cron-matcher';
import { LocalRoute, matchRoute, routePattern, sortRoutes } from './routes';
import { LocalWorker, WorkerAnswer } from './worker';

/** How the local run behaves; LocalRunOptions (constructs/local-run.ts) documents each. */
export interface EngineOptions {
  readonly port: number;
  readonly host: string;
  readonly redeliveryDelayMs: number;
  readonly schedules: boolean;
  readonly logs: boolean;
  readonly dataDir: string;
  readonly secretsFile?: string;
  readonly watch: boolean;
}

/** One message of an in-memory queue. */
interface Message {
  readonly id: string;
  readonly data: unknown;
  readonly attributes: { [key: string]: string };
  attempts: number;
  visibleAt: number;
}

/** What consumes a queue: one trigger of one function, with its batch size and delivery attempts. */
interface Consumer {
  readonly fn: LocalFunctionModel;
  readonly trigger: TriggerSpec;
  readonly kind: 'queue' | 'topic' | 'eventBus' | 'storage' | 'schedule';
  readonly batchSize: number;
  readonly maxAttempts: number;
}

/** An in-memory queue: a shared EventQueue, a trigger's own queue, or a subscription of a topic, bus, bucket or schedule. */
class LocalQueue {
  public readonly messages: Message[] = [];
  public readonly deadLetters: Message[] = [];
  public inFlight = false;
  constructor(public readonly name: string, public readonly consumer?: Consumer) {}
}

/** Lines of handler output kept per function. */
const OUTPUT_LINES = 1000;

let messageCounter = 0;
function newId(prefix: string): string {
  messageCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${messageCounter}`;
}

/** A topic or bus subscription: which messages reach which queue. */
interface Subscription {
  readonly source: string;
  readonly queue: LocalQueue;
  readonly accepts: (message: { attributes: { [key: string]: string }; type?: string; source?: string }) => boolean;
}

/** A storage trigger on a bucket. */
interface BucketWatch {
  readonly bucket: string;
  readonly queue: LocalQueue;
  readonly events: StorageEvent[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/**
 * The local run of a LocalStack's model: one HTTP server for every declared
 * route and for Cirrus's own paths (/_cirrus/...), in-memory queues with
 * batches, redelivery and dead-letter queues, topic fan-out with filters, the
 * event bus with its patterns, buckets in folders, schedules on their cron,
 * and one worker process per function.
 */
export class LocalEngine {
  public url = '';
  private server?: http.Server;
  private readonly workers = new Map<string, LocalWorker>();
  private readonly queues = new Map<string, LocalQueue>();
  private readonly subscriptions: Subscription[] = [];
  private readonly watches: BucketWatch[] = [];
  private readonly schedules: Array<{ fn: LocalFunctionModel; trigger: TriggerSpec; matcher: CronMatcher; queue: LocalQueue }> = [];
  private readonly routes: LocalRoute[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly watchers: fs.FSWatcher[] = [];
  private httpInFlight = 0;
  private readonly outputs = new Map<string, string[]>();
  private stopped = false;
  public readonly warnings: string[] = [];

  constructor(private readonly model: LocalModel, private readonly options: EngineOptions, private readonly print: (line: string) => void) {}

  public async start(): Promise<void> {
    this.build();
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, this.options.host, () => resolve());
    });
    const address = this.server.address() as { port: number };
    this.url = `http://${this.options.host}:${address.port}`;
    for (const fn of this.model.functions) {
      this.workers.set(fn.id, new LocalWorker(fn, this.environmentOf(fn), (id, stream, line) => {
        const lines = this.outputs.get(id) ?? [];
        lines.push(line);
        this.outputs.set(id, lines.slice(-OUTPUT_LINES));
        this.log(`[${id}] ${stream === 'stderr' ? '! ' : ''}${line}`);
      }));
    }
    if (this.options.schedules && this.schedules.length > 0) {
      this.scheduleTick();
    }
    if (this.options.watch) {
      this.watchCode();
    }
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) {
      clearTimeout(t);
    }
    this.timers.clear();
    for (const w of this.watchers) {
      w.close();
    }
    for (const worker of this.workers.values()) {
      worker.stop();
    }
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
  }

  /** The last lines a function's handler printed (stdout and stderr). */
  public output(functionId: string): string[] {
    return [...(this.outputs.get(functionId) ?? [])];
  }

  /** The routes, for `npx cirrus dev` to print. */
  public get routeTable(): string[] {
    return sortRoutes(this.routes).map((r) => `${r.methods.join(',').padEnd(12)} ${this.url}${r.path}  -> ${r.functionId}`);
  }

  // ---------------------------------------------------------------- the model as queues

  private build(): void {
    const resource = (kind: LocalResourceModel['kind'], id: string) => this.model.resource(kind, id);
    for (const fn of this.model.functions) {
      if (fn.spec.handlerApi !== HandlerApi.PORTABLE) {
        this.warnings.push(`${fn.path}: handlerApi NATIVE is not run locally (each cloud calls a native handler with its own event shape): its routes answer 501 and its events wait in their queues; use handlerApi PORTABLE`);
      }
      for (const t of fn.triggers) {
        const source = fn.sources[t.id];
        switch (t.kind) {
          case TriggerKind.HTTP:
            this.routes.push({ functionId: fn.id, path: t.path, methods: t.methods.map((m) => (m === HttpMethod.ANY ? 'ANY' : String(m))), pattern: routePattern(t.path) });
            break;
          case TriggerKind.QUEUE: {
            const shared = source ? resource('queue', source) : undefined;
            const attempts = shared ? (shared.spec as QueueSpec).maxDeliveryAttempts : t.maxDeliveryAttempts;
            const name = shared ? shared.id : `${fn.id}/${t.id}`;
            this.queues.set(name, new LocalQueue(name, { fn, trigger: t, kind: 'queue', batchSize: t.batchSize, maxAttempts: attempts }));
            break;
          }
          case TriggerKind.TOPIC: {
            const topic = source ?? `${fn.id}/${t.id}`;
            const queue = this.addQueue(`${topic} -> ${fn.id}/${t.id}`, { fn, trigger: t, kind: 'topic', batchSize: 1, maxAttempts: t.maxDeliveryAttempts });
            const filter = t.filter;
            this.subscriptions.push({
              source: `topic:${topic}`, queue,
              accepts: (m) => !filter || Object.entries(filter).every(([k, values]) => m.attributes[k] !== undefined && values.includes(m.attributes[k])),
            });
            break;
          }
          case TriggerKind.EVENT_BUS: {
            const bus = source ?? 'default';
            const queue = this.addQueue(`${bus} -> ${fn.id}/${t.id}`, { fn, trigger: t, kind: 'eventBus', batchSize: 1, maxAttempts: t.maxDeliveryAttempts });
            this.subscriptions.push({
              source: `bus:${bus}`, queue,
              accepts: (m) => (!t.source || t.source.includes(m.source ?? '')) && (!t.detailType || t.detailType.includes(m.type ?? '')),
            });
            break;
          }
          case TriggerKind.STORAGE: {
            const bucket = source ?? `${fn.id}/${t.id}`;
            const queue = this.addQueue(`${bucket} -> ${fn.id}/${t.id}`, { fn, trigger: t, kind: 'storage', batchSize: 1, maxAttempts: t.maxDeliveryAttempts });
            this.watches.push({ bucket, queue, events: t.events, prefix: t.prefix, suffix: t.suffix });
            break;
          }
          case TriggerKind.SCHEDULE: {
            // A failed run is retried twice, as on every cloud (lib/core/schedule-retries).
            const queue = this.addQueue(`${fn.id}/${t.id}`, { fn, trigger: t, kind: 'schedule', batchSize: 1, maxAttempts: 3 });
            this.schedules.push({ fn, trigger: t, matcher: new CronMatcher(localCron(t.expression), t.timeZone), queue });
            break;
          }
        }
      }
    }
    for (const r of this.model.resources.filter((x) => x.kind === 'queue' && !this.queues.has(x.id))) {
      // A queue nobody consumes keeps its messages (as on a cloud).
      this.queues.set(r.id, new LocalQueue(r.id));
    }
    const collisions = this.routes.flatMap((a, i) => this.routes.slice(i + 1).filter((b) => b.path === a.path
      && (a.methods.includes('ANY') || b.methods.includes('ANY') || a.methods.some((m) => b.methods.includes(m)))).map((b) => `${a.path}: ${a.functionId} and ${b.functionId}`));
    for (const c of collisions) {
      this.warnings.push(`the route ${c} both declare it; the local run sends it to the first`);
    }
  }

  private addQueue(name: string, consumer: Consumer): LocalQueue {
    const queue = new LocalQueue(name, consumer);
    this.queues.set(name, queue);
    return queue;
  }

  private environmentOf(fn: LocalFunctionModel): { [key: string]: string } {
    const env: { [key: string]: string } = { ...fn.environment, CIRRUS_CLOUD: 'local', CIRRUS_LOCAL_URL: this.url, CIRRUS_FUNCTION: fn.id };
    const file = this.options.secretsFile ?? path.join('.cirrus', 'secrets.json');
    const values: { [name: string]: string } = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    for (const s of fn.secrets) {
      const value = process.env[`CIRRUS_SECRET_${constantCase(s.secretName)}`] ?? values[s.secretName];
      if (value === undefined) {
        this.warnings.push(`${fn.path}: secret ${s.secretName} has no local value: set CIRRUS_SECRET_${constantCase(s.secretName)} or add it to ${file}`);
      } else {
        env[s.key] = value;
      }
    }
    return env;
  }

  // ---------------------------------------------------------------- deliveries

  /** Adds messages to a queue (or a topic's, bus's or bucket's subscriptions) and lets the consumers take them. */
  public enqueue(queue: LocalQueue, items: Array<{ data: unknown; attributes?: { [key: string]: string }; id?: string }>): void {
    for (const item of items) {
      queue.messages.push({ id: item.id ?? newId('m'), data: item.data, attributes: item.attributes ?? {}, attempts: 0, visibleAt: 0 });
    }
    this.pump();
  }

  private pump(): void {
    if (this.stopped) {
      return;
    }
    const now = Date.now();
    for (const queue of this.queues.values()) {
      const c = queue.consumer;
      if (!c || queue.inFlight || c.fn.spec.handlerApi !== HandlerApi.PORTABLE) {
        continue;
      }
      const visible = queue.messages.filter((m) => m.visibleAt <= now);
      if (visible.length === 0) {
        const next = Math.min(...queue.messages.map((m) => m.visibleAt));
        if (Number.isFinite(next)) {
          this.later(next - now, () => this.pump());
        }
        continue;
      }
      const batch = visible.slice(0, c.batchSize);
      queue.inFlight = true;
      void this.deliver(queue, c, batch).finally(() => {
        queue.inFlight = false;
        this.pump();
        this.checkIdle();
      });
    }
    this.checkIdle();
  }

  private async deliver(queue: LocalQueue, c: Consumer, batch: Message[]): Promise<void> {
    for (const m of batch) {
      m.attempts += 1;
    }
    const records = batch.map((m) => ({ id: m.id, data: m.data, attributes: m.attributes }));
    const event = { cloud: 'local', trigger: c.kind, records };
    this.log(`-> ${queue.name}: ${batch.length} record${batch.length > 1 ? 's' : ''} to ${c.fn.id} (${batch.map((m) => `${m.id}, attempt ${m.attempts}`).join('; ')})`);
    const answer = await this.worker(c.fn).invoke(event);
    let failed: string[];
    if ('error' in answer) {
      this.log(`!! ${c.fn.id} failed on ${queue.name}: ${answer.error}`);
      failed = batch.map((m) => m.id);
    } else {
      const r = answer.result as { failedRecordIds?: unknown } | null;
      const ids = r && Array.isArray(r.failedRecordIds) ? r.failedRecordIds.map(String) : [];
      failed = ids.filter((id) => batch.some((m) => m.id === id));
    }
    for (const m of batch) {
      const index = queue.messages.indexOf(m);
      if (!failed.includes(m.id)) {
        queue.messages.splice(index, 1);
      } else if (m.attempts >= c.maxAttempts) {
        queue.messages.splice(index, 1);
        queue.deadLetters.push(m);
        this.log(`xx ${m.id} dead-lettered from ${queue.name} after ${m.attempts} attempt${m.attempts > 1 ? 's' : ''}`);
      } else {
        m.visibleAt = Date.now() + this.options.redeliveryDelayMs;
      }
    }
  }

  private worker(fn: LocalFunctionModel): LocalWorker {
    return this.workers.get(fn.id)!;
  }

  private later(ms: number, run: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      run();
    }, Math.max(0, ms));
    this.timers.add(t);
  }

  /** Resolves once no message waits in any consumed queue and nothing runs. */
  public idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  private isIdle(): boolean {
    if (this.httpInFlight > 0) {
      return false;
    }
    for (const q of this.queues.values()) {
      if (q.inFlight || (q.consumer && q.consumer.fn.spec.handlerApi === HandlerApi.PORTABLE && q.messages.length > 0)) {
        return false;
      }
    }
    return true;
  }

  private checkIdle(): void {
    if (this.idleWaiters.length > 0 && this.isIdle()) {
      // On the next turn: a delivery's follow-up messages are enqueued before its promise settles.
      setImmediate(() => {
        if (this.isIdle()) {
          this.idleWaiters.splice(0).forEach((resolve) => resolve());
        }
      });
    }
  }

  // ---------------------------------------------------------------- producers (cirrus-runtime, tests)

  /** Sends to a queue by EventQueue id or `Function/Trigger`. */
  public send(queueName: string, data: unknown, attributes: { [key: string]: string } = {}): void {
    const queue = this.queues.get(queueName);
    if (!queue) {
      throw new Error(`no queue ${queueName} in the local run (queues: ${[...this.queues.keys()].filter((k) => !k.includes(' -> ')).join(', ')})`);
    }
    this.enqueue(queue, [{ data, attributes }]);
  }

  public publish(topic: string, data: unknown, attributes: { [key: string]: string } = {}): number {
    const subs = this.subscriptions.filter((s) => s.source === `topic:${topic}` && s.accepts({ attributes }));
    const id = newId('t');
    for (const s of subs) {
      this.enqueue(s.queue, [{ id: `${id}-${s.queue.name.split(' -> ')[1]}`, data, attributes }]);
    }
    this.log(`-> topic ${topic}: ${subs.length} subscriber${subs.length === 1 ? '' : 's'}`);
    return subs.length;
  }

  public put(bus: string, type: string, data: unknown, source: string): number {
    const subs = this.subscriptions.filter((s) => s.source === `bus:${bus}` && s.accepts({ attributes: {}, type, source }));
    const id = newId('e');
    for (const s of subs) {
      this.enqueue(s.queue, [{ id: `${id}-${s.queue.name.split(' -> ')[1]}`, data, attributes: { source, type } }]);
    }
    this.log(`-> bus ${bus}: ${type} from ${source} to ${subs.length} rule${subs.length === 1 ? '' : 's'}`);
    return subs.length;
  }

  public bucketFolder(bucket: string): string {
    return path.resolve(this.options.dataDir, 'buckets', bucket.replace(/\//g, '_'));
  }

  public putObject(bucket: string, name: string, bytes: Buffer): void {
    const file = path.join(this.bucketFolder(bucket), ...name.split('/'));
    if (!file.startsWith(this.bucketFolder(bucket) + path.sep)) {
      throw new Error(`object name ${name} leaves the bucket`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    for (const w of this.watches.filter((x) => x.bucket === bucket && x.events.includes(StorageEvent.OBJECT_CREATED))) {
      if ((w.prefix === undefined || name.startsWith(w.prefix)) && (w.suffix === undefined || name.endsWith(w.suffix))) {
        this.enqueue(w.queue, [{ data: { bucket, name, size: bytes.length, eventType: 'created' }, attributes: { type: 'created' } }]);
      }
    }
  }

  public getObject(bucket: string, name: string): Buffer | undefined {
    const file = path.join(this.bucketFolder(bucket), ...name.split('/'));
    return file.startsWith(this.bucketFolder(bucket) + path.sep) && fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  }

  /** Runs the schedules of a function (or one schedule, `Function/Trigger`) now; resolves when their runs are done. */
  public async fire(name: string): Promise<number> {
    const matching = this.schedules.filter((s) => s.fn.id === name || `${s.fn.id}/${s.trigger.id}` === name);
    if (matching.length === 0) {
      throw new Error(`no schedule ${name} in the local run (schedules: ${this.schedules.map((s) => `${s.fn.id}/${s.trigger.id}`).join(', ') || 'none'})`);
    }
    for (const s of matching) {
      this.runSchedule(s);
    }
    await this.idle();
    return matching.length;
  }

  public deadLetters(queueName: string): Array<{ id: string; data: unknown; attributes: { [key: string]: string }; attempts: number }> {
    const queues = [...this.queues.values()].filter((q) => q.name === queueName || q.name.startsWith(`${queueName} -> `));
    return queues.flatMap((q) => q.deadLetters.map((m) => ({ id: m.id, data: m.data, attributes: m.attributes, attempts: m.attempts })));
  }

  private runSchedule(s: { fn: LocalFunctionModel; trigger: TriggerSpec; queue: LocalQueue }): void {
    const scheduledTime = new Date(Math.floor(Date.now() / 60000) * 60000).toISOString();
    this.enqueue(s.queue, [{ id: `${s.fn.id}/${s.trigger.id}@${scheduledTime}`, data: { scheduledTime }, attributes: { schedule: s.trigger.id } }]);
  }

  private scheduleTick(): void {
    const now = Date.now();
    this.later(60000 - (now % 60000) + 5, () => {
      const at = new Date();
      for (const s of this.schedules.filter((x) => x.matcher.matches(at))) {
        this.runSchedule(s);
      }
      this.scheduleTick();
    });
  }

  private watchCode(): void {
    const folders = new Map<string, string[]>();
    for (const fn of this.model.functions.filter((f) => f.spec.code.kind === FunctionCodeKind.ASSET)) {
      folders.set(fn.spec.code.assetPath!, [...(folders.get(fn.spec.code.assetPath!) ?? []), fn.id]);
    }
    for (const [folder, ids] of folders) {
      try {
        this.watchers.push(fs.watch(folder, { recursive: true }, () => {
          for (const id of ids) {
            this.workers.get(id)?.restart();
          }
          this.log(`~~ ${path.relative(process.cwd(), folder) || folder} changed: ${ids.join(', ')} reloaded`);
        }));
      } catch {
        this.warnings.push(`cannot watch ${folder} for changes: restart the local run after editing it`);
      }
    }
  }

  private log(line: string): void {
    if (this.options.logs) {
      this.print(line);
    }
  }

  // ---------------------------------------------------------------- the HTTP server

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // A request to a route keeps the run busy; Cirrus's own paths do not (a schedule fired over
      // HTTP waits for the run to be idle; a producer's call happens inside a busy invocation).
      const counted = !(req.url ?? '').startsWith('/_cirrus/');
      this.httpInFlight += counted ? 1 : 0;
      this.route(req, Buffer.concat(chunks), res)
        .catch((e) => json(res, 500, { message: 'the local run failed', error: String(e) }))
        .finally(() => {
          this.httpInFlight -= counted ? 1 : 0;
          this.checkIdle();
        });
    });
  }

  private async route(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/_cirrus/')) {
      return this.internal(method, url, req, body, res);
    }
    const match = matchRoute(sortRoutes(this.routes), method, url.pathname);
    if (!match.route) {
      if (match.status === 405) {
        res.setHeader('allow', match.allow!.join(', '));
      }
      return json(res, match.status!, { message: match.status === 404 ? 'Not Found' : 'Method Not Allowed' });
    }
    const fn = this.model.fn(match.route.functionId)!;
    if (fn.spec.handlerApi !== HandlerApi.PORTABLE) {
      return json(res, 501, { message: `${fn.path} has handlerApi NATIVE, which the local run does not emulate: use handlerApi PORTABLE` });
    }
    const headers: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(req.headers)) {
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(k === 'cookie' ? '; ' : ', ') : String(v);
    }
    const query: { [key: string]: string } = {};
    url.searchParams.forEach((v, k) => { query[k] = query[k] === undefined ? v : `${query[k]},${v}`; });
    const text = body.toString('utf8');
    const isJson = /^application\/(?:[\w.+-]+\+)?json\b/i.test(headers['content-type'] ?? '');
    let parsed: unknown = body.length === 0 ? undefined : text;
    if (isJson && body.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const event = { cloud: 'local', trigger: 'http', http: { method, path: url.pathname, headers, query, body: parsed, rawBody: body.toString('base64') } };
    this.log(`-> ${method} ${url.pathname} to ${fn.id}`);
    const answer: WorkerAnswer = await this.worker(fn).invoke(event);
    if ('error' in answer) {
      this.log(`!! ${fn.id} failed on ${method} ${url.pathname}: ${answer.error}`);
      return json(res, 500, { message: 'the handler failed', error: answer.error });
    }
    const result = answer.result as { statusCode?: number; headers?: { [k: string]: string }; body?: unknown; bodyBase64?: string } | null;
    if (result === null || result === undefined) {
      res.writeHead(204).end();
      return;
    }
    const out: { [k: string]: string } = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) {
      out[k.toLowerCase()] = String(v);
    }
    let payload: Buffer;
    if (result.bodyBase64 !== undefined) {
      payload = Buffer.from(result.bodyBase64, 'base64');
    } else if (result.body === undefined || result.body === null) {
      payload = Buffer.alloc(0);
    } else if (typeof result.body === 'object') {
      payload = Buffer.from(JSON.stringify(result.body));
      out['content-type'] = out['content-type'] ?? 'application/json';
    } else {
      payload = Buffer.from(String(result.body));
    }
    res.writeHead(Number.isInteger(result.statusCode) ? result.statusCode! : 500, out).end(payload);
  }

  /** Cirrus's own paths: what cirrus-runtime calls (produce, read objects) and schedules on demand. */
  private async internal(method: string, url: URL, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
    const caller = String(req.headers['x-cirrus-function'] ?? '');
    if (method === 'POST' && parts[0] === 'schedule' && parts.length >= 2) {
      try {
        return json(res, 200, { fired: await this.fire(parts.slice(1).join('/')) });
      } catch (e) {
        return json(res, 404, { message: (e as Error).message });
      }
    }
    if (method === 'POST' && parts[0] === 'produce' && parts.length === 3) {
      const [, kind, name] = parts;
      const resource = this.model.resource(kind as LocalResourceModel['kind'], name);
      if (!resource) {
        return json(res, 404, { message: `the stack has no ${kind} ${name}` });
      }
      if (caller && !resource.producers.has(caller)) {
        return json(res, 403, { message: `${caller} has no grant to ${kind === 'bucket' ? 'write to' : 'send to'} ${kind} ${name}: grant it in the declaration` });
      }
      const payload = JSON.parse(body.toString('utf8') || '{}');
      switch (kind) {
        case 'queue':
          this.send(name, payload.data, payload.attributes);
          break;
        case 'topic':
          this.publish(name, payload.data, payload.attributes);
          break;
        case 'bus':
          this.put(name, payload.type, payload.data, payload.source ?? 'cirrus');
          break;
        default:
          this.putObject(name, payload.name, Buffer.from(payload.base64 ?? '', 'base64'));
      }
      return json(res, 202, { accepted: true });
    }
    if (method === 'GET' && parts[0] === 'object' && parts.length >= 3) {
      const [, name, ...object] = parts;
      const resource = this.model.resource('bucket', name);
      if (!resource) {
        return json(res, 404, { message: `the stack has no bucket ${name}` });
      }
      if (caller && !resource.readers.has(caller) && !resource.producers.has(caller)) {
        return json(res, 403, { message: `${caller} has no grant to read bucket ${name}: grant it in the declaration` });
      }
      const bytes = this.getObject(name, object.join('/'));
      if (!bytes) {
        return json(res, 404, { message: `no object ${object.join('/')} in bucket ${name}` });
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      return;
    }
    return json(res, 404, { message: 'no such Cirrus path' });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The five-field cron Cirrus writes for Cloud Scheduler is what the local scheduler reads. */
function localCron(expression: string): string {
  return expression;
}
