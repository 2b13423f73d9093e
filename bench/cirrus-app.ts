// The workload written with Cirrus: what a user writes. The engine is required
// per cloud, as a user's app would import it (this AWS app does not import cdktf).
import type { Construct } from 'constructs';
import * as c from '../index';
import {
  AWS_NESTED_STACK_ID, awsLayout, awsStackId, AZURE_LOCATION, AZURE_STACK_ID, BuiltApp, functionId, GCP_PROJECT, GCP_REGION, GCP_STACK_ID,
  HANDLER_DIR, HTTP_PATH, Workload,
} from './workload';

export function build(w: Workload): BuiltApp {
  const code = c.FunctionCode.fromAsset(HANDLER_DIR);
  const addFunction = (scope: Construct, i: number) => new c.EventDrivenFunction(scope, functionId(i), {
    runtime: c.FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.handler',
    triggers: [w.kind === 'queue'
      ? c.Trigger.queue()
      : c.Trigger.http({ path: HTTP_PATH, methods: [c.HttpMethod.POST], auth: c.HttpAuth.PRIVATE })],
  });

  if (w.cloud === 'aws') {
    const cdk = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const app = new cdk.App({ outdir: w.outdir });
    if (w.nested) {
      // What issue #20 asks for: any number of functions in one stack, placed in nested stacks by Cirrus.
      const stack = new cdk.Stack(app, AWS_NESTED_STACK_ID);
      // CIRRUS_BENCH_GROUPS: the groups a user sizes for the system (default: Cirrus's 64).
      const groups = process.env.CIRRUS_BENCH_GROUPS ? Number(process.env.CIRRUS_BENCH_GROUPS) : undefined;
      c.FunctionPlacement.nestedStacks(stack, groups ? { groups } : undefined);
      for (let i = 0; i < w.n; i++) {
        addFunction(stack, i);
      }
      return { synth: () => { app.synth(); } };
    }
    const stacks: InstanceType<typeof cdk.Stack>[] = [];
    for (const [s, i] of awsLayout(w.n, w.functionsPerStack)) {
      stacks[s] ??= new cdk.Stack(app, awsStackId(s));
      addFunction(stacks[s], i);
    }
    return { synth: () => { app.synth(); } };
  }

  const cdktf = require('cdktf') as typeof import('cdktf');
  // Validations (the quota check included) run, with the quota increases a system this big needs declared:
  // N + 2 service accounts and up to 4N alert policies on GCP, N storage accounts on Azure. Past 800 functions one AzureStack exceeds the
  // hard limit of 800 resources of a type per resource group, which the check refuses: there (N = 1,000) the
  // Cirrus side skips cdktf's validations, as the baseline always does (bench/README.md).
  const app = new cdktf.App({ outdir: w.outdir, skipValidation: w.cloud === 'azure' && w.n > 800 });
  const stack = w.cloud === 'azure'
    ? new c.AzureStack(app, AZURE_STACK_ID, { location: AZURE_LOCATION, grantedQuotas: w.n > 250 ? { 'azure.storage.accounts': w.n } : undefined })
    : new c.GcpStack(app, GCP_STACK_ID, { project: GCP_PROJECT, region: GCP_REGION, grantedQuotas: gcpGrants(w.n) });
  for (let i = 0; i < w.n; i++) {
    addFunction(stack, i);
  }
  return { synth: () => app.synth() };
}

/** The GCP quota increases N functions need: N + 2 service accounts, and up to 4 alert policies each (errors, throttles, duration, dead letters). */
function gcpGrants(n: number): { [quotaId: string]: number } | undefined {
  const grants: { [quotaId: string]: number } = {};
  if (n + 2 > 100) {
    grants['gcp.iam.serviceAccounts'] = n + 2;
  }
  if (4 * n > 500) {
    grants['gcp.monitoring.alertPolicies'] = 4 * n;
  }
  return Object.keys(grants).length > 0 ? grants : undefined;
}
