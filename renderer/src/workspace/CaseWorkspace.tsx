import { useMemo } from 'react';
import { CASE_TABS, type CaseTab, routeHash } from '../app/router';
import type { CaseSession } from '../core/case-session';
import { useCaseState } from '../hooks/use-case-state';
import { useMarkSeen } from '../hooks/use-seen';
import type { Platform } from '../platform';
import { SlaWatcher } from '../sla/SlaWatcher';
import { ActionsPanel } from './ActionsPanel';
import { AgreementsPanel } from './AgreementsPanel';
import { CaseHeader } from './CaseHeader';
import { awaitsMyAnswer, caseModel, signingState } from './case-model';
import { ConversationPanel } from './ConversationPanel';
import { DataItemsPanel } from './DataItemsPanel';
import { MembersPanel } from './MembersPanel';
import { NegotiationPanel } from './NegotiationPanel';
import { OverviewPanel } from './OverviewPanel';
import { RejectedPanel } from './RejectedPanel';

export const TAB_WORDS: Readonly<Record<CaseTab, string>> = {
  overview: 'Overview',
  negotiation: 'Negotiation',
  actions: 'Actions',
  data: 'Data',
  conversation: 'Conversation',
  agreements: 'Agreements',
  members: 'Members',
  rejected: 'Rejected changes',
};

/**
 * One open case: its header, and a section per tab of the route. Reads the session through
 * useCaseState; every write goes through session.run with a shared/contract command.
 */
export function CaseWorkspace({
  session,
  tab,
  platform,
}: {
  session: CaseSession;
  tab: CaseTab;
  /** The host, for saving the signed copy through its save dialog; the browser downloads otherwise. */
  platform?: Platform;
}) {
  const state = useCaseState(session);
  const model = useMemo(() => caseModel(state.snapshot, session.me), [state.snapshot, session.me]);
  useMarkSeen(session.caseId, state.snapshot);
  if (!state.snapshot.case) {
    return (
      <section className="workspace" aria-busy="true">
        <p className="muted">
          This case has not arrived on this device yet. It appears as soon as a party is online.
        </p>
      </section>
    );
  }
  const counts: Partial<Record<CaseTab, { n: number; urgent: boolean; label: string }>> = {
    negotiation: (() => {
      const open = state.snapshot.proposals.filter((p) => p.status === 'pending' || p.status === 'accepted');
      return { n: open.length, urgent: open.some((p) => awaitsMyAnswer(model, p)), label: 'open proposals' };
    })(),
    actions: {
      n: state.snapshot.actions.filter(
        (a) => a.source === 'terms' && (a.status === 'agreed' || a.status === 'in-progress'),
      ).length,
      urgent: false,
      label: 'open actions',
    },
    agreements: (() => {
      const s = signingState(model);
      const needed =
        s.maySign &&
        s.version !== undefined &&
        model.myParty !== null &&
        s.version.missingParties.includes(model.myParty);
      return { n: needed ? 1 : 0, urgent: needed, label: 'signature needed' };
    })(),
    rejected: { n: state.rejected.length, urgent: state.rejected.length > 0, label: 'rejected changes' },
  };
  return (
    <section className="workspace" aria-labelledby="case-title">
      <CaseHeader session={session} state={state} model={model} />
      <nav className="tabs" aria-label="Case sections">
        {CASE_TABS.map((t) => {
          const count = counts[t];
          return (
            <a
              key={t}
              href={routeHash({ name: 'case', caseId: session.caseId, tab: t })}
              className="tab"
              aria-current={t === tab ? 'page' : undefined}
              data-testid={`tab-${t}`}
            >
              {TAB_WORDS[t]}
              {count && count.n > 0 && (
                <span className={`tab__count${count.urgent ? ' tab__count--urgent' : ''}`}>
                  {count.n}
                  <span className="visually-hidden"> {count.label}</span>
                </span>
              )}
            </a>
          );
        })}
      </nav>
      <SlaWatcher {...(platform ? { platform } : {})} />
      <div className="workspace__panel" data-testid={`panel-${tab}`}>
        {tab === 'overview' && <OverviewPanel session={session} state={state} model={model} />}
        {tab === 'negotiation' && <NegotiationPanel session={session} model={model} />}
        {tab === 'actions' && <ActionsPanel session={session} model={model} />}
        {tab === 'data' && <DataItemsPanel session={session} model={model} />}
        {tab === 'conversation' && <ConversationPanel session={session} state={state} model={model} />}
        {tab === 'agreements' && <AgreementsPanel session={session} model={model} platform={platform} />}
        {tab === 'members' && <MembersPanel session={session} state={state} model={model} />}
        {tab === 'rejected' && <RejectedPanel state={state} model={model} />}
      </div>
    </section>
  );
}
