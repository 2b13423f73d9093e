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
  });

  test('a GCP app loads only google modules, by deep path', () => {
    const loaded = providerModulesLoadedBy(`
const c = require('./index'); const tf = require('cdktf');
const app = tf.Testing.app(); const s = new c.GcpStack(app, 'g', { project: 'acme-prod', region: 'europe-west1' }); new c.EventDrivenFunction(s, 'Fn', ${fnProps}); tf.Testing.synth(s);`);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((m) => m.startsWith('@cdktf/provider-google/lib/'))).toBe(true);
    expect(loaded).not.toContain('@cdktf/provider-google/lib/index.js');
  });
});
