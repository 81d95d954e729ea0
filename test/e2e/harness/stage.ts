/**
 * What every multi-party e2e story runs on: the built app served on 127.0.0.1, our signaling
 * server, and one Chromium whose contexts are the parties. Started before the file's tests and
 * stopped after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/index';
import { launchChromium } from './chromium';
import { openParty, type Party } from './party';
import { startTestSignaling } from './signaling';
import { type RunningServer, startNpmServer } from './web-server';

export interface Stage {
  readonly app: RunningServer;
  readonly signaling: SignalingServer;
  readonly browser: Browser;
}

/** A person who opens the app in a fresh context and creates their identity. */
export type Person = Parameters<typeof openParty>[2];

/** Registers the stage's start and stop; its fields are usable inside tests. */
export function stageForFile(): Stage & { party(person: Person): Promise<Party> } {
  let started: Stage | undefined;
  beforeAll(async () => {
    const [app, signaling, browser] = await Promise.all([
      startNpmServer('preview'),
      startTestSignaling(),
      launchChromium(),
    ]);
    started = { app, signaling, browser };
  }, 120_000);
  afterAll(async () => {
    await started?.browser.close();
    await started?.signaling.close();
    await started?.app.stop();
  });
  const get = (): Stage => {
    if (!started) throw new Error('the e2e stage is not running (use it inside a test)');
    return started;
  };
  return {
    get app() {
      return get().app;
    },
    get signaling() {
      return get().signaling;
    },
    get browser() {
      return get().browser;
    },
    party(person: Person): Promise<Party> {
      const { browser, app, signaling } = get();
      return openParty(browser, app.url, person, signaling.url);
    },
  };
}
