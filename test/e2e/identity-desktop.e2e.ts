/**
 * The desktop identity flow in Chromium, with the preload's bridge (`window.casepact`) played by
 * an init script: the renderer, the desktop platform and the safe-storage seal are the real
 * ones; only the OS key store (AES-GCM under a per-"computer" test key), the save/open dialogs
 * and the vault's status are stand-ins. Checks what people see: first run without a passphrase
 * and the key store named, the fallback sentence when there is no usable key store, start-up
 * without a passphrase, the backup dialog asking for a new passphrase, restore on another
 * computer through the open dialog, and a key store that cannot open the key.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { saveScreenshot } from './harness/screenshots';
import { type RunningServer, startNpmServer } from './harness/web-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startNpmServer('web'), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Computer {
  /** base64 AES-256 key of this computer's key store. */
  readonly key: string;
  readonly os: 'darwin' | 'linux' | 'win32';
  /** Main's vault status: a backend name, or why there is no usable key store. */
  readonly vault: { backend: string } | { reason: string };
  /** An identity file already in this computer's storage (copied from elsewhere). */
  readonly storedIdentity?: string;
  /** What the open dialog returns. */
  readonly backupToOpen?: string;
}

/** The preload's bridge, as plain page JavaScript: no test code is imported into the page. */
function bridgeScript(computer: Computer): string {
  return `(() => {
  const opts = ${JSON.stringify(computer)};
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const key = crypto.subtle.importKey('raw', unb64(opts.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const MAGIC = [0x43, 0x50, 0x56, 0x31];
  const unavailable = () => ({ ok: false, error: { code: 'vault-unavailable', reason: opts.vault.reason } });
  const none = () => () => {};
  window.__savedBackups = [];
  window.casepact = {
    ipcVersion: 1,
    app: { version: async () => ({ ok: true, value: { version: '0.1.0', electron: '45.0.0', chrome: '140.0.0.0', platform: opts.os } }) },
    vault: {
      available: async () => ({ ok: true, value: opts.vault.reason ? { available: false, reason: opts.vault.reason } : { available: true, backend: opts.vault.backend } }),
      async seal(secret) {
        if (opts.vault.reason) return unavailable();
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const plain = new TextEncoder().encode(b64(secret));
        const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key, plain));
        return { ok: true, value: Uint8Array.from([...MAGIC, ...iv, ...cipher]) };
      },
      async unseal(sealed) {
        if (opts.vault.reason) return unavailable();
        if (MAGIC.some((b, i) => sealed[i] !== b)) return { ok: false, error: { code: 'not-a-vault-seal' } };
        try {
          const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(4, 16) }, await key, sealed.slice(16));
          return { ok: true, value: { secret: unb64(new TextDecoder().decode(plain)), resealRecommended: false } };
        } catch {
          return { ok: false, error: { code: 'unseal-failed' } };
        }
      },
    },
    identity: {
      async saveBackup(bytes, name) {
        const fileName = name + '.casepact-identity';
        window.__savedBackups.push({ fileName, text: new TextDecoder().decode(bytes) });
        return { ok: true, value: { fileName } };
      },
      async openBackup() {
        if (!opts.backupToOpen) return { ok: false, error: { code: 'cancelled' } };
        return { ok: true, value: { fileName: 'backup.casepact-identity', bytes: new TextEncoder().encode(opts.backupToOpen) } };
      },
    },
    links: { onJoin: none },
    export: {
      pdf: async () => ({ ok: false, error: { code: 'cancelled' } }),
      signedCopy: async () => ({ ok: false, error: { code: 'cancelled' } }),
    },
    print: { ready: async () => ({ ok: true, value: { printing: false } }) },
    notify: async () => ({ ok: false, error: { code: 'unsupported' } }),
    onNotificationClick: none,
  };
  if (opts.storedIdentity && !localStorage.getItem('casepact.identity.v1')) {
    localStorage.setItem('casepact.identity.v1', opts.storedIdentity);
  }
})();`;
}

const newKey = () => randomBytes(32).toString('base64');
const FINGERPRINT = /[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/;

async function open(computer: Computer): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  await context.addInitScript(bridgeScript(computer));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  await page.getByText('Desktop app').waitFor();
  return { page, errors, close: () => context.close() };
}

const storedIdentity = (page: Page) =>
  page.evaluate(() => localStorage.getItem('casepact.identity.v1') ?? '');
const fingerprintOf = async (page: Page) =>
  ((await page.getByTestId('identity-chip').textContent()) ?? '').match(FINGERPRINT)?.[0] ?? '';

