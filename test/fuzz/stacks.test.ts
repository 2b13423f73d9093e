/**
 * AzureStack and GcpStack props with one prop of the wrong type or kind
 * (arbitraries/wrong.ts): construction throws the Cirrus validation error
 * naming the prop and the value. Nothing is synthesized, so this is cheap.
 */
import { App, Stack } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import * as fc from 'fast-check';
import { AzureStack, CirrusErrors, GcpStack } from '../../index';
import { applyWrong, describeWrong, namesTheMistake, WrongRecipe, wrongRecipe } from './arbitraries/wrong';
import { CASES, SEED } from './harness';

const azureProps = fc.record({
  location: fc.constantFrom('westeurope', 'northeurope'),
  resourceGroupName: fc.constantFrom('rg-orders', 'RG_(1)'),
  useExistingResourceGroup: fc.boolean(),
  subscriptionId: fc.constant('00000000-0000-0000-0000-000000000000'),
  tags: fc.constantFrom({ team: 'orders' }, {}),
  protectData: fc.boolean(),
  keyVaultName: fc.constantFrom('kv-orders'),
}, { requiredKeys: ['location'] });

const gcpProps = fc.record({
  project: fc.constantFrom('acme-prod', 'orders-123'),
  region: fc.constantFrom('europe-west1', 'us-central1'),
  labels: fc.constantFrom({ team: 'orders' }, {}),
  enableApis: fc.boolean(),
  protectData: fc.boolean(),
}, { requiredKeys: ['project', 'region'] });

const always = wrongRecipe(1).map((w) => w as WrongRecipe);

describe('fuzz: AzureStack and GcpStack props of the wrong type', () => {
  test.each([
    ['AzureStack', azureProps as fc.Arbitrary<object>, (app: TerraformApp, props: object) => new AzureStack(app, 'orders-azure', props as any)],
    ['GcpStack', gcpProps as fc.Arbitrary<object>, (app: TerraformApp, props: object) => new GcpStack(app, 'orders-gcp', props as any)],
  ])('%s: every wrong type throws the Cirrus validation error naming the prop and the value', (_name, arbitrary, build) => {
    // Wrong-kind constructs (an EventTopic where a string goes) are made in a stack of their own.
    const scope = new Stack(new App(), 'wrong-kinds');
    fc.assert(fc.property(arbitrary, always, (props, wrong) => {
      const { props: mutated, applied } = applyWrong(scope, props, wrong);
      let error: unknown;
      try {
        build(new TerraformApp(), mutated);
      } catch (e) {
        error = e;
      }
      const what = applied ? describeWrong(applied) : 'nothing replaced';
      if (!CirrusErrors.isValidationError(error)) {
        throw new Error(`${what}: expected the Cirrus validation error, got ${error === undefined ? 'no error' : (error as Error).stack}`);
      }
      if (applied && !namesTheMistake((error as Error).message, applied)) {
        throw new Error(`${what}: the error does not name the prop and the value: ${(error as Error).message}`);
      }
    }), { seed: SEED, numRuns: Math.ceil(CASES / 5) });
  });
});
