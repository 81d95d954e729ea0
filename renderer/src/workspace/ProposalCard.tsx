import { useId, useState } from 'react';
import {
  accept,
  applyAcceptedProposal,
  reject,
  withdrawProposal,
} from '../../../shared/contract/commands/proposals';
import type { ProposalView } from '../../../shared/contract/views';
import { Badge, type Tone } from '../components/Badge';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { CaseSession } from '../core/case-session';
import { useNow } from '../hooks/use-now';
import { useRun } from '../hooks/use-run';
import { awaitsMyAnswer, type CaseModel, canWithdraw } from './case-model';
import { describeChange } from './describe-change';
import { formatAgo, formatDateTime, possessive } from './format';

const STATUS: Readonly<Record<ProposalView['status'], { text: string; tone: Tone }>> = {
  pending: { text: 'Waiting for answers', tone: 'info' },
  accepted: { text: 'Accepted by all — not applied yet', tone: 'warn' },
  applied: { text: 'Agreed and applied', tone: 'ok' },
  rejected: { text: 'Rejected', tone: 'danger' },
  countered: { text: 'Countered', tone: 'neutral' },
  withdrawn: { text: 'Withdrawn', tone: 'neutral' },
};

/** A proposal: its changes in words, each party's answer, and the answers open to me. */
export function ProposalCard({
  session,
  model,
  proposal,
  onCounter,
}: {
  session: CaseSession;
  model: CaseModel;
  proposal: ProposalView;
  onCounter: (p: ProposalView) => void;
}) {
  const run = useRun(session);
  const now = useNow();
  const headingId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const mine = awaitsMyAnswer(model, proposal);
  // "(Sam Carter, 2 hours ago)" — the member's name only when it differs from the party's.
  const answeredBy = (r: ProposalView['responses'][number]) => {
    const who = r.by && model.memberName(r.by) !== model.partyName(r.party) ? model.memberName(r.by) : '';
    const when = r.at ? formatAgo(r.at, now) : '';
    const inner = [who, when].filter(Boolean).join(', ');
    return inner ? ` (${inner})` : '';
  };
  const status = STATUS[proposal.status];
  const counterOf = proposal.counterOf
    ? model.snapshot.proposals.find((p) => p.id === proposal.counterOf)
    : undefined;
  return (
    <article
      className={`proposal card${mine ? ' proposal--mine' : ''}`}
      aria-labelledby={headingId}
      data-testid="proposal"
    >
      <header className="proposal__header">
        <h3 id={headingId}>
          {counterOf
            ? `${model.partyName(proposal.party)} counters ${possessive(model.partyName(counterOf.party))} proposal`
            : `${model.partyName(proposal.party)} proposes`}
        </h3>
        <Badge tone={status.tone}>{status.text}</Badge>
      </header>
      <p className="muted small">
        {model.memberName(proposal.createdBy)} ·{' '}
        <time
          dateTime={new Date(proposal.createdAt).toISOString()}
          title={formatDateTime(proposal.createdAt)}
        >
          {formatAgo(proposal.createdAt, now)}
        </time>
      </p>
      {proposal.note && <blockquote className="proposal__note">{proposal.note}</blockquote>}
      <ul className="proposal__changes">
        {proposal.changes.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a proposal's changes are immutable and ordered
          <li key={i}>{describeChange(model, c)}</li>
        ))}
      </ul>
      <ul className="responses" aria-label="Answers">
        {proposal.responses.map((r) => (
          <li key={r.party} className={`response response--${r.verdict}`}>
            <span className="response__mark" aria-hidden="true">
              {r.verdict === 'accepted'
                ? '✓'
                : r.verdict === 'rejected'
                  ? '✕'
                  : r.verdict === 'countered'
                    ? '↺'
                    : '…'}
            </span>
            <span>
              <strong>{model.partyName(r.party)}</strong>{' '}
              {r.verdict === 'pending' ? 'has not answered yet' : `${r.verdict}${answeredBy(r)}`}
            </span>
          </li>
        ))}
      </ul>
      {mine && (
        <div className="proposal__actions" data-testid="proposal-answer">
          <span className="muted small">Your party's answer is needed:</span>
          <Button
            variant="primary"
            onClick={() =>
              run((ctx) => accept(ctx, { proposalId: proposal.id }), { done: 'You accepted the proposal' })
            }
          >
            Accept
          </Button>
          {proposal.party !== model.myParty && <Button onClick={() => onCounter(proposal)}>Counter…</Button>}
          <Button variant="danger" onClick={() => setRejecting(true)}>
            Reject…
          </Button>
        </div>
      )}
      {canWithdraw(model, proposal) && !mine && (
        <div className="proposal__actions">
          <Button
            variant="ghost"
            onClick={() =>
              run((ctx) => withdrawProposal(ctx, { proposalId: proposal.id }), { done: 'Proposal withdrawn' })
            }
          >
            Withdraw
          </Button>
        </div>
      )}
      {proposal.status === 'accepted' && model.negotiator && (
        <div className="proposal__actions">
          <span className="muted small">
            Every party accepted at about the same time; apply it to the terms.
          </span>
          <Button
            variant="primary"
            onClick={() =>
              run((ctx) => applyAcceptedProposal(ctx, { proposalId: proposal.id }), {
                done: 'Applied to the terms',
              })
            }
          >
            Apply to the terms
          </Button>
        </div>
      )}
      {rejecting && (
        <ConfirmDialog
          title="Reject the proposal"
          open
          danger
          confirmLabel="Reject"
          onClose={() => setRejecting(false)}
          onConfirm={() => {
            const r = run((ctx) =>
              reject(ctx, { proposalId: proposal.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
            );
            if (r.ok) setRejecting(false);
          }}
        >
          <p>
            {model.partyName(proposal.party)} sees that your party rejected it. To suggest something else
            instead, use Counter.
          </p>
          <div className="field">
            <label htmlFor={`${headingId}-reason`}>Reason (optional, shown in the conversation)</label>
            <textarea
              id={`${headingId}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={2000}
            />
          </div>
        </ConfirmDialog>
      )}
    </article>
  );
}
