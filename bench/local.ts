// The local run in figures (npm run bench runs it; alone: npx tsx bench/local.ts):
// - start-up: from a fresh process to a served request, for the order-processing example and for
//   50 functions (each with an HTTP route and a queue), median of fresh processes;
// - delivery latency: from an HTTP request to the queue consumer's handler, median and p99 over
//   200 messages (the handler sends to a queue; a second function consumes it and records when).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_LOCAL_RUNS ?? 5);
const MESSAGES = 200;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** A script run in a fresh process: declares the stack, starts the run, serves one request, prints the time. */
function startupScript(declare: string): string {
  return `
const started = process.hrtime.bigint();
const { LocalRun, LocalStack, EventDrivenFunction, EventQueue, FunctionCode, FunctionRuntime, HandlerApi, Trigger } = require(${JSON.stringify(REPO)});
const stack = new LocalStack(undefined, 'bench', { dataDir: require('os').tmpdir() + '/cirrus-bench-local' });
${declare}
LocalRun.start(stack, { port: 0, logs: false, schedules: false }).then(async (run) => {
  const res = await fetch(run.url + PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"orderId":"b-1","amountCents":1}' });
  await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await run.stop();
  process.stdout.write(String(ms));
});`;
}

function startup(declare: string): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Through tsx, as `npx cirrus dev app.ts` loads a TypeScript app file (the example is TypeScript).
    samples.push(Number(execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', startupScript(declare)], { cwd: REPO, encoding: 'utf8' })));
  }
  return median(samples);
}

async function latency(): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-latency-'));
  const times = path.join(dir, 'times.log');
  fs.writeFileSync(path.join(dir, 'index.js'), [
    "const fs = require('fs');",
    "const { queue } = require('cirrus-runtime');",
    // The client's send time travels in a header: the figure runs from the request to the consumer's handler.
    'exports.api = async (event) => { await queue(\'Work\').send({ sentAt: Number(event.http.headers[\'x-sent-at\']) }); return { statusCode: 202 }; };',
    `exports.consume = async (event) => { for (const r of event.records) fs.appendFileSync(${JSON.stringify(times)}, String(Date.now() - r.data.sentAt) + '\\n'); };`,
  ].join('\n'));
  const cirrus = require(REPO);
  const stack = new cirrus.LocalStack(undefined, 'latency', { dataDir: dir });
  const work = new cirrus.EventQueue(stack, 'Work');
  const code = cirrus.FunctionCode.fromAsset(dir);
  const common = { runtime: cirrus.FunctionRuntime.NODEJS_22, code, handlerApi: cirrus.HandlerApi.PORTABLE };
  const api = new cirrus.EventDrivenFunction(stack, 'Api', { ...common, handler: 'index.api', triggers: [cirrus.Trigger.http({ path: '/work' })] });
  work.grantSend(api);
  new cirrus.EventDrivenFunction(stack, 'Consumer', { ...common, handler: 'index.consume', triggers: [cirrus.Trigger.queue({ queue: work, batchSize: 1 })] });
  const run = await cirrus.LocalRun.start(stack, { port: 0, logs: false, schedules: false });
  await fetch(`${run.url}/work`, { method: 'POST', headers: { 'x-sent-at': String(Date.now()) } }); // warm both processes
  await run.idle();
  fs.writeFileSync(times, '');
  for (let i = 0; i < MESSAGES; i++) {
    await fetch(`${run.url}/work`, { method: 'POST', headers: { 'x-sent-at': String(Date.now()) } });
    await run.idle();
  }
  await run.stop();
  return fs.readFileSync(times, 'utf8').trim().split('\n').map(Number);
}

export async function localSection(): Promise<string> {
  const example = startup(`require(${JSON.stringify(path.join(REPO, 'examples', 'order-processing', 'order-processing'))}).defineOrderProcessing(stack); const PATH = '/orders';`);
  const fifty = startup(`const code = FunctionCode.fromAsset(${JSON.stringify(path.join(REPO, 'test', 'fixtures', 'portable-handler'))});
for (let i = 0; i < 50; i++) { const q = new EventQueue(stack, 'Q' + i); new EventDrivenFunction(stack, 'F' + i, { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler', handlerApi: HandlerApi.PORTABLE, triggers: [Trigger.http({ path: '/f' + i }), Trigger.queue({ queue: q })] }); }
const PATH = '/f0';`);
  const delays = await latency();
  return [
    '## Local run',
    '',
    `From a fresh \`node -r tsx/cjs\` process (as \`npx cirrus dev app.ts\` starts) to the first served request (loading Cirrus, declaring the stack, starting the run, the handler's process starting on that request), median of ${RUNS}; then the delivery latency from an HTTP request to the queue consumer's handler over ${MESSAGES} messages, one at a time (Node.js ${process.version}, this machine).`,
    '',
    '| what | measured | target |',
    '|---|---|---|',
    `| start-up, order-processing example (5 functions, loaded as TypeScript) | ${example.toFixed(0)} ms | under 2,000 ms |`,
    `| start-up, 50 functions (HTTP route + queue each, compiled JavaScript) | ${fifty.toFixed(0)} ms | — |`,
    `| HTTP -> queue -> consumer, median | ${median(delays).toFixed(1)} ms | under 50 ms |`,
    `| HTTP -> queue -> consumer, p99 | ${percentile(delays, 99).toFixed(1)} ms | — |`,
    '',
  ].join('\n');
}

/** Replaces (or appends) the section in RESULTS.md. */
export async function writeLocalSection(file = path.join(__dirname, 'RESULTS.md')): Promise<string> {
  const section = await localSection();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf('## Local run');
  const next = start >= 0 ? text.indexOf('\n## ', start + 1) : -1;
  const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next + 1) : ''}`;
  fs.writeFileSync(file, updated.endsWith('\n') ? updated : `${updated}\n`);
  return section;
}

if (require.main === module) {
  writeLocalSection().then((s) => console.log(s)).catch((e) => { console.error(e); process.exit(1); });
}
