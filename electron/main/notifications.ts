import type { NotificationRequest, NotifyError, Result } from '../ipc/contract';

/**
 * Native notifications for what the renderer decided is worth one (SLA at risk or
 * breached, a proposal awaiting me, a party joined). Clicking one brings the window
 * forward and tells the renderer which case to open. The case id is the only thing the
 * click carries back: main keeps no case state.
 */

/** The parts of an Electron Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** Electron's Notification class, injected. */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: { readonly title: string; readonly body: string }): NotificationLike;
}

export interface NotifierOptions {
  /** Shows, restores and focuses the main window (creating it if it was closed). */
  readonly focusWindow: () => void;
  /** Tells the renderer to open the case (queued until it listens). */
  readonly openCase: (caseId: string) => void;
  /** How many shown notifications to keep references to (Electron drops clicks of collected ones). */
  readonly maxLive?: number;
}

export class DesktopNotifier {
  private readonly live = new Set<NotificationLike>();

  constructor(
    private readonly api: NotificationApi,
    private readonly options: NotifierOptions,
  ) {}

  notify(request: NotificationRequest): Result<{ readonly shown: true }, NotifyError> {
    if (!this.api.isSupported()) return { ok: false, error: { code: 'unsupported' } };
    const notification = this.api.create({ title: request.title, body: request.body });
    const caseId = request.caseId;
    notification.on('click', () => {
      this.live.delete(notification);
      this.options.focusWindow();
      this.options.openCase(caseId);
    });
    notification.on('close', () => this.live.delete(notification));
    this.live.add(notification);
    // Keep the newest only: an unclicked notification older than that has long scrolled away.
    const maxLive = this.options.maxLive ?? 50;
    for (const old of this.live) {
      if (this.live.size <= maxLive) break;
      this.live.delete(old);
    }
    notification.show();
    return { ok: true, value: { shown: true } };
  }

  get liveCount(): number {
    return this.live.size;
  }
}
