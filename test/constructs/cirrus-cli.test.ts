// `npx cirrus dev <app file>`: starts the app's LocalStacks, prints routes, deliveries and handler
// output, and reloads a handler when its files change.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Starts the command and resolves once it prints the run's URL. */
function startDev(appFile: string, cwd: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'cirrus.js'), 'dev', appFile, '--port', '0', '--no-schedules'], { cwd, env: { ...process.env } });
  let text = '';
  child.stdout!.on('data', (d) => { text += d; });
  child.stderr!.on('data', (d) => { text += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${text}`)), 60000);
    const check = setInterval(() => {
      const m = /is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => text });
      }
    }, 50);
  });
}

async function until(predicate: () => boolean, ms = 20000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('cirrus dev runs a TypeScript app file: routes, deliveries and handler output are printed; a changed handler is reloaded', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cli-'));
  const handlers = path.join(dir, 'handlers');
  fs.mkdirSync(handlers);
  fs.writeFileSync(path.join(handlers, 'index.js'), "exports.handler = async () => ({ statusCode: 200, body: { version: 1 } });\n");
  const app = path.join(dir, 'app.ts');
  fs.writeFileSync(app, [
    `import { EventDrivenFunction, FunctionCode, FunctionRuntime, HandlerApi, LocalStack, Trigger } from ${JSON.stringify(path.join(ROOT, 'index'))};`,
    "const stack = new LocalStack(undefined, 'cli-test');",
    `new EventDrivenFunction(stack, 'Hello', { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromAsset(${JSON.stringify(handlers)}), handler: 'index.handler', handlerApi: HandlerApi.PORTABLE, triggers: [Trigger.http({ path: '/hello' })] });`,
  ].join('\n'));
  const { child, url, output } = await startDev(app, dir);
  try {
    expect(output()).toMatch(/ANY\s+http:\/\/127\.0\.0\.1:\d+\/hello\s+-> Hello/);
    expect(await (await fetch(`${url}/hello`)).json()).toEqual({ version: 1 });
    expect(output()).toContain('-> GET /hello to Hello');
    fs.writeFileSync(path.join(handlers, 'index.js'), "exports.handler = async () => { console.log('v2 here'); return { statusCode: 200, body: { version: 2 } }; };\n");
    await until(() => output().includes('Hello reloaded'));
    expect(await (await fetch(`${url}/hello`)).json()).toEqual({ version: 2 });
    await until(() => output().includes('[Hello] v2 here'));
  } finally {
    child.kill('SIGINT');
  }
});

test('fails when the app file builds no LocalStack, naming what to do', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cli-'));
  fs.writeFileSync(path.join(dir, 'empty.js'), '// nothing\n');
  const run = require('child_process').spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cirrus.js'), 'dev', 'empty.js'], { cwd: dir, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("empty.js built no LocalStack: create one (new LocalStack(app, 'dev'))");
});
