import { Fn, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { isTerraformStack, withShortTokenTraces } from '../../../lib/targets/cdktf-engine';

/** The creation trace cdktf keeps for the token behind a string (Intrinsic.creationStack). */
function traceOf(value: string): string[] {
  const { TokenMap } = require('cdktf/lib/tokens/private/token-map');
  return (TokenMap.instance().lookupString(value) as { creationStack: string[] }).creationStack;
}

/** Calls `make` under `depth` extra stack frames. */
function deep<T>(depth: number, make: () => T): T {
  return depth === 0 ? make() : deep(depth - 1, make);
}

describe('withShortTokenTraces', () => {
  test('caps the creation trace of tokens made inside it at 10 frames, and restores the full trace after', () => {
    const inside = withShortTokenTraces(() => deep(30, () => Fn.upper('a')));
    const after = deep(30, () => Fn.upper('b'));
    expect(traceOf(inside).length).toBeLessThanOrEqual(10);
    expect(traceOf(after).length).toBeGreaterThan(30);
  });

  test('restores the full trace when the render throws, and nests', () => {
    expect(() => withShortTokenTraces(() => withShortTokenTraces(() => {
      throw new Error('boom');
    }))).toThrow('boom');
    expect(traceOf(deep(30, () => Fn.lower('c'))).length).toBeGreaterThan(30);
  });

  test('CIRRUS_FULL_TOKEN_TRACES=1 keeps the full trace', () => {
    process.env.CIRRUS_FULL_TOKEN_TRACES = '1';
    try {
      expect(traceOf(withShortTokenTraces(() => deep(30, () => Fn.upper('d')))).length).toBeGreaterThan(30);
    } finally {
      delete process.env.CIRRUS_FULL_TOKEN_TRACES;
    }
  });
});

describe('isTerraformStack', () => {
  test('recognizes a cdktf stack without loading cdktf, and nothing else', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    expect(isTerraformStack(stack)).toBe(true);
    expect(isTerraformStack(app as unknown as IConstruct)).toBe(false);
  });
});
