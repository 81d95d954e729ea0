import type { Session } from 'electron';

/** Casepact needs no camera, microphone, geolocation, notifications-by-web-API or USB. Deny all. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
