// Synthesizes the TypeScript order-processing example into the folders given on
// the command line and prints how long it took, as one JSON line:
//
//   tsx scripts/synth-example-to.ts <cdk.out dir> <cdktf.out dir>
//   {"language":"typescript","importSeconds":1.2,"synthSeconds":3.4}
//
// The Python end-to-end test (test/python) compares its output with this one.
import * as fs from 'fs';

// Loaded with require() after the clock starts: an import statement would be hoisted above it.
const started = process.hrtime.bigint();
const { buildOrderProcessingApps } = require('../examples/order-processing/app') as typeof import('../examples/order-processing/app');
const imported = process.hrtime.bigint();
const [cdkOut, tfOut] = process.argv.slice(2);
if (!cdkOut || !tfOut) {
  console.error('usage: tsx scripts/synth-example-to.ts <cdk.out dir> <cdktf.out dir>');
  process.exit(2);
}
fs.rmSync(cdkOut, { recursive: true, force: true });
fs.rmSync(tfOut, { recursive: true, force: true });

try {
  const { awsApp, terraformApp } = buildOrderProcessingApps(cdkOut, tfOut);
  awsApp.synth();
  terraformApp.synth();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const done = process.hrtime.bigint();
const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
console.log(JSON.stringify({
  language: 'typescript',
  importSeconds: seconds(started, imported),
  synthSeconds: seconds(imported, done),
}));
