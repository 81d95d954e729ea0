/**
 * What the workspace derives from a snapshot and the local member: names, my party and role,
 * what I may do (mirroring shared/contract/rights.ts so no dead button is shown; the command
 * still decides), what waits on me, and the agreement state in words.
 */
import type { MemberId, PartyId, Role } from '../../../shared/contract/model';
import { mayRemove, NEGOTIATING_ROLES, SIGNING_ROLES } from '../../../shared/contract/rights';
import type {
  ActionView,
  AgreementVersionView,
  ContractSnapshot,
  DataItemView,
  MemberView,
  PartyView,
  ProposalView,
} from '../../../shared/contract/views';
import type { Tone } from '../components/Badge';
import { listWords, possessive } from './format';

/** The local member's standing in a case, and lookups the panels share. */
export interface CaseModel {
  readonly snapshot: ContractSnapshot;
  /** Parties in the order they joined the case (the creator's first), for stable display. */
  readonly parties: readonly PartyView[];
  readonly me: MemberId;
  readonly myMember: MemberView | undefined;
  readonly myParty: PartyId | null;
  readonly myRole: Role | null;
  readonly negotiator: boolean;
  /** Customer and provider members run the case: status, priority, bringing parties in. */
  readonly runsCase: boolean;
  partyName(id: PartyId | null | undefined): string;
  party(id: PartyId): PartyView | undefined;
  member(id: MemberId | null | undefined): MemberView | undefined;
  memberName(id: MemberId | null | undefined): string;
  actionTitle(id: string): string;
}

/** Parties created together (from a template) show customer first, then provider, partners, observers. */
const ROLE_RANK: Readonly<Record<Role, number>> = { customer: 0, provider: 1, partner: 2, observer: 3 };

export function caseModel(snapshot: ContractSnapshot, me: MemberId): CaseModel {
  const parties = new Map(snapshot.parties.map((p) => [p.id, p]));
  const members = new Map(snapshot.parties.flatMap((p) => p.members.map((m) => [m.id, m] as const)));
  const actions = new Map(snapshot.actions.map((a) => [a.id, a]));
  const mine = members.get(me);
  const myMember = mine?.status === 'active' ? mine : undefined;
  const myRole = myMember?.role ?? null;
  return {
    snapshot,
    parties: [...snapshot.parties].sort(
      (a, b) =>
        a.createdAt - b.createdAt ||
        ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
        a.name.localeCompare(b.name) ||
        (a.id < b.id ? -1 : 1),
    ),
    me,
    myMember,
    myParty: myMember?.party ?? null,
    myRole,
    negotiator: myRole !== null && NEGOTIATING_ROLES.includes(myRole),
    runsCase: myRole === 'customer' || myRole === 'provider',
    partyName: (id) => (id ? (parties.get(id)?.name ?? 'an unknown party') : 'nobody'),
    party: (id) => parties.get(id),
    member: (id) => (id ? members.get(id) : undefined),
    memberName: (id) => (id ? (members.get(id)?.displayName ?? 'someone not in the case') : 'nobody'),
    actionTitle: (id) => actions.get(id)?.title ?? 'an action not in the case',
  };
}

/** Active members of a party. */
export function activeMembers(party: PartyView): readonly MemberView[] {
  return party.members.filter((m) => m.status === 'active');
}

export function canSetActionStatus(model: CaseModel, action: ActionView): boolean {
  return (
    model.negotiator &&
    action.source === 'terms' &&
    action.party === model.myParty &&
    (action.status === 'agreed' || action.status === 'in-progress' || action.status === 'done')
  );
}

export function canEditDataItem(model: CaseModel, item: DataItemView): boolean {
  return model.negotiator && item.party === model.myParty;
}

/** My party's answer is asked for and not given yet. */
export function awaitsMyAnswer(model: CaseModel, p: ProposalView): boolean {
  if (!model.negotiator || p.status !== 'pending' || model.myParty === null) return false;
  const mine = p.responses.find((r) => r.party === model.myParty);
  return mine !== undefined && mine.verdict === 'pending';
}

export function canWithdraw(model: CaseModel, p: ProposalView): boolean {
  return model.negotiator && p.status === 'pending' && p.party === model.myParty;
}

/** The version a signature now would land on, and whether I still need to sign it. */
export function signingState(model: CaseModel): {
  readonly version: AgreementVersionView | undefined;
  readonly maySign: boolean;
  readonly signed: boolean;
} {
  const versions = model.snapshot.agreements.versions;
  const version = versions[versions.length - 1];
  const allowed = model.myRole !== null && SIGNING_ROLES.includes(model.myRole);
  const signed =
    version !== undefined &&
    version.termsHash === model.snapshot.agreements.currentTermsHash &&
    version.signatures.some((s) => s.member === model.me && s.current);
  return { version, maySign: allowed && version !== undefined && !signed, signed };
}

