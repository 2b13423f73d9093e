#!/usr/bin/env node
'use strict';
// npx cirrus dev <app file> [--port 3000] [--no-watch] [--no-schedules]
//
// Runs the LocalStacks an app file declares on this machine: loads the file
// (JavaScript, or TypeScript through tsx), starts a LocalRun for each
// LocalStack it created (ports counted up from --port), prints the routes,
// each delivery and each handler's output, and restarts a handler when a file
// of its code folder changes. Ctrl-C stops it.
const path = require('path');

function usage(message) {
  if (message) console.error(`cirrus: ${message}`);
  console.error('usage: npx cirrus dev <app file> [--port 3000] [--no-watch] [--no-schedules]');
  process.exit(2);
}

async function dev(args) {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) usage('name the app file that builds your constructs in a LocalStack');
  const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const port = Number(flag('--port') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a port number (got ${flag('--port')})`);
  const appFile = path.resolve(file);
  if (/\.(c|m)?ts$/.test(appFile)) {
    try {
      require(require.resolve('tsx/cjs/api', { paths: [path.dirname(appFile), __dirname] })).register();
    } catch {
      usage('a TypeScript app file needs tsx: npm install --save-dev tsx (or compile the app and pass the .js file)');
    }
  }
  // The app's own copy of cirrus-constructs is the one that records its LocalStacks.
  let entry;
  try {
    entry = require.resolve('cirrus-constructs', { paths: [path.dirname(appFile)] });
  } catch {
    entry = path.join(__dirname, '..'); // the package this command belongs to
  }
  const cirrus = require(entry);
  require(appFile);
  const stacks = cirrus.LocalStack.all();
  if (stacks.length === 0) usage(`${file} built no LocalStack: create one (new LocalStack(app, 'dev')) and fill it with your constructs`);
  const runs = [];
  for (const [i, stack] of stacks.entries()) {
    const run = await cirrus.LocalRun.start(stack, { port: port === 0 ? 0 : port + i, watch: !args.includes('--no-watch'), schedules: !args.includes('--no-schedules') });
    runs.push(run);
    console.log(`\n${stack.node.path} is running at ${run.url}`);
    for (const line of run.routes) console.log(`  ${line}`);
    console.log(`  schedules on demand: POST ${run.url}/_cirrus/schedule/<function>\n`);
  }
  const stop = async () => {
    await Promise.all(runs.map((r) => r.stop()));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'dev') {
  dev(rest).catch((e) => {
    console.error(`cirrus: ${e && e.message ? e.message : e}`);
    process.exit(1);
  });
} else {
  usage(command ? `unknown command ${command}` : undefined);
}
