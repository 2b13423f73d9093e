// Least privilege: every permission Cirrus generates, in every bundled example
// and in the all-constructs app, on all three clouds.
//
// - AWS: each Allow statement of IAM policies (AWS::IAM::Policy, inline and
//   managed policies of roles, AWS::IAM::ManagedPolicy) and of resource
//   policies (SNS topic, SQS queue, S3 bucket, KMS key, EventBridge bus
//   policies) and each Lambda permission;
// - Azure: each role assignment (its scope and role) and role definition;
// - GCP: each IAM member, binding and policy, at any level, and custom roles.
//
// Wildcard actions or resources, account/subscription/resource-group/project
// wide grants, broad built-in roles and public members fail, unless an entry of
// EXCEPTIONS (each with the reason the cloud requires it; also in
// docs/security.md) matches. An exception nothing uses fails too.
import * as fs from 'fs';
import * as path from 'path';
import { buildScanTarget, cloudFormationTemplates, SCAN_TARGET_NAMES, terraformStacks } from './scan-targets';

/** One permission, described for the report. */
interface Grant {
  readonly cloud: 'aws' | 'azure' | 'gcp';
  /** Where it is: `<app>/<stack>/<resource>`. */
  readonly where: string;
  /** The resource type that carries it. */
  readonly type: string;
  readonly actions: string[];
  readonly resources: string[];
  /** AWS resource policies: the principals; Azure/GCP: the member or principal. */
  readonly principals: string[];
}

interface Problem {
  readonly grant: Grant;
  readonly problem: string;
}

interface Exception {
  readonly id: string;
  /** Why the cloud requires it (docs/security.md repeats it). */
  readonly reason: string;
  /** The problem it accepts. */
  matches(p: Problem): boolean;
}

const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const isKeyPolicy = (g: Grant) => g.type === 'AWS::KMS::Key';