/** Remove: whom rights.ts lets the local member remove, or oneself (leaving); never the last active member. */
export function canRemove(model: CaseModel, member: MemberView): boolean {
  const me = model.myMember;
  if (!me || member.status !== 'active') return false;
  const active = model.snapshot.parties.flatMap(activeMembers);
  if (active.length <= 1) return false;
  return mayRemove(
    { memberId: me.id, partyId: me.party, role: me.role },
    { memberId: member.id, partyId: member.party, role: member.role },
  );
}

/** Parties the local member may invite into (rights.ts INVITE_RULES). */
export function invitableParties(model: CaseModel): readonly PartyView[] {
  if (!model.myMember) return [];
  if (model.runsCase) return model.snapshot.parties;
  return model.snapshot.parties.filter((p) => p.id === model.myParty);
}

/** The case's agreement state in one phrase, as the header and the inbox show it. */
export function agreementSentence(model: CaseModel): { readonly text: string; readonly tone: Tone } {
  const { agreements } = model.snapshot;
  const latest = agreements.versions[agreements.versions.length - 1];
  if (!latest || !model.snapshot.case) return { text: 'No terms yet', tone: 'neutral' };
  if (agreements.currentTermsAgreed && agreements.latestAgreedVersion !== null) {
    const agreed = agreements.versions.find((v) => v.version === agreements.latestAgreedVersion);
    const only =
      agreed?.signedParties.length === 1
        ? model.parties.find((p) => p.id === agreed.signedParties[0])
        : undefined;
    if (only) {
      // One party agreeing with itself is no agreement yet: say who is missing instead.
      return {
        text: `Version ${agreements.latestAgreedVersion} signed by ${only.name} — no other party has joined yet`,
        tone: 'warn',
      };
    }
    return { text: `Version ${agreements.latestAgreedVersion} agreed by all`, tone: 'ok' };
  }
  const missing = model.parties.filter((p) => latest.missingParties.includes(p.id)).map((p) => p.name);
  const current = latest.signatures.some((s) => s.current);
  if (!current) {
    return agreements.latestAgreedVersion !== null
      ? {
          text: `Terms changed since version ${agreements.latestAgreedVersion} — version ${latest.version} not signed yet`,
          tone: 'warn',
        }
      : { text: `Version ${latest.version} not signed yet`, tone: 'neutral' };
  }
  if (missing.length === 1)
    return { text: `Awaiting ${possessive(missing[0] as string)} signature`, tone: 'warn' };
  return { text: `Awaiting signatures from ${listWords(missing)}`, tone: 'warn' };
}

/** One thing the case waits on the local member's party for. */
export interface WaitingItem {
  readonly kind: 'answer' | 'sign' | 'action' | 'data' | 'waiting';
  readonly text: string;
  readonly tab: 'negotiation' | 'agreements' | 'actions' | 'data' | 'overview';
}

/** What the case waits on my party for: answers, my signature, my ready actions, my empty data items. */
export function waitingOnMe(model: CaseModel): readonly WaitingItem[] {
  const items: WaitingItem[] = [];
  const { snapshot } = model;
  if (snapshot.case?.status === 'waiting' && snapshot.case.waitingOn === model.myParty && model.myParty)
    items.push({ kind: 'waiting', text: 'The case is waiting on your party', tab: 'overview' });
  for (const p of snapshot.proposals)
    if (awaitsMyAnswer(model, p))
      items.push({
        kind: 'answer',
        text: `Answer ${possessive(model.partyName(p.party))} proposal${p.note ? `: “${p.note}”` : ''}`,
        tab: 'negotiation',
      });
  const signing = signingState(model);
  if (
    signing.maySign &&
    signing.version &&
    model.myParty &&
    signing.version.missingParties.includes(model.myParty) &&
    snapshot.agreements.versions.length > 0
  )
    items.push({
      kind: 'sign',
      text: `Sign version ${signing.version.version} of the terms`,
      tab: 'agreements',
    });
  for (const a of snapshot.actions)
    if (a.source === 'terms' && a.party === model.myParty && a.ready && a.status !== 'done')
      items.push({ kind: 'action', text: `Do “${a.title}”`, tab: 'actions' });
  for (const d of snapshot.dataItems)
    if (d.party === model.myParty && d.value === null && model.negotiator)
      items.push({ kind: 'data', text: `Provide “${d.label}”`, tab: 'data' });
  return items;
}

/** My party's open actions (agreed or in progress), soonest due first. */
export function openActionsOf(snapshot: ContractSnapshot, party: PartyId | null): readonly ActionView[] {
  if (!party) return [];
  return snapshot.actions
    .filter(
      (a) =>
        a.source === 'terms' && a.party === party && (a.status === 'agreed' || a.status === 'in-progress'),
    )
    .sort((a, b) => (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY));
}

/** The earliest due date among open agreed actions, or null. */
export function nextDue(snapshot: ContractSnapshot): ActionView | undefined {
  return snapshot.actions
    .filter(
      (a) =>
        a.source === 'terms' && a.dueAt !== null && (a.status === 'agreed' || a.status === 'in-progress'),
    )
    .sort((a, b) => (a.dueAt as number) - (b.dueAt as number))[0];
}
