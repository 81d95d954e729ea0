import type { InAppNotification, PlatformNotification } from './platform';

/**
 * Notifications shown inside the app, and clicks on any notification. The browser build
 * shows every notification here; the desktop app only when the OS has no notifications.
 */
export class InAppNotifications {
  private readonly shown = new Set<(notification: InAppNotification) => void>();
  private readonly clicked = new Set<(caseId: string) => void>();

  show(notification: PlatformNotification): void {
    const inApp: InAppNotification = {
      title: notification.title,
      body: notification.body,
      caseId: notification.caseId,
      open: () => this.click(notification.caseId),
    };
    for (const listener of this.shown) listener(inApp);
  }

  /** A notification for this case was clicked (in the app or by the OS). */
  click(caseId: string): void {
    for (const listener of this.clicked) listener(caseId);
  }

  onShow(listener: (notification: InAppNotification) => void): () => void {
    this.shown.add(listener);
    return () => this.shown.delete(listener);
  }

  onClick(listener: (caseId: string) => void): () => void {
    this.clicked.add(listener);
    return () => this.clicked.delete(listener);
  }
}
