import { CloudProvider } from '../../../lib/core/cloud-provider';
import { HttpAuth, HttpMethod } from '../../../lib/core/http';
import { ApiRoute, AZURE_CONSUMPTION_MAX_OPERATIONS, buildHttpApiSpec, routeProblemsFor } from '../../../lib/core/http-api-spec';

function route(i: number, methods: HttpMethod[]): ApiRoute {
  return { functionPath: `s/Fn${i}`, triggerId: 'Http', path: `/r${i}`, methods, auth: HttpAuth.PRIVATE };
}

describe('HttpApi rules of the model', () => {
  const azure = buildHttpApiSpec(CloudProvider.AZURE, 's/Api', { contactEmail: 'ops@example.com' }, { keyVaultName: 'vault' });

  test('fails when an API Management Consumption API would pass its operations limit, counting ANY as every method', () => {
    const existing = Array.from({ length: 428 }, (_, i) => route(i, [HttpMethod.ANY])); // 428 x 7 = 2,996
    expect(routeProblemsFor(azure, existing, [route(999, [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE])])).toEqual([]);
    const problems = routeProblemsFor(azure, existing, [route(999, [HttpMethod.ANY])]);
    expect(problems).toEqual([expect.stringContaining(`HttpApi s/Api would hold 3003 operations (routes x methods; ANY counts 7), more than the ${AZURE_CONSUMPTION_MAX_OPERATIONS}`)]);
    const aws = buildHttpApiSpec(CloudProvider.AWS, 's/Api', {});
    expect(routeProblemsFor(aws, existing, [route(999, [HttpMethod.ANY])])).toEqual([]);
  });

  test('fails on Azure without the stack\'s vault, and only on Azure', () => {
    expect(() => buildHttpApiSpec(CloudProvider.AZURE, 's/Api', { contactEmail: 'ops@example.com' })).toThrow(/s\/Api: an HttpApi on Azure needs the AzureStack's keyVaultName/);
    expect(() => buildHttpApiSpec(CloudProvider.GCP, 's/Api', {})).not.toThrow();
  });
});