/** The documented exceptions. */
const EXCEPTIONS: Exception[] = [
  {
    id: 'aws-xray-resource-star',
    reason: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so the resource is "*"',
    matches: (p) => p.problem === 'wildcard resource *' && p.grant.actions.every((a) => XRAY_ACTIONS.includes(a)),
  },
  {
    id: 'aws-kms-key-policy-this-key',
    reason: 'In a KMS key policy the resource "*" means the key the policy is attached to',
    matches: (p) => isKeyPolicy(p.grant) && p.problem === 'wildcard resource *',
  },
  {
    id: 'aws-kms-key-policy-account-admin',
    reason: 'aws-cdk-lib\'s default key policy: the account root may manage the key (kms:*), which hands access control to IAM policies; without it the key cannot be administered',
    matches: (p) => isKeyPolicy(p.grant) && p.problem === 'wildcard action kms:*' && p.grant.principals.every((pr) => /:root>?$|:iam::<AWS::AccountId>:root/.test(pr)),
  },
  {
    id: 'aws-kms-generate-data-key-star',
    reason: 'A service (CloudWatch, AWS Budgets) that publishes to an encrypted SNS topic needs kms:GenerateDataKey* and kms:Decrypt on the topic key, as AWS documents; granted in the key policy, for this account only',
    matches: (p) => isKeyPolicy(p.grant) && p.problem === 'wildcard action kms:GenerateDataKey*'
      && p.grant.principals.every((pr) => ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com'].includes(pr)),
  },
  {
    id: 'aws-s3-object-arns',
    reason: 'S3 object ARNs name keys with a wildcard (<bucket ARN>/*, or <bucket ARN>/<prefix>/* for server access log delivery); the grant covers the objects of one bucket with named object actions',
    matches: (p) => /^wildcard resource <[^>]+\.Arn>\/([A-Za-z0-9]+\/)?\*$/.test(p.problem) && p.grant.actions.every((a) => /^s3:[A-Za-z]+$/.test(a)),
  },
  {
    id: 'aws-lambda-edge-replica-logs',
    reason: 'Lambda@Edge replicas write to /aws/lambda/us-east-1.<function> in whichever region they run: the region is a wildcard, the log group is the function\'s own',
    matches: (p) => /^wildcard resource arn:<AWS::Partition>:logs:\*:<AWS::AccountId>:log-group:\/aws\/lambda\/us-east-1\.[a-z0-9-]+:\*$/.test(p.problem),
  },
  {
    id: 'azure-budget-reader',
    reason: 'The Azure budget enforcer reads its budget\'s spend before it stops anything (its webhook carries no key); Cost Management checks Microsoft.Consumption/budgets/read on the budget\'s scope, the resource group. A custom role with that one read action, assigned to the enforcer\'s identity only',
    matches: (p) => /^resource-group or wider scope \$\{azurerm_resource_group\.ResourceGroup\.id\}$/.test(p.problem)
      && p.grant.actions.every((a) => /azurerm_role_definition\.[A-Za-z0-9]*_BudgetReadRole_/.test(a)) && p.grant.principals.every((m) => /_Enforcer_Identity_/.test(m)),
  },
  {
    id: 'gcp-build-log-writer',
    reason: 'Cloud Build writes build logs with roles/logging.logWriter, whose permission (logging.logEntries.create) Cloud Logging checks on the project: there is no narrower resource to grant it on. Granted to Cirrus\'s build service account only',
    matches: (p) => p.problem === 'project-wide grant of roles/logging.logWriter' && p.grant.principals.every((m) => /CirrusBuildServiceAccount/.test(m)),
  },
  {
    id: 'gcp-build-source-reader',
    reason: 'Cloud Build fetches function sources from gcf-v2-sources-<project number>-<region>, a bucket Cloud Functions creates on its first deployment, so no bucket grant can name it beforehand: roles/storage.objectViewer on the project, narrowed by an IAM condition to that bucket, for Cirrus\'s build service account only',
    matches: (p) => /^project grant of roles\/storage\.objectViewer narrowed by condition to gs:\/\/gcf-v2-sources-\$\{data\.google_project\.CirrusProject\.number\}-[a-z0-9-]+\*$/.test(p.problem)
      && p.grant.principals.every((m) => /CirrusBuildServiceAccount/.test(m)),
  },
  {
    id: 'gcp-public-invoker',
    reason: 'HttpAuth.PUBLIC: the user declared the route public, so allUsers may invoke that function\'s Cloud Run service (and nothing else)',
    matches: (p) => p.problem === 'public member allUsers' && p.grant.type === 'google_cloud_run_v2_service_iam_member' && p.grant.actions.join() === 'roles/run.invoker',
  },
];

// ---------------------------------------------------------------- AWS

/** A CloudFormation value as text: literals kept, references as <LogicalId> / <LogicalId.Attr>. */
function text(v: any): string {
  if (typeof v === 'string') {
    return v;
  }
  if (v && typeof v === 'object') {
    if (v.Ref) {
      return `<${v.Ref}>`;
    }
    if (v['Fn::GetAtt']) {
      const [id, attr] = v['Fn::GetAtt'];
      return `<${id}.${attr}>`;
    }
    if (v['Fn::Join']) {
      const [sep, parts] = v['Fn::Join'];
      return parts.map(text).join(sep);
    }
    if (v['Fn::Sub']) {
      return String(Array.isArray(v['Fn::Sub']) ? v['Fn::Sub'][0] : v['Fn::Sub']).replace(/\$\{([^}]+)\}/g, '<$1>');
    }
  }
  return `<${JSON.stringify(v)}>`;
}

