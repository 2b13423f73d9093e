// Runs the Python adapters' tests (python_adapters_test.py, standard library only) with the
// documented payloads, and a Google-style RS256 token made here with Node's crypto.
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as path from 'path';

function signedToken(privateKey: crypto.KeyObject, claims: object): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${crypto.sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

test('the Python adapters (AWS, Azure v1 model, GCP Functions Framework) and cirrus_runtime pass their payload and fake-endpoint tests', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const email = 'invoker@acme-prod.iam.gserviceaccount.com';
  const now = Math.floor(Date.now() / 1000);
  const jwt = {
    jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] },
    token: signedToken(privateKey, { iss: 'https://accounts.google.com', email, email_verified: true, exp: now + 600 }),
    expired: signedToken(privateKey, { iss: 'https://accounts.google.com', email, exp: now - 60 }),
    email,
  };
  const python = process.env.PYTHON ?? 'python3';
  const run = spawnSync(python, ['-m', 'unittest', '-v', 'python_adapters_test', 'cirrus_runtime_test'], {
    cwd: __dirname, env: { ...process.env, CIRRUS_TEST_JWT: JSON.stringify(jwt) }, encoding: 'utf8',
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/Ran [1-9][0-9] tests/);
  expect(output).not.toMatch(/skipped/);
  expect({ status: run.status, output }).toMatchObject({ status: 0 });
});

test('the adapter modules import with the standard library only', () => {
  const run = spawnSync(process.env.PYTHON ?? 'python3', ['-c', 'import cirrus_portable.aws, cirrus_portable.gcp, cirrus_portable.azure, cirrus_runtime; print("ok")'], {
    cwd: path.join(__dirname, '..', '..', '..', 'lib', 'portable', 'assets', 'python'), encoding: 'utf8',
  });
  expect(run.stdout.trim()).toBe('ok');
});
