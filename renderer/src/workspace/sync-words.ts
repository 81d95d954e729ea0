/** A case's sync state in words, for the case header and the inbox. */
import type { SyncStatus } from '../../../shared/sync/sync-status';
import type { Tone } from '../components/Badge';
import { formatAgo } from './format';

export interface SyncWords {
  /** A short label: "Offline", "Connecting…", "Online · 2 peers". */
  readonly label: string;
  /** One sentence on what it means for the reader. */
  readonly detail: string;
  readonly tone: Tone;
}

export function syncWords(sync: SyncStatus, now: number): SyncWords {
  const last =
    sync.lastSyncedAt === null ? 'never synced yet' : `last synced ${formatAgo(sync.lastSyncedAt, now)}`;
  switch (sync.state) {
    case 'offline':
      if (sync.signaling.total === 0)
        return {
          label: 'Not connected',
          detail:
            'No sync server is set up on this device, so your changes stay here for now. Add one in Settings to reach the other parties.',
          tone: 'warn',
        };
      return {
        label: 'Offline',
        detail: `Your changes are saved on this device and go out by themselves when you are back online (${last}).`,
        tone: 'warn',
      };
    case 'connecting':
      return {
        label: 'Waiting for peers',
        detail:
          sync.signaling.total > 0 && sync.signaling.connected === 0
            ? `The sync server cannot be reached yet; Casepact keeps trying. Your changes are saved on this device (${last}).`
            : `No other party is online right now; they receive your changes when one of you is back (${last}).`,
        tone: 'neutral',
      };
    case 'connected':
      return {
        label: `Online · ${sync.peers} ${sync.peers === 1 ? 'peer' : 'peers'}`,
        detail: `Connected to ${sync.peers} ${sync.peers === 1 ? 'device' : 'devices'} of the other parties (${last}).`,
        tone: 'ok',
      };
  }
}