const list = (v: any): any[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function principalsOf(p: any): string[] {
  if (p === undefined) {
    return [];
  }
  if (p === '*' || typeof p === 'string') {
    return [text(p)];
  }
  return Object.values(p).flatMap((v) => list(v).map(text));
}

/** The policy documents a resource carries. */
function policyDocuments(type: string, props: any): any[] {
  switch (type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return [props.PolicyDocument];
    case 'AWS::IAM::Role':
      return list(props.Policies).map((p: any) => p.PolicyDocument);
    case 'AWS::SNS::TopicPolicy':
    case 'AWS::SQS::QueuePolicy':
    case 'AWS::S3::BucketPolicy':
      return [props.PolicyDocument];
    case 'AWS::KMS::Key':
      return [props.KeyPolicy];
    case 'AWS::Events::EventBusPolicy':
      return props.Statement ? [{ Statement: [props.Statement] }] : [];
    default:
      return [];
  }
}

function awsGrants(app: string, stack: string, template: any): Grant[] {
  const grants: Grant[] = [];
  for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
    const props = r.Properties ?? {};
    const where = `${app}/${stack}/${id}`;
    for (const doc of policyDocuments(r.Type, props)) {
      for (const s of list(doc?.Statement)) {
        if (s.Effect !== 'Allow') {
          continue; // Deny statements (TLS only, ...) only take away
        }
        grants.push({
          cloud: 'aws', where, type: r.Type,
          actions: list(s.Action).map(text), resources: list(s.Resource).map(text), principals: principalsOf(s.Principal),
        });
      }
    }
    if (r.Type === 'AWS::IAM::Role') {
      for (const arn of list(props.ManagedPolicyArns)) {
        grants.push({ cloud: 'aws', where, type: 'AWS::IAM::Role managed policy', actions: [`managed:${text(arn)}`], resources: [], principals: [] });
      }
    }
    if (r.Type === 'AWS::Lambda::Permission') {
      grants.push({
        cloud: 'aws', where, type: r.Type, actions: [text(props.Action)], resources: [text(props.FunctionName)],
        principals: [text(props.Principal), ...(props.SourceArn || props.SourceAccount ? [] : ['<no SourceArn or SourceAccount>'])],
      });
    }
  }
  return grants;
}

function awsProblems(g: Grant): Problem[] {
  const problems: string[] = [];
  for (const a of g.actions) {
    if (a.startsWith('managed:')) {
      problems.push(`managed policy ${a.slice('managed:'.length)}`);
    } else if (a.includes('*')) {
      problems.push(`wildcard action ${a}`);
    }
  }
  for (const r of g.resources) {
    if (r.includes('*')) {
      problems.push(`wildcard resource ${r}`);
    }
  }
  for (const p of g.principals) {
    if (p === '*' || p === '<no SourceArn or SourceAccount>') {
      problems.push(`open principal ${p}`);
    }
  }
  return problems.map((problem) => ({ grant: g, problem }));
}

// ---------------------------------------------------------------- Azure

const BROAD_AZURE_ROLES = ['Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator'];

function azureGrants(app: string, stack: string, tf: any): Grant[] {
  const grants: Grant[] = [];
  for (const [id, r] of Object.entries<any>(tf.resource?.azurerm_role_assignment ?? {})) {
    grants.push({
      cloud: 'azure', where: `${app}/${stack}/${id}`, type: 'azurerm_role_assignment',
      actions: [r.role_definition_name ?? r.role_definition_id], resources: [r.scope], principals: [r.principal_id],
    });
  }
  for (const [id, r] of Object.entries<any>(tf.resource?.azurerm_role_definition ?? {})) {
    for (const p of list(r.permissions)) {
      grants.push({
        cloud: 'azure', where: `${app}/${stack}/${id}`, type: 'azurerm_role_definition',
        actions: [...list(p.actions), ...list(p.data_actions)], resources: [], principals: [],
      });
    }
  }
  return grants;
}

/** A scope that is a whole subscription, management group or resource group (not one resource in it). */
function broadAzureScope(scope: string): boolean {
  return /^\$\{(data\.)?azurerm_resource_group\.[^}]+\.id\}$/.test(scope)
    || /^\$\{data\.azurerm_(subscription|client_config|management_group)\b/.test(scope)
    || /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i.test(scope)
    || /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(scope)
    || scope === '/';
}

