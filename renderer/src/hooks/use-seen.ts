import { useEffect } from 'react';
import { create } from 'zustand';
import type { ContractSnapshot } from '../../../shared/contract/views';

const KEY = 'casepact.seen.v1';

function load(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

interface SeenState {
  /** Per case id: the time of the latest conversation entry the reader has seen. */
  readonly seen: Readonly<Record<string, number>>;
  markSeen(caseId: string, at: number): void;
}

/**
 * What the reader has already seen of each case, kept on this device only (localStorage), so
 * the inbox can show unread activity. Never shared: it says nothing the case does not.
 */
export const useSeen = create<SeenState>((set, get) => ({
  seen: typeof localStorage === 'undefined' ? {} : load(),
  markSeen(caseId, at) {
    if ((get().seen[caseId] ?? 0) >= at) return;
    const seen = { ...get().seen, [caseId]: at };
    set({ seen });
    try {
      localStorage.setItem(KEY, JSON.stringify(seen));
    } catch {
      // Storage full or blocked: unread marks fall back to this session only.
    }
  },
}));

/** Entries by others newer than what the reader has seen. */
export function unreadCount(snapshot: ContractSnapshot, me: string, seenAt: number | undefined): number {
  const since = seenAt ?? 0;
  return snapshot.messages.filter((m) => m.at > since && m.author !== me).length;
}

/** Marks everything in the case as seen while it is on screen. */
export function useMarkSeen(caseId: string, snapshot: ContractSnapshot): void {
  const markSeen = useSeen((s) => s.markSeen);
  const latest = snapshot.messages[snapshot.messages.length - 1]?.at ?? 0;
  useEffect(() => {
    if (latest > 0) markSeen(caseId, latest);
  }, [caseId, latest, markSeen]);
}
