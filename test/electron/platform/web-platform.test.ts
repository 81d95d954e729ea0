import { beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../../renderer/src/platform/web-host';
import { webPlatform } from '../../../renderer/src/platform/web-platform';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { sealIdentity, serialiseIdentityFile } from '../../../shared/identity/backup';
import { createIdentity } from '../../../shared/identity/identity';
import type { KeySeal } from '../../../shared/identity/key-seal';
import { passphraseSeal } from '../../../shared/identity/passphrase-seal';

function fakeHost(
  options: {
    popupsBlocked?: boolean;
    /** The tab's window name and fragment, as the print view would see them. */
    tabName?: string;
    hash?: string;
    pick?: Awaited<ReturnType<WebHost['pickFile']>>;
  } = {},
) {
  const opened: { url: string; name: string }[] = [];
  const downloads: { fileName: string; mimeType: string; bytes: Uint8Array }[] = [];
  let printed = 0;
  const host: WebHost = {
    baseUrl: () => 'https://casepact.example/app/',
    openTab: (url, name) => {
      opened.push({ url, name });
      return !options.popupsBlocked;
    },
    print: () => void printed++,
    isPrintTab: (prefix) =>
      (options.tabName ?? '').startsWith(prefix) && (options.hash ?? '').startsWith('#/print/'),
    download: (bytes, fileName, mimeType) => void downloads.push({ bytes, fileName, mimeType }),
    pickFile: async () => options.pick,
    userAgent: 'Mozilla/5.0 Chrome/140.0.1.2 Safari/537.36',
  };
  return { host, opened, downloads, printed: () => printed };
}

let identity: Exclude<ReturnType<typeof createIdentity>, { ok: false }>['value'];
beforeAll(async () => {
  await sodiumReady();
  const created = createIdentity('Grace Hopper', 'Navy');
  if (!created.ok) throw new Error('identity');
  identity = created.value;
});

describe('web platform', () => {
  it('has no device key store: the passphrase seal is used, and the UI is told why', async () => {
    expect(await webPlatform(fakeHost().host).deviceKeySeal()).toEqual({
      available: false,
      reason: 'not-desktop',
      message: 'In the browser, Casepact protects your key with your passphrase.',
    });
  });

  it('exports the PDF by opening the print route in a new tab, which prints itself when ready', async () => {
    const { host, opened } = fakeHost();
    expect(await webPlatform(host).exportPdf({ caseId: 'c_1', suggestedName: 'x' })).toEqual({
      ok: true,
      value: { fileName: null },
    });
    expect(opened).toEqual([
      { url: 'https://casepact.example/app/#/print/c_1', name: expect.stringMatching(/^casepact-print-/) },
    ]);
    // The tab it opened prints itself once the print view is ready…
    const printTab = fakeHost({ tabName: opened[0]?.name, hash: '#/print/c_1' });
    webPlatform(printTab.host).printReady();
    expect(printTab.printed()).toBe(1);
    // …but the print route shown inside the app (a preview, an e2e screenshot) does not.
    const inApp = fakeHost({ tabName: '', hash: '#/print/c_1' });
    webPlatform(inApp.host).printReady();
    expect(inApp.printed()).toBe(0);
  });

  it('says when the browser blocked the print tab', async () => {
    expect(
      await webPlatform(fakeHost({ popupsBlocked: true }).host).exportPdf({
        caseId: 'c',
        suggestedName: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'popup-blocked' },
    });
  });

  it('downloads the signed copy under a safe name', async () => {
    const { host, downloads } = fakeHost();
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await webPlatform(host).exportSignedCopy(bytes, '../Boot case')).toEqual({
      ok: true,
      value: { fileName: 'Boot case.casepact' },
    });
    expect(downloads).toEqual([
      { bytes, fileName: 'Boot case.casepact', mimeType: 'application/octet-stream' },
    ]);
  });

  it('downloads a passphrase-protected backup and restores it from a picked file', async () => {
    const file = await sealIdentity(
      identity,
      passphraseSeal('correct horse battery', { opsLimit: 1, memLimit: 8192 }),
      5,
    );
    const { host, downloads } = fakeHost();
    expect(await webPlatform(host).saveIdentityBackup(file, 'Grace')).toMatchObject({ ok: true });
    expect(new TextDecoder().decode(downloads[0]?.bytes)).toBe(serialiseIdentityFile(file));
    const picked = fakeHost({ pick: { bytes: downloads[0]?.bytes as Uint8Array } });
    expect(await webPlatform(picked.host).openIdentityBackup()).toEqual({ ok: true, value: file });
  });

  it('refuses to download a backup that is not passphrase-protected', async () => {
    const fakeDeviceSeal: KeySeal = {
      kind: 'safe-storage-v1',
      seal: async () => ({ kind: 'safe-storage-v1', sealed: 'x' }),
      open: async () => ({ ok: false, error: { code: 'seal-unavailable', message: '' } }),
    };
    const file = await sealIdentity(identity, fakeDeviceSeal, 5);
    const { host, downloads } = fakeHost();
    expect(await webPlatform(host).saveIdentityBackup(file, 'Grace')).toMatchObject({
      ok: false,
      error: { code: 'not-passphrase-protected' },
    });
    expect(downloads).toEqual([]);
  });

  it.each([
    [undefined, 'cancelled'],
    [{ refused: 'too-large' as const }, 'too-large'],
    [{ bytes: new TextEncoder().encode('{"format":"other"}') }, 'not-an-identity-file'],
  ])('refuses a picked backup: %j → %s', async (pick, code) => {
    expect(await webPlatform(fakeHost({ pick }).host).openIdentityBackup()).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('shows notifications in the app; opening one reaches onNotificationClick', async () => {
    const platform = webPlatform(fakeHost().host);
    const shown: { caseId: string; open(): void }[] = [];
    const opened: string[] = [];
    const offShown = platform.onInAppNotification((n) => shown.push(n));
    platform.onNotificationClick((caseId) => opened.push(caseId));
    await platform.notify({ title: 'SLA breached', body: 'Resolution target passed', caseId: 'case-3' });
    shown[0]?.open();
    expect(opened).toEqual(['case-3']);
    offShown();
    await platform.notify({ title: 'again', body: '', caseId: 'case-4' });
    expect(shown).toHaveLength(1);
  });

  it('has no deep links, and reports its version and browser', async () => {
    const platform = webPlatform(fakeHost().host);
    expect(typeof platform.onJoinLink(() => {})).toBe('function');
    expect(await platform.appVersion()).toMatchObject({ platform: 'web', chrome: '140.0.1.2', electron: '' });
  });
});
