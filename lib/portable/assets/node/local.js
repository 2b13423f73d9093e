'use strict';
// Cirrus portable handlers in the local run (Node.js): the worker process of one
// function. LocalRun writes one invocation per line on stdin,
// { id, event } with event.http.rawBody in base64, and reads the answer as one
// line on file descriptor 3: { id, result } or { id, error }. The handler's own
// output (console.log, ...) goes to stdout and stderr, which LocalRun prints.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { pathToFileURL } = require('url');
const { userHandler } = require('./event');

const [modulePath, exportName] = process.argv.slice(2);
const user = userHandler(() => import(pathToFileURL(path.resolve(modulePath)).href), exportName);
const answers = fs.createWriteStream(null, { fd: 3 });

function reply(message) {
  answers.write(`${JSON.stringify(message)}\n`);
}

function revive(event) {
  if (event.http && typeof event.http.rawBody === 'string') {
    event.http.rawBody = Buffer.from(event.http.rawBody, 'base64');
  }
  return event;
}

function serialize(result) {
  if (result && typeof result === 'object' && result.body !== undefined && (Buffer.isBuffer(result.body) || result.body instanceof Uint8Array)) {
    return { ...result, body: undefined, bodyBase64: Buffer.from(result.body).toString('base64') };
  }
  return result;
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let id;
  try {
    const message = JSON.parse(line);
    id = message.id;
    const result = await user(revive(message.event));
    reply({ id, result: serialize(result === undefined ? null : result) });
  } catch (e) {
    console.error(e);
    reply({ id, error: String((e && e.message) || e) });
  }
});
