import { CloudProvider } from '../core/cloud-provider';
import { CirrusValidationError } from '../core/errors';
import type { FunctionRendererModule } from './renderer';

const PROVIDER_PACKAGE: Partial<Record<CloudProvider, string>> = {
  [CloudProvider.AZURE]: '@cdktf/provider-azurerm',
  [CloudProvider.GCP]: '@cdktf/provider-google',
};

/** Optional provider packages some constructs of a cloud need besides its main one (GCP API Gateway: google-beta). */
const EXTRA_PROVIDER_PACKAGES: Partial<Record<CloudProvider, string[]>> = {
  [CloudProvider.GCP]: ['@cdktf/provider-google-beta'],
};

/** The pip package of a provider package: `@cdktf/provider-google-beta` -> `cdktf-cdktf-provider-google-beta`. */
function pipPackage(pkg: string): string {
  return `cdktf-cdktf-provider-${pkg.replace('@cdktf/provider-', '')}`;
}

/**
 * Requires a module that imports a cdktf provider package, turning a missing
 * optional peer dependency into an error that says what to install.
 */
export function requireWithProvider<T>(cloud: CloudProvider, constructPath: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    const err = e as { code?: string; message?: string };
    // The longer names first: "@cdktf/provider-google" is a prefix of "@cdktf/provider-google-beta".
    const pkg = [...(EXTRA_PROVIDER_PACKAGES[cloud] ?? []), PROVIDER_PACKAGE[cloud]]
      .find((p) => p !== undefined && String(err.message).includes(`'${p}`) && !String(err.message).includes(`'${p}-`));
    if (pkg && err.code === 'MODULE_NOT_FOUND') {
      throw new CirrusValidationError(constructPath, [
        `needs the optional peer dependency ${pkg} to render for ${cloud}: install it (npm install ${pkg}, or pip install ${pipPackage(pkg)})`,
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
