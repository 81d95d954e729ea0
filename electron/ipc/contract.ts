/**
 * The IPC contract between the preload bridge and the main process: every channel's
 * name, the parser of its arguments, and the type of its reply. Main and preload both
 * import this file and the renderer imports its types, so a channel cannot change on
 * one side only. Documented in docs/ipc.md; vectors in test/electron/vectors/.
 */
import { type ArgsParser, args, bytes, object, oneOf, type ParseIssue, string } from './schema';

export const IPC_PROTOCOL_VERSION = 1;

/** Name of the global the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'casepact';

// Limits: generous for real use, small enough that a hostile page cannot make main
// allocate or write without bound.
export const MAX_SECRET_BYTES = 1024;
export const MAX_SEALED_BYTES = 8192;
export const MAX_SIGNED_COPY_BYTES = 64 * 1024 * 1024;
export const MAX_BACKUP_BYTES = 64 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_NOTIFICATION_TITLE = 200;
export const MAX_NOTIFICATION_BODY = 1000;

/** Case ids as shared/contract makes them (URL- and path-safe); route-safe by construction. */
export const CASE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The renderer route the print view lives at (renderer/src/app/router.ts agrees). */
export function printRouteHash(caseId: string): string {
  return `#/print/${encodeURIComponent(caseId)}`;
}

const caseId = string({ min: 1, max: 128, pattern: CASE_ID_PATTERN, describe: 'a case id' });
const fileName = string({ min: 1, max: MAX_FILE_NAME_LENGTH, describe: 'a file name' });

/** Main → renderer events. The renderer says it listens with `push:ready` before any is sent. */
export const PUSH_TOPICS = ['join-link', 'notification-click'] as const;
export type PushTopic = (typeof PUSH_TOPICS)[number];
export const PUSH_CHANNELS = {
  'join-link': 'push:join-link',
  'notification-click': 'push:notification-click',
} as const satisfies Record<PushTopic, string>;

/** Every channel the preload may invoke, with the parser of its arguments. Main refuses any other. */
export const IPC_CONTRACT = {
  'app:version': args(),
  'vault:status': args(),
  'vault:seal': args(bytes({ min: 1, max: MAX_SECRET_BYTES })),
  'vault:unseal': args(bytes({ min: 1, max: MAX_SEALED_BYTES })),
  'push:ready': args(oneOf(PUSH_TOPICS)),
  'print:ready': args(),
  'export:pdf': args(object({ caseId, suggestedName: fileName })),
  'export:signed-copy': args(bytes({ min: 1, max: MAX_SIGNED_COPY_BYTES }), fileName),
  'identity:save-backup': args(bytes({ min: 1, max: MAX_BACKUP_BYTES }), fileName),
  'identity:open-backup': args(),
  notify: args(
    object({
      title: string({ min: 1, max: MAX_NOTIFICATION_TITLE }),
      body: string({ max: MAX_NOTIFICATION_BODY }),
      caseId,
    }),
  ),
} as const satisfies Record<string, ArgsParser<readonly unknown[]>>;

export type IpcChannel = keyof typeof IPC_CONTRACT;
export const IPC_CHANNELS = Object.keys(IPC_CONTRACT) as IpcChannel[];

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.hasOwn(IPC_CONTRACT, name);
}

/** The parsed arguments of a channel. */
export type IpcArgs<C extends IpcChannel> = (typeof IPC_CONTRACT)[C] extends ArgsParser<infer T> ? T : never;

/** Success with a value, or a refusal with a typed error (same shape as shared/identity). */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** Refusals by the registry itself, before any handler runs. */
export type IpcBoundaryError =
  | { readonly code: 'unknown-channel' }
  | { readonly code: 'foreign-sender' }
  | { readonly code: 'invalid-arguments'; readonly issue: ParseIssue }
  /** The handler failed unexpectedly; its message stays in main (it could hold a secret). */
  | { readonly code: 'internal' };

/** What the app reports about itself. */
export interface AppVersionInfo {
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly platform: string;
}

/**
 * Why the OS key store cannot seal the identity key. The renderer then uses the
 * passphrase seal and tells the user why (design.md §3).
 */
export type VaultUnavailableReason =
  /** safeStorage reports no encryption (no keychain / DPAPI / secret service). */
  | 'encryption-unavailable'
  /** Linux without a secret service: Chromium's basic_text store uses a fixed key, i.e. plain text. */
  | 'linux-basic-text'
  /** Linux with a key store Casepact does not know to be a real one. */
  | 'linux-backend-unknown'
  /** Not the desktop app (the browser build). */
  | 'not-desktop';

export type VaultStatus =
  | { readonly available: true; readonly backend: string }
  | { readonly available: false; readonly reason: VaultUnavailableReason };

