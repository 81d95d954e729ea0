import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { describeVaultUnavailable } from '../../../renderer/src/platform/platform-errors';
import { KeyProtectionNote } from '../../../renderer/src/identity/KeyProtectionNote';
import type { Platform } from '../../../renderer/src/platform/platform';
import { createIdentityStore } from '../../../renderer/src/stores/identity-store';
import { fakeBrowser, fakeDesktop, memoryStorage, testKeyStore } from './fakes';

// What the first-run screen says about the key, rendered in Node from what the store learnt of
// each platform. (zustand reads a store's initial state when rendering on a server, so the
// whole screen is checked in Chromium: test/e2e/identity-desktop.e2e.ts.)
async function renderNote(platform: Platform): Promise<string> {
  const store = createIdentityStore({ storage: memoryStorage() });
  await store.getState().load(platform);
  return renderToStaticMarkup(<KeyProtectionNote protection={store.getState().protection} />);
}

beforeAll(async () => {
  await sodiumReady();
});

describe('first run', () => {
  it('with an OS key store names the key store and says no passphrase is needed', async () => {
    const html = await renderNote(fakeDesktop(testKeyStore(), 'darwin').platform);
    expect(html).toContain('protected by <strong>the macOS Keychain</strong>');
    expect(html).toContain('data-protection="device"');
    expect(html).toContain('opens without a passphrase');
  });

  it.each([
    ['linux-basic-text', { backend: 'basic_text' }],
    ['linux-backend-unknown', { backend: 'some_new_wallet' }],
    ['encryption-unavailable', { available: false }],
  ] as const)(
    'without a usable key store (%s) says why, in the platform’s words',
    async (reason, options) => {
      const html = await renderNote(fakeDesktop(testKeyStore(options)).platform);
      expect(html).toContain(describeVaultUnavailable(reason));
      expect(html).toContain('data-protection="passphrase"');
    },
  );

  it('in the browser adds nothing: the passphrase field says what it protects, as before', async () => {
    expect(await renderNote(fakeBrowser().platform)).toBe('');
  });
});
