import { describe, expect, test } from 'vitest';
import { isIsoDate, parseIsoInstant, toIsoInstant } from '../../../shared/contract';

describe('parseIsoInstant', () => {
  test('accepts RFC 3339 instants with an offset and returns UTC ms', () => {
    expect(parseIsoInstant('2024-03-05T14:30:00Z')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseIsoInstant('2024-03-05T16:30+02:00')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseIsoInstant('2024-03-05T09:30:00-05:00')).toBe(Date.UTC(2024, 2, 5, 14, 30));
    expect(parseIsoInstant('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseIsoInstant('2024-03-05T14:30:00.123456789Z')).toBe(Date.UTC(2024, 2, 5, 14, 30, 0, 123));
    expect(parseIsoInstant('0099-01-01T00:00:00Z')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
  });

  test.each([
    '2024-03-05',
    '2024-03-05T14:30:00',
    '2024-03-05 14:30:00Z',
    '2024-03-05t14:30:00z',
    '2023-02-29T10:00:00Z',
    '2024-04-31T10:00:00Z',
    '2024-00-10T10:00:00Z',
    '2024-03-05T24:00:00Z',
    '2024-03-05T23:60:00Z',
    '2024-03-05T23:59:60Z',
    '2024-03-05T10:00:00+24:00',
    '2024-03-05T10:00:00+0100',
    '24-03-05T10:00:00Z',
    'March 5, 2024',
    '',
  ])('refuses %j', (input) => {
    expect(parseIsoInstant(input)).toBeUndefined();
  });

  test('refuses non-strings', () => {
    expect(parseIsoInstant(1709649000000)).toBeUndefined();
    expect(parseIsoInstant(null)).toBeUndefined();
  });

  test('round-trips through toIsoInstant', () => {
    const ms = parseIsoInstant('2024-03-05T16:30:15.250+02:00') as number;
    expect(toIsoInstant(ms)).toBe('2024-03-05T14:30:15.250Z');
    expect(parseIsoInstant(toIsoInstant(ms))).toBe(ms);
  });
});

describe('isIsoDate', () => {
  test('calendar dates only, with real days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-3-1')).toBe(false);
    expect(isIsoDate('2024-03-01T00:00:00Z')).toBe(false);
  });
});
