import { describe, expect, it } from 'vitest';
import { denyAllPermissions } from '../../electron/main/permissions';

describe('denyAllPermissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'hid',
    'usb',
    'serial',
  ])('denies the %s request and its check', (permission) => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => {
        request = handler as typeof request;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler as typeof check;
      },
    });
    const answers: boolean[] = [];
    request?.({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(check?.({}, permission, 'app://casepact', {})).toBe(false);
  });
});
