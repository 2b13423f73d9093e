/**
 * The azurerm resource types that hold data (messages, objects, logs,
 * telemetry): the ones `AzureStack` `protectData` keeps from being destroyed.
 */
export const AZURE_DATA_RESOURCE_TYPES: readonly string[] = [
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_servicebus_namespace',
  'azurerm_servicebus_queue',
  'azurerm_servicebus_topic',
  'azurerm_servicebus_subscription',
  'azurerm_log_analytics_workspace',
  'azurerm_application_insights',
];
