import type { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { Lazy } from 'cdktf';

/** The Front Door profile ids (resource GUIDs) allowed to call each function app. */
const ALLOWED = new WeakMap<FunctionAppFlexConsumption, string[]>();

/**
 * Limits a function app's inbound traffic to Front Door profiles:
 * an access restriction allowing the AzureFrontDoor.Backend service tag with
 * the profile's X-Azure-FDID header, and Deny for everything else. The
 * function renderer belongs to EventDrivenFunction, so this is an override on
 * its app (node.defaultChild); several EdgeFunctions in front of one app
 * share one restriction listing every profile.
 */
export function allowOnlyFrontDoor(app: FunctionAppFlexConsumption, profileGuid: string): void {
  const existing = ALLOWED.get(app);
  if (existing) {
    existing.push(profileGuid);
    return;
  }
  const guids = [profileGuid];
  ALLOWED.set(app, guids);
  app.addOverride('site_config.ip_restriction_default_action', 'Deny');
  app.addOverride('site_config.ip_restriction', Lazy.anyValue({
    produce: () => [{
      name: 'AllowCirrusFrontDoor',
      action: 'Allow',
      priority: 100,
      service_tag: 'AzureFrontDoor.Backend',
      headers: [{ x_azure_fdid: [...guids] }],
    }],
  }));
}
