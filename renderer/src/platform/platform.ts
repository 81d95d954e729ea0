import type { AppVersionInfo, Result, VaultUnavailableReason } from '../../../electron/ipc/contract';
import type { IdentityFile } from '../../../shared/identity/backup';
import type { KeySeal } from '../../../shared/identity/key-seal';
import type { PlatformError } from './platform-errors';

export type { PlatformError, PlatformErrorCode } from './platform-errors';

/** A notification the renderer decided is worth one (SLA at risk, a proposal for me, a party joined). */
export interface PlatformNotification {
  readonly title: string;
  readonly body: string;
  readonly caseId: string;
}

/**
 * A notification shown inside the app (the browser build, or a desktop without native
 * notifications): the UI renders it as a toast and calls `open()` when it is clicked,
 * which reaches the same `onNotificationClick` listeners as a native click.
 */
export interface InAppNotification extends PlatformNotification {
  open(): void;
}

/**
 * Where the identity's key is sealed on this device. When the OS key store is not
 * usable, the UI seals with a passphrase (shared/identity passphraseSeal) and shows
 * `message` so the user knows why they are asked for one.
 */
export type DeviceKeySeal =
  | { readonly available: true; readonly seal: KeySeal; readonly backend: string }
  | { readonly available: false; readonly reason: VaultUnavailableReason; readonly message: string };

/** A file handed to the user: its name, or null when the browser owns the saving (print dialog). */
export interface ExportedFile {
  readonly fileName: string | null;
}

/** What the UI may ask of its host, whether Electron or a plain browser tab. Same verbs in both. */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  appVersion(): Promise<AppVersionInfo>;

  /** The OS key store seal (desktop, when it is a real one), or why there is none. */
  deviceKeySeal(): Promise<DeviceKeySeal>;

  /** `casepact://join/…` links that opened the app; raw strings for shared/invite's parser. */
  onJoinLink(callback: (link: string) => void): () => void;

  /**
   * The printable contract as PDF. Desktop: rendered from the print route in a hidden
   * window, then a save dialog. Browser: the print route opens in a new tab and the
   * browser's print dialog offers "Save as PDF".
   */
  exportPdf(request: {
    readonly caseId: string;
    readonly suggestedName: string;
  }): Promise<Result<ExportedFile, PlatformError>>;
  /** The print view calls this once everything it prints is on the page. */
  printReady(): void;

  /** The signed copy file (shared/signed's bytes): save dialog, or a download in the browser. */
  exportSignedCopy(bytes: Uint8Array, suggestedName: string): Promise<Result<ExportedFile, PlatformError>>;
  /** An identity file whose key is sealed with a passphrase; any other seal is refused. */
  saveIdentityBackup(file: IdentityFile, suggestedName: string): Promise<Result<ExportedFile, PlatformError>>;
  /** Lets the user pick a backup file and parses it (unlock it with shared/identity unlockIdentity). */
  openIdentityBackup(): Promise<Result<IdentityFile, PlatformError>>;

  /** Native notification on the desktop, in-app notification otherwise. */
  notify(notification: PlatformNotification): Promise<void>;
  /** A notification (native or in-app) was clicked: open that case. */
  onNotificationClick(callback: (caseId: string) => void): () => void;
  /** Notifications to show inside the app (render as toasts). */
  onInAppNotification(callback: (notification: InAppNotification) => void): () => void;
}
