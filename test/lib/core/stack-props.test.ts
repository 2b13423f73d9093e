import { CirrusValidationError, ProblemCollector } from '../../../lib/core/errors';
import { checkAzureStackProps, checkGcpStackProps } from '../../../lib/core/stack-props';

function problemsOf(check: (problems: ProblemCollector) => void): string[] {
  const problems = new ProblemCollector();
  check(problems);
  try {
    problems.throwIfAny('app/Stack');
    return [];
  } catch (e) {
    return (e as CirrusValidationError).problems;
  }
}

describe('AzureStack props', () => {
  test('a valid location, default resource group and tags pass; the group is named from the stack id', () => {
    let rg = '';
    expect(problemsOf((p) => { rg = checkAzureStackProps(p, 'orders', { location: 'westeurope', tags: { team: 'orders' } }); })).toEqual([]);
    expect(rg).toBe('rg-orders');
  });

  test('a long stack id still gives a valid group name, by the naming rule', () => {
    let rg = '';
    expect(problemsOf((p) => { rg = checkAzureStackProps(p, 'x'.repeat(120), { location: 'westeurope' }); })).toEqual([]);
    expect(rg).toHaveLength(90);
  });

  test('reports every wrong prop at once', () => {
    const problems = problemsOf((p) => checkAzureStackProps(p, 'orders', {
      location: 'West Europe', resourceGroupName: 'rg.', subscriptionId: 'my-subscription',
      tags: { 'cost/center': 'a', owner: 'x'.repeat(257) },
    }));
    expect(problems).toEqual([
      expect.stringContaining('location must be an Azure region name'),
      expect.stringContaining('resourceGroupName must be 1-90'),
      expect.stringContaining('subscriptionId must be a subscription id, a GUID'),
      expect.stringContaining('tags key "cost/center"'),
      expect.stringContaining('tags.owner must be at most 256 characters'),
    ]);
  });

  test('more than 50 tags is refused', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v']));
    expect(problemsOf((p) => checkAzureStackProps(p, 's', { location: 'westeurope', tags }))).toEqual(['tags has 51 tags; Azure allows at most 50 per resource']);
  });
});

describe('GcpStack props', () => {
  test('a valid project, region and labels pass', () => {
    expect(problemsOf((p) => checkGcpStackProps(p, { project: 'acme-prod', region: 'europe-west1', labels: { team: 'orders' } }))).toEqual([]);
  });

  test('reports every wrong prop at once', () => {
    expect(problemsOf((p) => checkGcpStackProps(p, { project: 'Acme', region: 'Europe West', labels: { Team: 'x' } }))).toEqual([
      expect.stringContaining('project must be a GCP project id'),
      expect.stringContaining('region must be a GCP region'),
      expect.stringContaining('labels.Team'),
    ]);
  });

  test('more than 64 labels is refused', () => {
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, 'v']));
    expect(problemsOf((p) => checkGcpStackProps(p, { project: 'acme-prod', region: 'europe-west1', labels }))).toEqual(['labels has 65 labels; GCP allows at most 64 per resource']);
  });
});
