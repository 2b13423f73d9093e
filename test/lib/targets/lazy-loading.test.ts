import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

/** Runs a script in a fresh Node process (through tsx) and returns the provider modules it loaded. */
function providerModulesLoadedBy(script: string): string[] {
  const program = `${script}
const loaded = Object.keys(require.cache).filter((k) => k.includes('@cdktf/provider-')).map((k) => k.split('node_modules/')[1].split('/').slice(0, 4).join('/'));
console.log(JSON.stringify([...new Set(loaded)].sort()));`;
  const out = execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['-e', program], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const fnProps = `{ runtime: c.FunctionRuntime.NODEJS_22, code: c.FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler', triggers: [c.Trigger.queue()] }`;

/** Runs a plain-Node script against the built package (index.js, compiled by `npm run build`) and returns the cdktf modules it loaded. */
function cdktfModulesLoadedByBuiltPackage(script: string): number {
  const program = `${script}
console.log(Object.keys(require.cache).filter((k) => k.includes('node_modules/cdktf/')).length);`;
  const out = execFileSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop());
}

describe('lazy loading of cdktf (built package; run `npm run build` first)', () => {
  test('an AWS-only app never loads cdktf', () => {
    expect(cdktfModulesLoadedByBuiltPackage(`
const c = require('./index.js'); const cdk = require('aws-cdk-lib');
const app = new cdk.App({ outdir: require('fs').mkdtempSync(require('os').tmpdir() + '/cirrus-lazy-') });
new c.EventDrivenFunction(new cdk.Stack(app, 's'), 'Fn', ${fnProps}); app.synth();`)).toBe(0);
  });

  test('an Azure or GCP app never loads aws-cdk-lib\'s core (only its lazy index)', () => {
    const program = `const c = require('./index.js'); const tf = require('cdktf');
const app = new tf.App({ outdir: require('fs').mkdtempSync(require('os').tmpdir() + '/cirrus-lazy-') });
new c.EventDrivenFunction(new c.AzureStack(app, 'a', { location: 'westeurope' }), 'Fn', ${fnProps});
new c.EventDrivenFunction(new c.GcpStack(app, 'g', { project: 'acme-prod', region: 'europe-west1' }), 'Fn', ${fnProps});
app.synth();
console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('node_modules/aws-cdk-lib/')).map((k) => k.split('node_modules/')[1])));`;
    const out = execFileSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual(['aws-cdk-lib/index.js']);
  });

  test('AzureStack loads cdktf on first use', () => {
    expect(cdktfModulesLoadedByBuiltPackage(`const c = require('./index.js'); c.AzureStack;`)).toBeGreaterThan(100);
  });
});

describe('lazy loading of provider packages', () => {
  test('an AWS-only app loads no @cdktf/provider-* module', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const cdk = require('aws-cdk-lib');
const app = new cdk.App(); new c.EventDrivenFunction(new cdk.Stack(app, 's'), 'Fn', ${fnProps}); app.synth();`);
    expect(loaded).toEqual([]);
  });

  test('an Azure app loads only azurerm modules, by deep path', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.AzureStack(app, 'a', { location: 'westeurope' }); new c.EventDrivenFunction(s, 'Fn', ${fnProps}); tf.Testing.synth(s);`);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((m) => m.startsWith('@cdktf/provider-azurerm/lib/'))).toBe(true);
    expect(loaded).not.toContain('@cdktf/provider-azurerm/lib/index.js');
    // A queue function needs neither Event Grid (topic, bus and storage triggers) nor Key Vault (secrets).
    expect(loaded.filter((m) => /eventgrid|key-vault/.test(m))).toEqual([]);
  });

  test('a GCP app loads only google modules, by deep path', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.GcpStack(app, 'g', { project: 'acme-prod', region: 'europe-west1' }); new c.EventDrivenFunction(s, 'Fn', ${fnProps}); tf.Testing.synth(s);`);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((m) => m.startsWith('@cdktf/provider-google/lib/'))).toBe(true);
    expect(loaded).not.toContain('@cdktf/provider-google/lib/index.js');
    // A queue function needs neither Cloud Scheduler, storage notifications nor Secret Manager.
    expect(loaded.filter((m) => /cloud-scheduler|storage-notification|secret-manager/.test(m))).toEqual([]);
  });

  test('a GCP HttpApi loads google-beta by deep path, only then; an Azure or AWS HttpApi loads none of it', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.GcpStack(app, 'g', { project: 'acme-prod', region: 'europe-west1' });
const api = new c.HttpApi(s, 'Api');
new c.EventDrivenFunction(s, 'Fn', { runtime: c.FunctionRuntime.NODEJS_22, code: c.FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler', triggers: [c.Trigger.http({ api, path: '/a' })] });
tf.Testing.synth(s);`);
    const beta = loaded.filter((m) => m.startsWith('@cdktf/provider-google-beta/'));
    expect(beta).toEqual(expect.arrayContaining(['@cdktf/provider-google-beta/lib/google-api-gateway-api', '@cdktf/provider-google-beta/lib/provider']));
    expect(beta.every((m) => m.startsWith('@cdktf/provider-google-beta/lib/') && m !== '@cdktf/provider-google-beta/lib/index.js')).toBe(true);
    const others = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf'); const cdk = require('aws-cdk-lib');
const app = tf.Testing.app(); const s = new c.AzureStack(app, 'a', { location: 'westeurope', keyVaultName: 'kv-orders' });
new c.HttpApi(s, 'Api', { contactEmail: 'ops@example.com' }); tf.Testing.synth(s);
const a = new cdk.App(); const api = new c.HttpApi(new cdk.Stack(a, 's'), 'Api'); a.synth();`);
    expect(others.filter((m) => m.includes('google'))).toEqual([]);
  });
});
