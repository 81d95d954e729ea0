import { create } from 'zustand';
import { createCase } from '../../../shared/contract/commands/case';
import type { Result } from '../../../shared/contract/result';
import type { Identity } from '../../../shared/identity/identity';
import { joinWithInvite } from '../../../shared/invite/join-envelope';
import { genesisOfInvite } from '../../../shared/invite/link-format';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { foundCase } from '../../../shared/signed/found';
import type { CaseReplica } from '../../../shared/signed/replica';
import { createCaseFromTemplate } from '../../../shared/templates/create-from-template';
import type { CaseTemplate } from '../../../shared/templates/types';
import { BrowserCaseSession } from '../core/browser-case-session';
import { type CaseRecord, CaseRecords } from '../core/case-records';
import type { CaseSession, ProgressListener } from '../core/case-session';
import { signalingSettings } from '../core/signaling-settings';

export interface NewCaseInput {
  readonly title: string;
  readonly summary?: string;
  /** A shipped template (shared/templates) or a saved one (caseTemplateFromSaved); none: a blank case. */
  readonly template?: CaseTemplate;
  /** Blank cases: the creator's role. Templates: the template party key the creator belongs to. */
  readonly as: string;
  /** The creator's party name (defaults to the identity's organisation). */
  readonly partyName?: string;
}

interface CaseLibraryState {
  readonly status: 'locked' | 'loading' | 'ready';
  readonly sessions: Readonly<Record<string, BrowserCaseSession>>;
  /** Bumped on every change inside any case, so list views re-read their snapshots. */
  readonly revision: number;
  open(identity: Identity): Promise<void>;
  createCase(input: NewCaseInput): Promise<Result<{ readonly caseId: string }>>;
  joinByLink(text: string, progress?: ProgressListener): Promise<Result<{ readonly caseId: string }>>;
  session(caseId: string): CaseSession | undefined;
  closeAll(): Promise<void>;
}

let identity: Identity | undefined;
let records: CaseRecords | undefined;

const JOIN_TIMEOUT_MS = 60_000;

function refusal<T = never>(message: string): Result<T> {
  return { ok: false, error: 'invalid-input', message };
}

/**
 * The cases on this device, each an open, syncing session. Opened once the identity is
 * unlocked (case keys are sealed under it) and closed when it locks.
 */
export const useCaseLibrary = create<CaseLibraryState>((set, get) => {
  const track = (session: BrowserCaseSession) => {
    session.subscribe(() => set({ revision: get().revision + 1 }));
    set({ sessions: { ...get().sessions, [session.caseId]: session }, revision: get().revision + 1 });
  };
  const start = async (record: CaseRecord, replica?: CaseReplica) => {
    if (!identity || !records) throw new Error('locked');
    const session = await BrowserCaseSession.open({
      record,
      identity,
      records,
      signalingUrls: signalingSettings.urls(),
      ...(replica ? { replica } : {}),
    });
    track(session);
    return session;
  };
  return {
    status: 'locked',
    sessions: {},
    revision: 0,
    async open(unlocked) {
      identity = unlocked;
      records = new CaseRecords(unlocked.seed);
      set({ status: 'loading' });
      for (const caseId of records.caseIds()) {
        const record = records.get(caseId);
        if (record && !get().sessions[caseId]) await start(record);
      }
      set({ status: 'ready' });
    },
    async createCase(input) {
      if (!identity || !records) return refusal('Unlock your identity first.');
      const me = identity;
      const member = { displayName: me.displayName, organisation: me.organisation };
      const founded = foundCase({
        identity: me,
        create: (ctx) =>
          input.template
            ? createCaseFromTemplate(ctx, {
                template: input.template,
                as: input.as,
                title: input.title,
                ...(input.summary ? { summary: input.summary } : {}),
                partyNames: { [input.as]: input.partyName ?? me.organisation },
                member,
              })
            : createCase(ctx, {
                title: input.title,
                ...(input.summary ? { summary: input.summary } : {}),
                party: {
                  name: input.partyName ?? me.organisation,
                  role: input.as as 'customer' | 'provider',
                },
                member,
              }),
      });
      if (!founded.result.ok) {
        founded.replica.destroy();
        return founded.result;
      }
      const record: CaseRecord = {
        genesis: founded.genesis,
        keyring: founded.replica.keyring,
        addedAt: Date.now(),
      };
      records.put(record);
      await start(record, founded.replica);
      return { ok: true, value: { caseId: founded.genesis.caseId } };
    },
    async joinByLink(text, progress) {
      if (!identity || !records) return refusal('Unlock your identity first.');
      const parsed = parseInviteLink(text, { now: Date.now() });
      if (!parsed.ok) return refusal(parsed.message);
      const invite = parsed.invite;
      const genesis = genesisOfInvite(invite);
      if (!genesis)
        return refusal(
          'This invite link names a case whose identity does not check out. Ask for a new link.',
        );
      const existing = get().sessions[genesis.caseId];
      if (
        existing
          ?.snapshot()
          .parties.some((p) => p.members.some((m) => m.id === identity?.id && m.status === 'active'))
      ) {
        return refusal('You are already a member of this case. Open it from your inbox.');
      }
      if (
        existing
          ?.snapshot()
          .parties.some((p) => p.members.some((m) => m.id === identity?.id && m.status === 'removed'))
      ) {
        // Removed or left: this device retired from the case's rooms and holds no key of the link's
        // epoch in its session; joining through it would seal the request where nobody reads it.
        return refusal(
          'You are no longer a member of this case, and rejoining it on this device is not supported yet. Your copy of the case stays in your inbox.',
        );
      }
      if (signalingSettings.urls().length === 0) {
        return refusal(
          'To join, Casepact must reach the other parties. Add a signaling server in Settings first.',
        );
      }
      const record: CaseRecord = {
        genesis,
        keyring: new CaseKeyring(caseKeyFromBytes(invite.caseKey)),
        addedAt: Date.now(),
      };
      const session = existing ?? (await start(record));
      progress?.(0.1, 'Looking for a member of the case who is online…');
      const deadline = Date.now() + JOIN_TIMEOUT_MS;
      while (Date.now() < deadline) {
        const snapshot = session.snapshot();
        const inviterKnown = snapshot.parties.some((p) =>
          p.members.some((m) => m.id === snapshot.case?.createdBy),
        );
        if (snapshot.case && inviterKnown) {
          progress?.(0.6, 'Verifying the case you received…');
          const joined = session.run<{ memberId: string }>((ctx) => {
            const result = joinWithInvite(ctx, invite, identity as Identity, { now: Date.now() });
            return result.ok
              ? { ok: true as const, value: { memberId: result.memberId } }
              : refusal(result.message);
          });
          if (!joined.ok) return joined;
          records.put(record);
          progress?.(1, 'Joined');
          return { ok: true, value: { caseId: genesis.caseId } };
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await session.close();
      const { [genesis.caseId]: _dropped, ...rest } = get().sessions;
      set({ sessions: rest });
      return refusal(
        'Nobody from this case was online to share it with you. Try again when the person who invited you has Casepact open.',
      );
    },
    session(caseId) {
      return get().sessions[caseId];
    },
    async closeAll() {
      for (const session of Object.values(get().sessions)) await session.close();
      identity = undefined;
      records = undefined;
      set({ sessions: {}, status: 'locked' });
    },
  };
});
