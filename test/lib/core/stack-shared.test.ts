import { Construct } from 'constructs';
import { StackShared, StackSharedPerKey } from '../../../lib/core/stack-shared';

describe('StackShared', () => {
  const app = new Construct(undefined as unknown as Construct, 'app');

  test('creates the resource once per stack, in that stack, and returns it typed', () => {
    let created = 0;
    const shared = new StackShared((stack: Construct) => {
      created++;
      return new Construct(stack, 'Shared');
    });
    const a = new Construct(app, 'A');
    const first = shared.of(a);
    expect(shared.of(a)).toBe(first);
    expect(first.node.path).toBe('app/A/Shared');
    expect(shared.of(new Construct(app, 'B')).node.path).toBe('app/B/Shared');
    expect(created).toBe(2);
  });

  test('per key: one resource per stack and key', () => {
    const shared = new StackSharedPerKey((stack: Construct, days: number) => new Construct(stack, `Logs${days}d`));
    const c = new Construct(app, 'C');
    const week = shared.of(c, 7);
    expect(shared.of(c, 7)).toBe(week);
    expect(shared.of(c, 30).node.id).toBe('Logs30d');
    expect(c.node.children.map((child) => child.node.id)).toEqual(['Logs7d', 'Logs30d']);
    expect(shared.of(new Construct(app, 'D'), 7)).not.toBe(week);
  });
});
