// Synthesizes the all-constructs app (test/security/all-constructs-app.ts) for the
// security scan: `tsx test/security/synth-all-constructs.ts <outdir>` writes
// CloudFormation to <outdir>/cdk.out and Terraform to <outdir>/cdktf.out.
import * as fs from 'fs';
import * as path from 'path';
import { buildAllConstructsApps } from './all-constructs-app';

const outdir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', '.tmp', 'scan-out'));
fs.rmSync(outdir, { recursive: true, force: true });
const { awsApp, terraformApp } = buildAllConstructsApps(path.join(outdir, 'cdk.out'), path.join(outdir, 'cdktf.out'));
awsApp.synth();
terraformApp.synth();
console.log(`all-constructs app synthesized to ${path.relative(process.cwd(), outdir)}`);
