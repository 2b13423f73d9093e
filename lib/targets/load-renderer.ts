import { CloudProvider } from '../core/cloud-provider';
import { CirrusValidationError } from '../core/errors';
import type { FunctionRendererModule } from './renderer';

const PROVIDER_PACKAGE: Partial<Record<CloudProvider, string>> = {
  [CloudProvider.AZURE]: '@cdktf/provider-azurerm',
  [CloudProvider.GCP]: '@cdktf/provider-google',
};

/**
 * Requires a module that imports a cdktf provider package, turning a missing
 * optional peer dependency into an error that says what to install.
 */
export function requireWithProvider<T>(cloud: CloudProvider, constructPath: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    const pkg = PROVIDER_PACKAGE[cloud];
    const err = e as { code?: string; message?: string };
    if (pkg && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(pkg)) {
      throw new CirrusValidationError(constructPath, [
        `needs the optional peer dependency ${pkg} to render for ${cloud}: install it (npm install ${pkg}, or pip install cdktf-cdktf-provider-${cloud === CloudProvider.AZURE ? 'azurerm' : 'google'})`,
      ]);
    }
    throw e;
  }
}

/**
 * Loads the function renderer of one cloud on first use, so an app loads only
 * the engine and provider modules of the clouds it targets.
 */
export function loadFunctionRenderer(cloud: CloudProvider, constructPath: string): FunctionRendererModule {
  switch (cloud) {
    case CloudProvider.AWS:
      return require('../aws/function-renderer') as FunctionRendererModule;
    case CloudProvider.LOCAL:
      return require('../local/function-renderer') as FunctionRendererModule;
    case CloudProvider.AZURE:
      return requireWithProvider(cloud, constructPath, () => require('../azure/function-renderer') as FunctionRendererModule);
    default:
      return requireWithProvider(cloud, constructPath, () => require('../gcp/function-renderer') as FunctionRendererModule);
  }
}
