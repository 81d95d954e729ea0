import { describe, expect, it } from 'vitest';
import { addressKey } from '../../../cli/signaling/address';
import { DEFAULT_LIMITS, resolveLimits } from '../../../cli/signaling/limits';
import type { LogEntry } from '../../../cli/signaling/logger';
import { createJsonLogger, createRedactor } from '../../../cli/signaling/logger';
import { TokenBucket } from '../../../cli/signaling/rate-limiter';
import { TopicRegistry } from '../../../cli/signaling/topic-registry';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 10, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 100; // 10/s × 0.1 s = one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000; // refill is capped at the burst size
    expect(bucket.available()).toBeLessThanOrEqual(3);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('mints nothing when the clock steps backwards', () => {
    let now = 1000;
    const bucket = new TokenBucket(1, 1000, () => now);
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
  });
});

describe('TopicRegistry', () => {
  it('subscribes all or nothing against the per-connection limit', () => {
    const registry = new TopicRegistry<string>(2, 10);
    expect(registry.subscribe('a', ['x', 'x', 'y'])).toEqual({ ok: true, added: 2, full: [] });
    expect(registry.subscribe('a', ['x'])).toEqual({ ok: true, added: 0, full: [] });
    expect(registry.subscribe('a', ['z'])).toEqual({ ok: false, error: 'too-many-topics' });
    expect(registry.isSubscribed('a', 'z')).toBe(false);
    expect(registry.topicCountOf('a')).toBe(2);
  });

  it('skips topics at their subscriber limit and reports them', () => {
    const registry = new TopicRegistry<string>(10, 1);
    registry.subscribe('a', ['x']);
    expect(registry.subscribe('b', ['x', 'y'])).toEqual({ ok: true, added: 1, full: ['x'] });
    expect([...(registry.subscribers('x') ?? [])]).toEqual(['a']);
  });

  it('deletes a topic with its last subscriber, on unsubscribe and on remove', () => {
    const registry = new TopicRegistry<string>(10, 10);
    registry.subscribe('a', ['x', 'y']);
    registry.subscribe('b', ['y']);
    expect(registry.unsubscribe('a', ['x', 'never'])).toBe(1);
    expect(registry.topicCount).toBe(1);
    registry.remove('a');
    registry.remove('b');
    registry.remove('unknown');
    expect(registry.topicCount).toBe(0);
    expect(registry.subscribers('y')).toBeUndefined();
  });
});

describe('addressKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('resolveLimits', () => {
  it('merges overrides onto the defaults', () => {
    const result = resolveLimits({ maxConnections: 5 });
    expect(result).toEqual({ ok: true, limits: { ...DEFAULT_LIMITS, maxConnections: 5 } });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5'])('refuses %s', (value) => {
    expect(resolveLimits({ rateBurst: value })).toMatchObject({
      ok: false,
      error: { code: 'invalid-limit' },
    });
  });
});

describe('logging', () => {
  it('writes one JSON object per line, filtered by level', () => {
    const lines: string[] = [];
    const log = createJsonLogger((line) => lines.push(line), 'info');
    log({ level: 'debug', event: 'hidden' });
    log({ level: 'warn', event: 'shown', conn: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', event: 'shown', conn: 3 });
  });

  it('survives a sink that throws', () => {
    const log = createJsonLogger(() => {
      throw new Error('EPIPE');
    });
    const entry: LogEntry = { level: 'error', event: 'x' };
    expect(() => log(entry)).not.toThrow();
  });

  it('redacts to a short salted hash that differs between processes (salts)', () => {
    const one = createRedactor(new Uint8Array(16).fill(1));
    const two = createRedactor(new Uint8Array(16).fill(2));
    expect(one('room-name')).toMatch(/^[0-9a-f]{8}$/);
    expect(one('room-name')).toBe(one('room-name'));
    expect(one('room-name')).not.toBe(two('room-name'));
    expect(one('room-name')).not.toContain('room');
  });
});
