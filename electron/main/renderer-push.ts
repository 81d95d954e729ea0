import type { PushTopic } from '../ipc/contract';
import { PUSH_CHANNELS } from '../ipc/contract';
import type { IpcSender } from './ipc-registry';

/**
 * Events main pushes to the renderer (deep links, notification clicks). Until the page
 * has said it listens (`push:ready`), events wait here: a link that started the app
 * arrives long before React has mounted, and must not be lost.
 */
export class PushQueue<T> {
  private target: IpcSender | undefined;
  private readonly pending: T[] = [];

  constructor(
    readonly topic: PushTopic,
    private readonly limit = 16,
  ) {}

  /** Sends now when a listening page is attached, else keeps the event (newest `limit`). */
  push(payload: T): void {
    if (this.target && !this.target.isDestroyed()) {
      this.target.send(PUSH_CHANNELS[this.topic], payload);
      return;
    }
    this.target = undefined;
    this.pending.push(payload);
    if (this.pending.length > this.limit) this.pending.shift();
  }

  /** The page listens: deliver what waited, in order. Returns how many were delivered. */
  ready(target: IpcSender): number {
    this.target = target;
    const waiting = this.pending.splice(0);
    for (const payload of waiting) target.send(PUSH_CHANNELS[this.topic], payload);
    return waiting.length;
  }

  /** The page is going away (reload, close): queue again until it says it listens. */
  detach(targetId: number): void {
    if (this.target?.id === targetId) this.target = undefined;
  }

  get queued(): number {
    return this.pending.length;
  }
}
