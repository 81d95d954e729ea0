/**
 * Lets a Node process that used y-webrtc exit once its work is done. y-webrtc subscribes every
 * room to a BroadcastChannel through lib0, which never closes it (only unsubscribes), and in Node
 * a BroadcastChannel with an `onmessage` handler keeps the event loop alive forever: `casepact
 * sync` would print its summary and then hang. Unref'ing each channel as its handler is set keeps
 * it working while the process has other work, without holding the process open by itself.
 *
 * Patches the prototype (lib0 captured the class at import, so replacing the global would come
 * too late). Idempotent. Belongs with the other Node glue in cli/peer/node-webrtc.ts.
 */
let installed = false;

export function unrefBroadcastChannels(): void {
  if (installed) return;
  installed = true;
  const Channel = (globalThis as { BroadcastChannel?: { prototype: object } }).BroadcastChannel;
  if (!Channel) return;
  const descriptor = Object.getOwnPropertyDescriptor(Channel.prototype, 'onmessage');
  if (!descriptor?.set || !descriptor.get) return;
  const set = descriptor.set;
  Object.defineProperty(Channel.prototype, 'onmessage', {
    ...descriptor,
    set(this: { unref?: () => void }, handler: unknown) {
      set.call(this, handler);
      this.unref?.();
    },
  });
}