function azureProblems(g: Grant): Problem[] {
  const problems: string[] = [];
  for (const a of g.actions) {
    if (a.includes('*')) {
      problems.push(`wildcard action ${a}`);
    }
    if (BROAD_AZURE_ROLES.includes(a)) {
      problems.push(`broad role ${a}`);
    }
  }
  for (const s of g.resources) {
    if (broadAzureScope(s)) {
      problems.push(`resource-group or wider scope ${s}`);
    }
  }
  return problems.map((problem) => ({ grant: g, problem }));
}

// ---------------------------------------------------------------- GCP

const BROAD_GCP_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer', 'roles/iam.securityAdmin', 'roles/resourcemanager.projectIamAdmin'];

function gcpGrants(app: string, stack: string, tf: any): Grant[] {
  const grants: Grant[] = [];
  for (const [type, byName] of Object.entries<any>(tf.resource ?? {})) {
    if (!/^google_.*_iam_(member|binding|policy)$/.test(type) && type !== 'google_project_iam_custom_role' && type !== 'google_organization_iam_custom_role') {
      continue;
    }
    for (const [id, r] of Object.entries<any>(byName)) {
      const where = `${app}/${stack}/${id}`;
      if (type.endsWith('_custom_role')) {
        grants.push({ cloud: 'gcp', where, type, actions: list(r.permissions), resources: [], principals: [] });
      } else if (type.endsWith('_iam_policy')) {
        grants.push({ cloud: 'gcp', where, type, actions: ['<an authoritative IAM policy>'], resources: [type], principals: [] });
      } else {
        // A Cloud Storage resource-name condition narrows a project grant to the buckets it names.
        const buckets = /^resource\.name\.startsWith\("projects\/_\/buckets\/([^"]+)"\)$/.exec(r.condition?.expression ?? '');
        grants.push({
          cloud: 'gcp', where, type, actions: [r.role], resources: buckets ? [`gs://${buckets[1]}*`] : [type], principals: r.member ? [r.member] : list(r.members),
        });
      }
    }
  }
  return grants;
}

function gcpProblems(g: Grant): Problem[] {
  const problems: string[] = [];
  for (const a of g.actions) {
    if (a.includes('*')) {
      problems.push(`wildcard permission ${a}`);
    }
    if (BROAD_GCP_ROLES.includes(a)) {
      problems.push(`broad role ${a}`);
    }
    if (a === '<an authoritative IAM policy>') {
      problems.push('authoritative IAM policy (replaces every other grant on the resource)');
    }
  }
  if (/^google_(project|folder|organization|billing_account)_iam_(member|binding)$/.test(g.type)) {
    const narrowed = g.resources.filter((r) => r.startsWith('gs://'));
    problems.push(narrowed.length > 0
      ? `project grant of ${g.actions.join(', ')} narrowed by condition to ${narrowed.join(', ')}`
      : `${g.type.split('_')[1]}-wide grant of ${g.actions.join(', ')}`);
  }
  for (const m of g.principals) {
    if (m === 'allUsers' || m === 'allAuthenticatedUsers') {
      problems.push(`public member ${m}`);
    }
  }
  return problems.map((problem) => ({ grant: g, problem }));
}

// ---------------------------------------------------------------- the walk

interface Walk {
  readonly grants: Grant[];
  readonly problems: Problem[];
}

const walks: Record<string, Walk> = {};

function walk(name: string): Walk {
  if (!walks[name]) {
    const target = buildScanTarget(name);
    const grants: Grant[] = [];
    for (const [stack, template] of Object.entries(cloudFormationTemplates(target.awsApp))) {
      grants.push(...awsGrants(name, stack, template));
    }
    for (const [stack, tf] of Object.entries(terraformStacks(target.terraformApp))) {
      grants.push(...(tf.provider?.azurerm ? azureGrants(name, stack, tf) : gcpGrants(name, stack, tf)));
    }
    const problems = grants.flatMap((g) => (g.cloud === 'aws' ? awsProblems(g) : g.cloud === 'azure' ? azureProblems(g) : gcpProblems(g)));
    walks[name] = { grants, problems };
  }
  return walks[name];
}