describe('identity on the desktop', () => {
  it('keeps the key in the OS key store, backs it up with a new passphrase, restores it on another computer', async () => {
    const mac: Computer = { key: newKey(), os: 'darwin', vault: { backend: 'keychain' } };
    const home = await open(mac);
    const { page } = home;
    await page.getByRole('heading', { name: 'Welcome to Casepact' }).waitFor();
    const note = page.getByTestId('key-protection');
    expect(await note.textContent()).toContain('protected by the macOS Keychain');
    expect(await page.getByLabel('Passphrase', { exact: true }).count()).toBe(0);
    await saveScreenshot(page, 'identity-desktop-first-run');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Organisation').fill('Northwind PCs');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const fingerprint = await fingerprintOf(page);
    const stored = JSON.parse(await storedIdentity(page));
    expect(Object.keys(stored.seal).sort()).toEqual(['kind', 'sealed']);
    expect(stored.seal.kind).toBe('safe-storage-v1');

    // Next start: no passphrase, straight to the cases.
    await page.reload();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: /Welcome back/ }).count()).toBe(0);
    expect(await fingerprintOf(page)).toBe(fingerprint);

    await page.getByTestId('identity-chip').click();
    expect(await page.getByRole('menuitem', { name: 'Lock' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Back up identity…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up your identity' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('protected by the macOS Keychain');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('type')))
      .toBe('password');
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill('staple battery horse');
    await dialog.getByLabel('Backup passphrase again').fill('staple battery hors');
    await page.keyboard.press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill('short');
    await dialog.getByLabel('Backup passphrase again').fill('short');
    await dialog.getByRole('button', { name: 'Save backup' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill('staple battery horse');
    await dialog.getByLabel('Backup passphrase again').fill('staple battery horse');
    await saveScreenshot(page, 'identity-desktop-backup-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save backup' }).click();
    await dialog.getByText('Backup saved as Dana Whitfield.casepact-identity').waitFor();
    const saved = await page.evaluate(
      () => (window as unknown as { __savedBackups: { fileName: string; text: string }[] }).__savedBackups,
    );
    expect(saved).toHaveLength(1);
    const backup = JSON.parse(saved[0]?.text ?? '{}');
    expect(backup.seal).toMatchObject({ kind: 'passphrase-v1', kdf: 'argon2id13' });
    expect(backup.id).toBe(stored.id);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Another computer, its own key store: restore through the open dialog.
    const laptop = await open({
      key: newKey(),
      os: 'win32',
      vault: { backend: 'dpapi' },
      backupToOpen: saved[0]?.text,
    });
    const second = laptop.page;
    await second.getByRole('tab', { name: 'Create an identity' }).focus();
    await second.keyboard.press('ArrowRight');
    expect(
      await second.getByRole('tab', { name: 'Restore from a backup' }).getAttribute('aria-selected'),
    ).toBe('true');
    await second.getByRole('button', { name: /Choose backup file/ }).click();
    await second.getByText(`Backup of Dana Whitfield (Northwind PCs), key ${fingerprint}.`).waitFor();
    await second.getByLabel('Passphrase of the backup').fill('staple battery horse');
    expect(await second.getByText('Windows Data Protection protects your key').count()).toBe(1);
    await saveScreenshot(second, 'identity-desktop-restore');
    expect(await seriousViolations(second)).toEqual([]);
    await second.getByRole('button', { name: 'Restore identity' }).click();
    await second.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await fingerprintOf(second)).toBe(fingerprint);
    expect(JSON.parse(await storedIdentity(second)).seal.kind).toBe('safe-storage-v1');
    await second.reload();
    await second.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();

    // The home computer's stored identity copied to a third computer: its key store cannot open it.
    const copy = await open({
      key: newKey(),
      os: 'linux',
      vault: { backend: 'kwallet6' },
      storedIdentity: JSON.stringify(stored),
    });
    await copy.page.getByRole('heading', { name: 'Welcome back, Dana Whitfield' }).waitFor();
    await copy.page
      .getByRole('alert')
      .filter({ hasText: 'KWallet could not open your signing key' })
      .waitFor();
    await copy.page.getByRole('button', { name: 'Try again' }).click();
    await copy.page.getByRole('button', { name: 'Try again' }).waitFor();
    await saveScreenshot(copy.page, 'identity-desktop-keystore-refused');
    expect(await seriousViolations(copy.page)).toEqual([]);
    await copy.page.getByRole('button', { name: 'Restore from a backup instead' }).click();
    await copy.page.getByText('Restoring replaces the identity on this device').waitFor();

    expect([...home.errors, ...laptop.errors, ...copy.errors]).toEqual([]);
    await Promise.all([home.close(), laptop.close(), copy.close()]);
  });

  it('without a usable key store (Linux basic_text) says so on first run and asks for a passphrase; a keyring set up later takes the key over', async () => {
    const linux = await open({ key: newKey(), os: 'linux', vault: { reason: 'linux-basic-text' } });
    const { page } = linux;
    await page.getByRole('heading', { name: 'Welcome to Casepact' }).waitFor();
    expect(await page.getByTestId('key-protection').textContent()).toBe(
      'No system keyring (such as GNOME Keyring or KWallet) is running, so Casepact protects your key with your passphrase instead.',
    );
    await saveScreenshot(page, 'identity-desktop-no-keyring');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Organisation').fill('Northwind PCs');
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(JSON.parse(await storedIdentity(page)).seal.kind).toBe('passphrase-v1');
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome back, Dana Whitfield' }).waitFor();
    await page.getByLabel('Passphrase').fill('correct horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const passphraseIdentity = await storedIdentity(page);

    // A keyring is set up later: unlocking once moves the key into it, and says so beforehand.
    const withKeyring = await open({
      key: newKey(),
      os: 'linux',
      vault: { backend: 'gnome_libsecret' },
      storedIdentity: passphraseIdentity,
    });
    const later = withKeyring.page;
    await later.getByRole('heading', { name: 'Welcome back, Dana Whitfield' }).waitFor();
    expect(await later.getByTestId('key-protection').textContent()).toContain(
      'your key moves to your system keyring (Secret Service)',
    );
    await saveScreenshot(later, 'identity-desktop-unlock-then-keyring');
    expect(await seriousViolations(later)).toEqual([]);
    await later.getByLabel('Passphrase').fill('correct horse battery');
    await later.getByRole('button', { name: 'Unlock' }).click();
    await later.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(JSON.parse(await storedIdentity(later)).seal.kind).toBe('safe-storage-v1');
    await later.reload();
    await later.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();

    expect([...linux.errors, ...withKeyring.errors]).toEqual([]);
    await Promise.all([linux.close(), withKeyring.close()]);
  });
});
