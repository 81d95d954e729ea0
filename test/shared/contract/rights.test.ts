import { describe, expect, test } from 'vitest';
import {
  type Author,
  findRule,
  INVITE_RULES,
  mayInvite,
  mayRemove,
  mayWrite,
  ROOT,
  WRITE_RULES,
} from '../../../shared/contract';

const customer: Author = { memberId: 'm-cust', partyId: 'p-cust', role: 'customer' };
const provider: Author = { memberId: 'm-prov', partyId: 'p-prov', role: 'provider' };
const partner: Author = { memberId: 'm-part', partyId: 'p-part', role: 'partner' };
const observer: Author = { memberId: 'm-obs', partyId: 'p-obs', role: 'observer' };

const allowed = (
  author: Author | undefined,
  path: string[],
  op: Parameters<typeof mayWrite>[0]['op'],
  extra = {},
) => mayWrite({ path, op, author, authorId: author?.memberId ?? 'm-new', ...extra }).allowed;

describe('rights table', () => {
  test('every row names a root of the schema, has clauses and a reason', () => {
    const roots = new Set<string>(Object.values(ROOT));
    for (const rule of WRITE_RULES) {
      expect(roots.has(rule.path[0] as string), rule.path.join('/')).toBe(true);
      expect(rule.allow.length).toBeGreaterThan(0);
      expect(rule.why.length).toBeGreaterThan(5);
    }
  });

  test('default deny: unknown paths and every delete', () => {
    expect(allowed(provider, ['secrets'], 'set')).toBe(false);
    expect(allowed(provider, ['actions', 'a1'], 'set')).toBe(false);
    expect(findRule(['messages'], 'set')).toBeUndefined();
    const d = mayWrite({ path: ['messages'], op: 'append', author: undefined, authorId: 'x' });
    expect(d.allowed).toBe(false);
  });

  test('roles: case status by customer/provider only; summary by negotiators; messages by all', () => {
    expect(allowed(customer, ['case', 'status'], 'set')).toBe(true);
    expect(allowed(provider, ['case', 'priority'], 'set')).toBe(true);
    expect(allowed(partner, ['case', 'status'], 'set')).toBe(false);
    expect(allowed(observer, ['case', 'status'], 'set')).toBe(false);
    expect(allowed(provider, ['case', 'title'], 'set')).toBe(false);
    expect(allowed(undefined, ['case', 'title'], 'set', { bootstrap: true })).toBe(true);
    expect(allowed(partner, ['summary'], 'text')).toBe(true);
    expect(allowed(observer, ['summary'], 'text')).toBe(false);
    expect(allowed(observer, ['messages'], 'append')).toBe(true);
  });

  test('ownership: only the owner party fills a data item or reports progress', () => {
    expect(allowed(customer, ['dataItems', 'serial', 'value'], 'set', { entityParty: 'p-cust' })).toBe(true);
    expect(allowed(provider, ['dataItems', 'serial', 'value'], 'set', { entityParty: 'p-cust' })).toBe(false);
    expect(
      allowed(provider, ['dataItems', 'serial', 'value'], 'set', {
        entityParty: 'p-cust',
        acceptedProposal: true,
      }),
    ).toBe(true);
    expect(
      allowed(provider, ['actions', 'a1', 'status'], 'set', { entityParty: 'p-prov', value: 'done' }),
    ).toBe(true);
    expect(
      allowed(provider, ['actions', 'a1', 'status'], 'set', { entityParty: 'p-prov', value: 'cancelled' }),
    ).toBe(false);
    expect(
      allowed(customer, ['actions', 'a1', 'status'], 'set', { entityParty: 'p-prov', value: 'done' }),
    ).toBe(false);
    expect(allowed(provider, ['actions', 'a1', 'dueAt'], 'set', { entityParty: 'p-prov' })).toBe(false);
    expect(allowed(customer, ['actions', 'a1', 'dueAt'], 'set', { acceptedProposal: true })).toBe(true);
    expect(allowed(observer, ['actions', 'a1', 'dueAt'], 'set', { acceptedProposal: true })).toBe(false);
    expect(allowed(provider, ['actions', 'a1'], 'create', { entityParty: 'p-prov' })).toBe(false);
  });

  test('keys: a party answers only for itself, a member signs only for itself', () => {
    expect(allowed(provider, ['proposals', 'p1', 'responses', 'p-prov'], 'set')).toBe(true);
    expect(allowed(provider, ['proposals', 'p1', 'responses', 'p-cust'], 'set')).toBe(false);
    expect(allowed(observer, ['proposals', 'p1', 'responses', 'p-obs'], 'set')).toBe(false);
    expect(allowed(partner, ['agreements', '2', 'signatures', 'm-part'], 'set')).toBe(true);
    expect(allowed(partner, ['agreements', '2', 'signatures', 'm-prov'], 'set')).toBe(false);
    expect(allowed(observer, ['agreements', '2', 'signatures', 'm-obs'], 'set')).toBe(false);
  });

  test('members: colleagues of the same party, self-registration only under the own id with an invite', () => {
    expect(allowed(provider, ['members', 'm-new'], 'create', { entityParty: 'p-prov' })).toBe(true);
    expect(allowed(provider, ['members', 'm-new'], 'create', { entityParty: 'p-cust' })).toBe(false);
    expect(
      mayWrite({
        path: ['members', 'm-new'],
        op: 'create',
        author: undefined,
        authorId: 'm-new',
        invitedSelf: true,
      }).allowed,
    ).toBe(true);
    expect(
      mayWrite({
        path: ['members', 'm-other'],
        op: 'create',
        author: undefined,
        authorId: 'm-new',
        invitedSelf: true,
      }).allowed,
    ).toBe(false);
    expect(
      mayWrite({ path: ['members', 'm-new'], op: 'create', author: undefined, authorId: 'm-new' }).allowed,
    ).toBe(false);
    expect(
      allowed(provider, ['members', 'm-prov', 'status'], 'set', { entityParty: 'p-prov', value: 'removed' }),
    ).toBe(true);
    expect(
      allowed(customer, ['members', 'm-prov', 'status'], 'set', { entityParty: 'p-prov', value: 'removed' }),
    ).toBe(false);
    expect(
      allowed(customer, ['members', 'm-cust', 'status'], 'set', { entityParty: 'p-cust', value: 'active' }),
    ).toBe(false);
  });

  test('removal: leave, own party, customer and provider remove guests, only the customer party removes a customer', () => {
    const roles = ['customer', 'provider', 'partner', 'observer'] as const;
    const author = { customer, provider, partner, observer };
    // Each target is another member of the named party's role (not the remover itself).
    const other = (role: (typeof roles)[number], ownParty: boolean) => ({
      memberId: `m-other-${role}`,
      partyId: ownParty ? author[role].partyId : `p-second-${role}`,
      role,
    });
    const table: Record<string, string> = {};
    for (const remover of roles)
      for (const target of roles)
        for (const own of target === remover ? [true, false] : [false]) {
          const key = `${remover} removes ${own ? 'own-party ' : ''}${target}`;
          table[key] = mayRemove(author[remover], other(target, own)) ? 'yes' : 'no';
        }
    expect(table).toEqual({
      'customer removes own-party customer': 'yes',
      'customer removes customer': 'no',
      'customer removes provider': 'no',
      'customer removes partner': 'yes',
      'customer removes observer': 'yes',
      'provider removes customer': 'no',
      'provider removes own-party provider': 'yes',
      'provider removes provider': 'no',
      'provider removes partner': 'yes',
      'provider removes observer': 'yes',
      'partner removes customer': 'no',
      'partner removes provider': 'no',
      'partner removes own-party partner': 'yes',
      'partner removes partner': 'no',
      'partner removes observer': 'no',
      'observer removes customer': 'no',
      'observer removes provider': 'no',
      'observer removes partner': 'no',
      'observer removes own-party observer': 'yes',
      'observer removes observer': 'no',
    });
    // Anyone leaves, whatever its role.
    for (const role of roles) expect(mayRemove(author[role], { ...author[role] })).toBe(true);
    // Only 'removed' is a removal: nobody re-activates a member by this row (rejoining is by invite).
    expect(
      allowed(provider, ['members', 'm-part', 'status'], 'set', {
        entityParty: 'p-part',
        entityRole: 'partner',
        value: 'active',
      }),
    ).toBe(false);
    expect(
      allowed(provider, ['members', 'm-part', 'removedBy'], 'set', {
        entityParty: 'p-part',
        entityRole: 'partner',
      }),
    ).toBe(true);
  });

  test('key records: any active member writes them; non-members do not', () => {
    for (const a of [customer, provider, partner, observer]) {
      expect(allowed(a, ['keyRotations', '1.abc'], 'set')).toBe(true);
      expect(allowed(a, ['keyHistory', '1.abc'], 'set')).toBe(true);
    }
    expect(allowed(undefined, ['keyRotations', '1.abc'], 'set')).toBe(false);
    expect(allowed(provider, ['keyRotations', '1.abc', 'epoch'], 'set')).toBe(false);
    expect(allowed(provider, ['keyRotations', '1.abc'], 'create')).toBe(false);
  });

  test('refusal reasons name the path and role, never the value', () => {
    const d = mayWrite({
      path: ['dataItems', 'card', 'value'],
      op: 'set',
      author: provider,
      authorId: 'm-prov',
      entityParty: 'p-cust',
      value: '4111 1111 1111 1111',
    });
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.reason).toContain('dataItems/card/value');
      expect(d.reason).not.toContain('4111');
    }
  });

  test('invites: customer and provider into any party, partner and observer into their own', () => {
    expect(INVITE_RULES).toEqual({
      customer: 'any-party',
      provider: 'any-party',
      partner: 'own-party',
      observer: 'own-party',
    });
    expect(mayInvite(provider, 'p-part')).toBe(true);
    expect(mayInvite(partner, 'p-part')).toBe(true);
    expect(mayInvite(partner, 'p-prov')).toBe(false);
    expect(mayInvite(observer, 'p-cust')).toBe(false);
  });
});
