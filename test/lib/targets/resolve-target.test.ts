import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CloudProvider, EventDrivenFunction, FunctionCode, FunctionRuntime } from '../../../index';
import { isCdkStack, resolveTarget } from '../../../lib/targets/resolve-target';
import { azureStack, gcpStack } from '../../helpers/terraform';

const props = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler' };

describe('target resolution', () => {
  test('an aws-cdk-lib Stack, or a construct nested in one, is AWS', () => {
    const stack = new Stack(new App(), 's');
    const nested = new Construct(new Construct(stack, 'a'), 'b');
    expect(resolveTarget(nested, 'x').provider).toBe(CloudProvider.AWS);
    expect(resolveTarget(nested, 'x').stack).toBe(stack);
  });

  test('isCdkStack answers as Stack.isStack does, without loading aws-cdk-lib\'s core', () => {
    const app = new App();
    const stack = new Stack(app, 's');
    const candidates = [stack, new NestedStack(stack, 'n'), new Stack(new Stage(app, 'st'), 's2'), app, new Construct(stack, 'c'), azureStack().stack];
    expect(candidates.map(isCdkStack)).toEqual(candidates.map((c) => Stack.isStack(c)));
    expect(candidates.map(isCdkStack)).toEqual([true, true, true, false, false, false]);
  });

  test('AzureStack is Azure and GcpStack is GCP, also through nested constructs', () => {
    expect(resolveTarget(new Construct(azureStack().stack, 'n'), 'x').provider).toBe(CloudProvider.AZURE);
    expect(resolveTarget(new Construct(gcpStack().stack, 'n'), 'x').provider).toBe(CloudProvider.GCP);
  });

  test('fails when a construct is placed in a plain cdktf TerraformStack, naming the three supported scopes', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    expect(() => new EventDrivenFunction(stack, 'Fn', props)).toThrow(
      'plain/Fn: must be placed inside an aws-cdk-lib Stack (AWS), a Cirrus AzureStack (Azure) or a Cirrus GcpStack (GCP)',
    );
  });

  test('fails when a construct is placed outside any stack', () => {
    expect(() => new EventDrivenFunction(new App(), 'Fn', props)).toThrow(/Fn: must be placed inside an aws-cdk-lib Stack \(AWS\)/);
  });

  test('every construct exposes its provider', () => {
    expect(new EventDrivenFunction(new Stack(new App(), 's'), 'Fn', props).provider).toBe(CloudProvider.AWS);
    expect(new EventDrivenFunction(azureStack().stack, 'Fn', props).provider).toBe(CloudProvider.AZURE);
  });
});