export type VaultError =
  | { readonly code: 'vault-unavailable'; readonly reason: VaultUnavailableReason }
  | { readonly code: 'seal-failed' }
  /** The bytes were not made by `vault.seal` (wrong magic or version). */
  | { readonly code: 'not-a-vault-seal' }
  /** The OS key store could not decrypt them (another user, another machine, a reset keychain). */
  | { readonly code: 'unseal-failed' };

export interface UnsealedSecret {
  readonly secret: Uint8Array;
  /** The OS key rotated: seal the secret again and store the new bytes. */
  readonly resealRecommended: boolean;
}

/** A file written through a save dialog: its name only, never the full path. */
export interface SavedFile {
  readonly fileName: string;
}

export type SaveError = { readonly code: 'cancelled' } | { readonly code: 'write-failed' };

export type BackupSaveError =
  | SaveError
  /** The bytes are not an identity file whose key is sealed with a passphrase: never written. */
  | { readonly code: 'not-passphrase-protected' };

export type PdfExportError =
  | SaveError
  /** Another PDF export is still running. */
  | { readonly code: 'busy' }
  /** The print view did not say it was ready in time. */
  | { readonly code: 'print-timeout' }
  | { readonly code: 'print-failed' };

export interface OpenedFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export type OpenFileError =
  | { readonly code: 'cancelled' }
  | { readonly code: 'too-large'; readonly maxBytes: number }
  | { readonly code: 'read-failed' };

export type NotifyError = { readonly code: 'unsupported' };

/** What each channel's handler answers. */
export interface IpcReplies {
  'app:version': Result<AppVersionInfo, never>;
  'vault:status': Result<VaultStatus, never>;
  'vault:seal': Result<Uint8Array, VaultError>;
  'vault:unseal': Result<UnsealedSecret, VaultError>;
  'push:ready': Result<{ readonly delivered: number }, never>;
  'print:ready': Result<{ readonly printing: boolean }, never>;
  'export:pdf': Result<SavedFile, PdfExportError>;
  'export:signed-copy': Result<SavedFile, SaveError>;
  'identity:save-backup': Result<SavedFile, BackupSaveError>;
  'identity:open-backup': Result<OpenedFile, OpenFileError>;
  notify: Result<{ readonly shown: true }, NotifyError>;
}

/** What the renderer receives: the handler's reply, or the registry's refusal. */
export type BridgeReply<C extends IpcChannel> =
  | IpcReplies[C]
  | { readonly ok: false; readonly error: IpcBoundaryError };

export interface JoinLinkEvent {
  /** The raw `casepact://join/…` string; the renderer parses it with shared/invite. */
  readonly link: string;
}

export interface NotificationClickEvent {
  readonly caseId: string;
}

export interface NotificationRequest {
  readonly title: string;
  readonly body: string;
  readonly caseId: string;
}

/** The object the preload exposes on `window.casepact`: verbs only, never ipcRenderer. */
export interface DesktopBridge {
  readonly ipcVersion: typeof IPC_PROTOCOL_VERSION;
  readonly app: {
    version(): Promise<BridgeReply<'app:version'>>;
  };
  /** The OS key store (safeStorage). Refuses, never stores plain text, when it is not a real one. */
  readonly vault: {
    available(): Promise<BridgeReply<'vault:status'>>;
    seal(secret: Uint8Array): Promise<BridgeReply<'vault:seal'>>;
    unseal(sealed: Uint8Array): Promise<BridgeReply<'vault:unseal'>>;
  };
  readonly links: {
    /** Deep links opened while the app runs or that started it; returns an unsubscribe. */
    onJoin(callback: (event: JoinLinkEvent) => void): () => void;
  };
  readonly export: {
    /** Renders the case's print view to PDF and asks where to save it. */
    pdf(request: {
      readonly caseId: string;
      readonly suggestedName: string;
    }): Promise<BridgeReply<'export:pdf'>>;
    signedCopy(bytes: Uint8Array, suggestedName: string): Promise<BridgeReply<'export:signed-copy'>>;
  };
  readonly identity: {
    /** Bytes already sealed with a passphrase by shared/identity; main only writes them. */
    saveBackup(bytes: Uint8Array, suggestedName: string): Promise<BridgeReply<'identity:save-backup'>>;
    openBackup(): Promise<BridgeReply<'identity:open-backup'>>;
  };
  readonly print: {
    /** Called by the print view once it has rendered everything it will print. */
    ready(): Promise<BridgeReply<'print:ready'>>;
  };
  notify(request: NotificationRequest): Promise<BridgeReply<'notify'>>;
  onNotificationClick(callback: (event: NotificationClickEvent) => void): () => void;
}
