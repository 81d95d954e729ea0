import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own schema validation, without downloading Electron or building installers.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };

const repo = path.resolve(import.meta.dirname, '..', '..');
const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s configuration validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would catch an invalid configuration', async () => {
    await expect(
      validateConfiguration({ ...config, linux: { notAnOption: true } }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('registers the casepact:// scheme and turns off risky fuses', () => {
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: ['casepact'] })]);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
