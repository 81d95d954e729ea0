import { type FormEvent, useId, useState } from 'react';
import type { Role } from '../../../shared/contract/model';
import type { PartyView } from '../../../shared/contract/views';
import { Button } from '../components/Button';
import { CopyField } from '../components/CopyField';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import type { CaseSession, InviteRole } from '../core/case-session';
import { activeMembers, type CaseModel, invitableParties } from './case-model';
import { formatDateTime, ROLE_HINTS, ROLE_WORDS } from './format';
import { refusalSentence } from './refusals';
import { FormFooter } from '../components/FormFooter';
import { FormError } from '../components/FormError';

const HOUR = 3_600_000;
const EXPIRIES = [
  { ms: HOUR, label: '1 hour' },
  { ms: 24 * HOUR, label: '1 day' },
  { ms: 7 * 24 * HOUR, label: '7 days' },
  { ms: 30 * 24 * HOUR, label: '30 days' },
] as const;

const NEW_PARTY = '__new__';

/**
 * Makes an invite link: the role offered, the party joined (an existing one, or a new party named
 * after the joiner's organisation), how long the link works, and whether one person only may use it.
 */
export function InviteDialog({
  session,
  model,
  onClose,
  party: forParty,
}: {
  session: CaseSession;
  model: CaseModel;
  onClose: () => void;
  /** Invite into this party (its role); otherwise the first party nobody has joined, or a new one. */
  party?: PartyView;
}) {
  const formId = useId();
  const parties = invitableParties(model);
  const roles: Role[] = model.runsCase
    ? ['customer', 'provider', 'partner', 'observer']
    : [model.myRole ?? 'observer'];
  const vacant = forParty ?? parties.find((p) => p.id !== model.myParty && activeMembers(p).length === 0);
  const [role, setRole] = useState<Role>(
    vacant?.role ?? (model.runsCase ? 'partner' : (model.myRole ?? 'observer')),
  );
  const partiesOfRole = parties.filter((p) => p.role === role);
  const [party, setParty] = useState<string>(vacant?.id ?? '');
  const [expiry, setExpiry] = useState<number>(7 * 24 * HOUR);
  const [singleUse, setSingleUse] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<{ text: string; expiresAt: number }>();
  const chosenParty = partiesOfRole.some((p) => p.id === party)
    ? party
    : model.runsCase
      ? NEW_PARTY
      : (partiesOfRole[0]?.id ?? NEW_PARTY);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await session.createInvite({
        role: role as InviteRole,
        expiresInMs: expiry,
        singleUse,
        ...(chosenParty === NEW_PARTY ? {} : { party: chosenParty }),
      });
      if (!r.ok) return setError(refusalSentence(r));
      setLink({ text: r.value.link, expiresAt: Date.now() + expiry });
    } catch {
      setError('The invite could not be made on this device. Unlock your identity and try again.');
    } finally {
      setBusy(false);
    }
  }

  if (link) {
    return (
      <Dialog
        title="Invite link ready"
        open
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <CopyField
          label="Invite link"
          value={link.text}
          hint="Send it privately (mail, chat, text message): whoever holds it can join this case."
        />
        <ul className="invite-facts">
          <li>
            Joins as <strong>{ROLE_WORDS[role].toLowerCase()}</strong>
            {chosenParty === NEW_PARTY ? ', as a new party' : ` of ${model.partyName(chosenParty)}`}
          </li>
          <li>Works until {formatDateTime(link.expiresAt)}</li>
          <li>{singleUse ? 'One person can use it' : 'Several people can use it until it expires'}</li>
        </ul>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Invite someone"
      open
      onClose={onClose}
      footer={
        <FormFooter
          formId={formId}
          onCancel={onClose}
          label="Create link"
          busyLabel="Making the link…"
          busy={busy}
          testId="create-invite"
        />
      }
    >
      <form id={formId} onSubmit={submit}>
        <Field label="Role" hint={ROLE_HINTS[role]}>
          {(props) => (
            <select
              {...props}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              disabled={roles.length === 1}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_WORDS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Joins"
          hint={
            chosenParty === NEW_PARTY
              ? 'A new party is created with the name of the organisation of whoever joins.'
              : 'As a colleague in an existing party.'
          }
        >
          {(props) => (
            <select {...props} value={chosenParty} onChange={(e) => setParty(e.target.value)}>
              {model.runsCase && <option value={NEW_PARTY}>A new party (another company or person)</option>}
              {partiesOfRole.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Link works for">
          {(props) => (
            <select {...props} value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
              {EXPIRIES.map((x) => (
                <option key={x.ms} value={x.ms}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={singleUse} onChange={(e) => setSingleUse(e.target.checked)} />
          Single use — the link stops working once one person has joined
        </label>
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
