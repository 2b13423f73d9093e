/**
 * The longest text each platform field takes, for the names, labels and
 * descriptions Cirrus derives from construct paths. A longer text is
 * shortened by the one rule of lib/core/naming.ts (`fitName`, or
 * `fitIdentifier` where only letters and digits are allowed), never cut
 * silently. Sources are beside each value.
 */
export const TEXT_LIMITS = {
  aws: {
    /** CloudWatch PutMetricAlarm AlarmDescription: 0-1024 (docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html). */
    alarmDescription: 1024,
    /** KMS CreateKey Description: 0-8192 (docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). */
    kmsKeyDescription: 8192,
    /** Lambda CreateFunction Description: 0-256 (docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html). */
    lambdaDescription: 256,
    /** IAM role Description: 0-1000 (docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
    iamRoleDescription: 1000,
    /** CloudFront distribution, function and policy Comment: 128 (docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html). */
    cloudFrontComment: 128,
    /** API Gateway V2 API Name: 128 (docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html). */
    apiName: 128,
    /** A policy statement Sid kept to 100 letters and digits (IAM: "supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)", docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html). */
    statementSid: 100,
  },
  azure: {
    /** Resource group name: 1-90 (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources). */
    resourceGroupName: 90,
    /** API Management publisher name: 100 (azurerm 4.55 api_management publisher_name validation). */
    apiPublisherName: 100,
    /** API Management API and operation display name: 1-300 (learn.microsoft.com/rest/api/apimanagement/apis/create-or-update). */
    apiDisplayName: 300,
    /** API Management backend description: 2000 (learn.microsoft.com/rest/api/apimanagement/backend/create-or-update). */
    apiBackendDescription: 2000,
  },
  gcp: {
    /** Service account display name: at most 100 characters (cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts). */
    serviceAccountDisplayName: 100,
    /** Alert policy and notification channel display name: 512 (cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies). */
    monitoringDisplayName: 512,
    /** Cloud Scheduler job description: 500 (cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs). */
    schedulerDescription: 500,
    /** Billing budget display name: 60 (cloud.google.com/billing/docs/reference/budget/rest/v1/billingAccounts.budgets). */
    budgetDisplayName: 60,
  },
} as const;