const describeProblem = (p: Problem) => `${p.grant.where} (${p.grant.type}): ${p.problem} [actions ${p.grant.actions.join(', ')}]`;

describe.each(SCAN_TARGET_NAMES)('least privilege in %s', (name) => {
  test('no wildcard, broad-scope or public grant outside the documented exceptions', () => {
    const { grants, problems } = walk(name);
    expect(grants.filter((g) => g.cloud === 'aws').length).toBeGreaterThan(0);
    expect(grants.filter((g) => g.cloud !== 'aws').length).toBeGreaterThan(0);
    const unexplained = problems.filter((p) => !EXCEPTIONS.some((e) => e.matches(p)));
    expect(unexplained.map(describeProblem)).toEqual([]);
  });
});

describe('the least-privilege walk', () => {
  test('every exception is needed by some app, and documented in docs/security.md', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
    const problems = SCAN_TARGET_NAMES.flatMap((n) => walk(n).problems);
    expect(EXCEPTIONS.filter((e) => !problems.some((p) => e.matches(p))).map((e) => e.id)).toEqual([]);
    expect(EXCEPTIONS.filter((e) => !doc.includes(e.id)).map((e) => e.id)).toEqual([]);
  });

  test('covers IAM policies, resource policies, Lambda permissions, Azure role assignments and definitions, GCP IAM members and custom roles', () => {
    const types = new Set(SCAN_TARGET_NAMES.flatMap((n) => walk(n).grants.map((g) => g.type)));
    expect([...types]).toEqual(expect.arrayContaining([
      'AWS::IAM::Policy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::KMS::Key', 'AWS::Lambda::Permission',
      'azurerm_role_assignment', 'azurerm_role_definition',
      'google_project_iam_member', 'google_project_iam_custom_role', 'google_pubsub_topic_iam_member', 'google_cloud_run_v2_service_iam_member',
    ]));
  });

  test('fails when a grant has a wildcard action, a wildcard resource or a broad scope', () => {
    const template = {
      Resources: {
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } } },
        Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'F' }, Principal: '*' } },
        R: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
      },
    };
    expect(awsGrants('t', 's', template).flatMap(awsProblems).map((p) => p.problem)).toEqual([
      'wildcard action s3:*', 'wildcard resource *', 'open principal *', 'open principal <no SourceArn or SourceAccount>',
      'managed policy arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
    const azure = { resource: { azurerm_role_assignment: { A: { role_definition_name: 'Contributor', scope: '${azurerm_resource_group.ResourceGroup.id}', principal_id: 'x' } } } };
    expect(azureGrants('t', 's', azure).flatMap(azureProblems).map((p) => p.problem)).toEqual([
      'broad role Contributor', 'resource-group or wider scope ${azurerm_resource_group.ResourceGroup.id}',
    ]);
    const gcp = { resource: { google_project_iam_member: { M: { role: 'roles/editor', member: 'allUsers', project: 'p' } }, google_project_iam_custom_role: { C: { permissions: ['run.*'] } } } };
    expect(gcpGrants('t', 's', gcp).flatMap(gcpProblems).map((p) => p.problem).sort()).toEqual([
      'broad role roles/editor', 'project-wide grant of roles/editor', 'public member allUsers', 'wildcard permission run.*',
    ]);
    // None of these is excused by an exception.
    const all = [...awsGrants('t', 's', template).flatMap(awsProblems), ...azureGrants('t', 's', azure).flatMap(azureProblems), ...gcpGrants('t', 's', gcp).flatMap(gcpProblems)];
    expect(all.filter((p) => EXCEPTIONS.some((e) => e.matches(p)))).toEqual([]);
  });
});
