// Synthesizes every bundled example and the all-constructs app into one folder,
// for comparing the output of two commits byte for byte (a refactoring must not
// change it):
//
//   tsx scripts/synth-all-to.ts <outdir>        # <outdir>/<app>/cdk.out, <outdir>/<app>/cdktf.out
//   diff -r <outdir of commit A> <outdir of commit B>
//
// Asset zips are content-addressed, so equal code gives equal paths.
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples/registry';
import { buildAllConstructsApps } from '../test/security/all-constructs-app';

const outdir = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) {
  console.error('usage: tsx scripts/synth-all-to.ts <outdir>');
  process.exit(2);
}
fs.rmSync(outdir, { recursive: true, force: true });
const apps = [...EXAMPLES, { name: 'all-constructs', build: buildAllConstructsApps }];
for (const example of apps) {
  const { awsApp, terraformApp } = example.build(path.join(outdir, example.name, 'cdk.out'), path.join(outdir, example.name, 'cdktf.out'));
  awsApp.synth();
  terraformApp.synth();
  console.log(`${example.name} synthesized`);
}
