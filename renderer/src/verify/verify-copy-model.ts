/**
 * The words and numbers of "Check a signed copy": what a file is refused for before it is read,
 * what each verification failure means for the person holding the file, and how far along the
 * check is. Pure functions, no React, no worker: the screen and its tests share them.
 */
import { ROLES } from '../../../shared/contract/model';
import { fingerprintOfMemberId } from '../../../shared/identity/member-id';
import type { CopyError, CopySummary, VerifyPhase } from '../../../shared/signed/signed-copy-verify';

/** Larger than any real case (10,000 changes make a few megabytes); refused before reading. */
export const MAX_COPY_BYTES = 256 * 1024 * 1024;

/** The file name the screen suggests picking: what ExportCopy and `casepact export` write. */
export const COPY_EXTENSION = '.casepact';

export interface CopyProblem {
  /** One line: what is wrong, for the heading of the result. */
  readonly headline: string;
  /** The precise reason (the verifier's own sentence where there is one). */
  readonly reason: string;
  /** What the person can do about it. */
  readonly next: string;
}

export interface ProgressView {
  readonly fraction: number;
  readonly label: string;
}

const ASK_AGAIN =
  'Ask the sender for a fresh export of the case and check that file; do not rely on this one.';

/** Refuses a file before reading it: nothing picked, empty, or too large to be a signed copy. */
export function fileProblem(file: { readonly name: string; readonly size: number }): CopyProblem | undefined {
  if (file.size === 0)
    return problem(
      'This file is empty',
      `${file.name} contains no bytes at all, so it cannot be a signed copy.`,
      'Pick the .casepact file that Casepact exported, or ask the sender to export it again.',
    );
  if (file.size > MAX_COPY_BYTES)
    return problem(
      'This file is too large to be a signed copy',
      `${file.name} is ${megabytes(file.size)}; a signed copy is at most ${megabytes(MAX_COPY_BYTES)}.`,
      'Check that you picked the right file. If it is, ask the sender for a fresh export.',
    );
  return undefined;
}

/** The file could not be read from disk (moved, deleted, or the system refused access). */
export function readProblem(name: string): CopyProblem {
  return problem(
    'This file could not be read',
    `The system did not let Casepact read ${name}: it may have been moved, deleted or locked.`,
    'Pick the file again, or copy it to another folder first.',
  );
}

/** The checker itself stopped (out of memory, an internal fault): not a verdict on the file. */
export function crashProblem(): CopyProblem {
  return problem(
    'The check could not finish',
    'Casepact stopped while checking this file, so it says nothing about whether the copy is genuine.',
    'Try again; if it happens again, check the file with `casepact verify FILE` on the command line.',
  );
}

const NOT_A_COPY = new Set<CopyError['code']>(['copy-json', 'copy-format', 'copy-field', 'copy-truncated']);

/** What a verification failure means: a damaged or foreign file, or a copy someone altered. */
export function copyProblem(error: CopyError): CopyProblem {
  const words = readableIds(error.message);
  const text = words.endsWith('.') ? words : `${words}.`;
  const reason = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  if (NOT_A_COPY.has(error.code))
    return problem(
      'This file does not check out: it is not a complete Casepact signed copy',
      reason,
      `Make sure you picked the ${COPY_EXTENSION} file itself, whole. ${ASK_AGAIN}`,
    );
  return problem(
    'This file does not check out',
    reason,
    `The file was damaged or changed after it was signed. ${ASK_AGAIN}`,
  );
}

/**
 * The verifier names authors by member id ("envelope #4 (cp…56 chars… #2)"); people compare key
 * fingerprints, so each id becomes its fingerprint: "envelope #4 (change #2 by key ABCD-…)".
 */
function readableIds(message: string): string {
  const key = (id: string) => {
    const fingerprint = fingerprintOfMemberId(id);
    return fingerprint ? `key ${fingerprint}` : id;
  };
  return message
    .replace(/\((cp[a-z2-7]{56}) #(\d+)\)/g, (_, id: string, seq: string) => `(change #${seq} by ${key(id)})`)
    .replace(/\bcp[a-z2-7]{56}\b/g, key);
}

/** Share of the whole check each phase takes (measured on a 2,000-change copy: mostly signatures). */
const PHASE_SPAN: Readonly<Record<VerifyPhase, readonly [start: number, end: number]>> = {
  envelopes: [0, 0.7],
  replay: [0.7, 0.97],
  summary: [0.97, 1],
};

const count = new Intl.NumberFormat();

/** One bar for the whole check, from the verifier's `done` of `total` in `phase`. */
export function progressView(done: number, total: number, phase: VerifyPhase): ProgressView {
  const [start, end] = PHASE_SPAN[phase];
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const fraction = start + (end - start) * share;
  switch (phase) {
    case 'envelopes':
      return {
        fraction,
        label: `Checking the signature on each change (${count.format(done)} of ${count.format(total)})…`,
      };
    case 'replay':
      return { fraction, label: `Replaying ${signedChanges(total)} through the case rules…` };
    default:
      return { fraction, label: 'Comparing the summary and signatures with the signed history…' };
  }
}

/** "1 signed change", "6,000 signed changes" in the reader's locale. */
export function signedChanges(n: number): string {
  return `${count.format(n)} signed change${n === 1 ? '' : 's'}`;
}

/** The first thing shown, before the checker reports. */
export const READING: ProgressView = { fraction: 0, label: 'Reading the file…' };

/** "Agreed", or how far signing got, for one agreement version (shared/signed decides "agreed"). */
export function versionVerdict(version: CopySummary['versions'][number]): string {
  if (version.agreed) return 'Agreed';
  const current = version.signers.filter((s) => s.current).length;
  return current === 0 ? 'Not signed on its final terms yet' : 'Not yet signed by every party';
}

type PartySummary = CopySummary['parties'][number];

/** Parties as people look for them: by role (customer first), then name; the file orders by id. */
export function partiesInOrder(parties: readonly PartySummary[]): PartySummary[] {
  const rank = (role: string) => {
    const at = (ROLES as readonly string[]).indexOf(role);
    return at === -1 ? ROLES.length : at;
  };
  return [...parties].sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name));
}

function megabytes(bytes: number): string {
  return `${count.format(Math.round(bytes / (1024 * 1024)))} MB`;
}

function problem(headline: string, reason: string, next: string): CopyProblem {
  return { headline, reason, next };
}
