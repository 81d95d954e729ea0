/**
 * Random command generator for the convergence property test. Arguments are drawn from what the
 * actor's own (possibly stale) document shows, mixed with deliberately wrong ones (unknown ids,
 * malformed dates, cycles, wrong kinds), so both applied and refused commands are exercised.
 */
import {
  accept,
  addDataItem,
  addMember,
  addParty,
  addTopic,
  applyAcceptedProposal,
  type CommandContext,
  counter,
  editSummary,
  postMessage,
  proposeChange,
  recordSignature,
  reject,
  type Result,
  selectActions,
  selectCase,
  selectDataItems,
  selectParties,
  selectProposals,
  selectTopics,
  setActionStatus,
  setDataItemValue,
  setPriority,
  setStatus,
  setTopicState,
  termsHashOf,
  type TermsChangeInput,
  withdrawProposal,
} from '../../../shared/contract';
import { airlineSla } from './fixtures';

/** mulberry32: small, fast, good enough for test schedules. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[this.int(list.length)];
  }
  subset<T>(list: readonly T[], max: number): T[] {
    return list.filter(() => this.chance(max / Math.max(1, list.length)));
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  }
}

const WORDS = ['boot', 'chip', 'firmware', 'refund', 'price', 'router', 'baggage', 'pet', 'crate', 'serial'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const STATUSES = ['open', 'negotiating', 'agreed', 'in-progress', 'waiting', 'resolved', 'closed'] as const;
const SIG = Buffer.from(new Uint8Array(64).fill(7)).toString('base64');

function date(d: Dice): string | null {
  if (d.chance(0.15))
    return d.pick(['2024-02-30T10:00:00Z', 'soon', '2024-03-05T10:00', '2024-3-5T10:00:00Z']) ?? null;
  if (d.chance(0.2)) return null;
  return `2024-03-${String(1 + d.int(28)).padStart(2, '0')}T${String(d.int(24)).padStart(2, '0')}:${d.pick(['00', '30'])}:00${d.pick(['Z', '+01:00', '-05:00'])}`;
}

function change(d: Dice, ctx: CommandContext): TermsChangeInput {
  const parties = selectParties(ctx.doc);
  const negotiators = parties.filter((p) => p.role !== 'observer').map((p) => p.id);
  const actions = selectActions(ctx.doc).filter((a) => a.source === 'terms');
  const ids = actions.map((a) => a.id);
  const party = (d.chance(0.05) ? d.pick(parties.map((p) => p.id)) : d.pick(negotiators)) ?? 'none';
  const word = d.pick(WORDS) ?? 'x';
  switch (d.int(8)) {
    case 0:
    case 1:
      return {
        kind: 'add-action',
        action: { title: `Check ${word}`, party, dueAt: date(d), dependsOn: d.subset(ids, 2) },
      };
    case 2:
    case 7:
      return {
        kind: 'modify-action',
        actionId: d.pick(ids) ?? 'ghost',
        ...(d.chance(0.5) ? { dueAt: date(d) } : {}),
        ...(d.chance(0.7) ? { dependsOn: d.subset(ids, 3) } : { title: `Re-check ${word}` }),
        ...(d.chance(0.2) ? { party } : {}),
      };
    case 3:
      return { kind: 'cancel-action', actionId: d.pick(ids) ?? 'ghost', reason: word };
    case 4:
      return {
        kind: 'set-topic-state',
        topicId: d.pick(selectTopics(ctx.doc).map((t) => t.id)) ?? 'ghost',
        state: d.pick(['open', 'agreed', 'closed'] as const) ?? 'open',
      };
    case 5: {
      const item = d.pick(selectDataItems(ctx.doc));
      return {
        kind: 'set-data-item-value',
        itemId: item?.id ?? 'ghost',
        value: item?.kind === 'number' ? d.int(100) : word,
      };
    }
    default:
      return d.chance(0.5)
        ? {
            kind: 'set-sla-terms',
            terms: { ...airlineSla, atRiskThreshold: d.pick([0.5, 0.75, 0.9]) ?? 0.75 },
          }
        : { kind: 'add-data-item', item: { label: `Ask ${word}`, kind: 'text', party } };
  }
}

/** Runs one random command as `ctx`; returns its result. */
export function randomCommand(d: Dice, ctx: CommandContext): Result<unknown> {
  const doc = ctx.doc;
  const proposals = selectProposals(doc);
  const myParty = selectParties(doc).find((p) => p.members.some((m) => m.id === ctx.actor))?.id;
  const open = proposals.filter((p) => p.status === 'pending');
  // Mostly proposals this actor can answer, sometimes any open one or an unknown id (refusals).
  const answerable = open.filter((p) =>
    p.responses.some((r) => r.party === myParty && r.verdict === 'pending'),
  );
  const pid = d.chance(0.05) ? 'ghost' : d.chance(0.8) ? d.pick(answerable)?.id : d.pick(open)?.id;
  const propose = (): Result<unknown> =>
    proposeChange(ctx, { changes: Array.from({ length: 1 + d.int(3) }, () => change(d, ctx)) });
  const word = d.pick(WORDS) ?? 'x';
  switch (d.int(20)) {
    case 0:
      return postMessage(ctx, { text: `About the ${word}` });
    case 1: {
      const len = selectCase(doc)?.summary.length ?? 0;
      const index = d.int(len + 1);
      return editSummary(ctx, {
        index,
        deleteCount: d.int(Math.min(4, len - index) + 1),
        insert: d.chance(0.7) ? ` ${word}` : '',
      });
    }
    case 2:
      return setPriority(ctx, { priority: d.pick(PRIORITIES) ?? 'normal' });
    case 3: {
      const status = d.pick(STATUSES) ?? 'open';
      const waitingOn = d.pick(selectParties(doc).map((p) => p.id));
      return setStatus(ctx, status === 'waiting' && waitingOn ? { status, waitingOn } : { status });
    }
    case 4:
      return addTopic(ctx, { title: `Topic ${word}` });
    case 5:
      return setTopicState(ctx, {
        topicId: d.pick(selectTopics(doc).map((t) => t.id)) ?? 'ghost',
        state: d.pick(['open', 'agreed', 'closed'] as const) ?? 'open',
      });
    case 6:
      return d.chance(0.5)
        ? addDataItem(ctx, { label: `Count of ${word}`, kind: 'number', value: d.int(10) })
        : addDataItem(ctx, { label: `Kind of ${word}`, kind: 'choice', choices: ['a', 'b'] });
    case 7: {
      const item = d.pick(selectDataItems(doc));
      const value =
        item?.kind === 'number'
          ? d.int(50)
          : item?.kind === 'choice'
            ? (d.pick(['a', 'b', 'c']) ?? 'a')
            : word;
      return setDataItemValue(ctx, { itemId: item?.id ?? 'ghost', value });
    }
    case 8:
    case 9:
    case 10:
      return propose();
    case 11:
    case 12:
      return pid ? accept(ctx, { proposalId: pid }) : propose();
    case 13:
      return pid ? reject(ctx, { proposalId: pid, reason: word }) : propose();
    case 14:
      return pid ? counter(ctx, { proposalId: pid, changes: [change(d, ctx)] }) : propose();
    case 15: {
      const acceptedOnes = proposals.filter((p) => p.status === 'accepted').map((p) => p.id);
      if (acceptedOnes.length > 0)
        return applyAcceptedProposal(ctx, { proposalId: d.pick(acceptedOnes) ?? 'ghost' });
      return withdrawProposal(ctx, {
        proposalId: d.pick(open.filter((p) => p.party === myParty))?.id ?? pid ?? 'ghost',
      });
    }
    case 16: {
      const a = d.pick(selectActions(doc).filter((x) => x.source === 'terms'));
      return setActionStatus(ctx, {
        actionId: a?.id ?? 'ghost',
        status: d.pick(['agreed', 'in-progress', 'done'] as const) ?? 'done',
      });
    }
    case 17:
    case 18:
      return recordSignature(ctx, {
        termsHash: d.chance(0.9) ? termsHashOf(doc) : 'a'.repeat(64),
        signature: SIG,
      });
    default:
      return d.chance(0.5)
        ? addParty(ctx, {
            name: `Vendor ${word}`,
            role: d.pick(['partner', 'observer'] as const) ?? 'partner',
          })
        : addMember(ctx, { memberId: `colleague-${ctx.actor}-${d.int(3)}`, displayName: 'Colleague' });
  }
}
