import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from '../../electron/main/window-options';

describe('secureWindowOptions', () => {
  const prefs = secureWindowOptions('/app/preload.cjs').webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('loads the given preload and nothing else', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});
