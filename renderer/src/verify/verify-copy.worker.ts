/**
 * Checks one signed copy off the main thread, so the screen keeps answering while thousands of
 * signatures are verified. libsodium loads here, in the worker, before the first check.
 */
import { sodiumReady } from '../../../shared/crypto/sodium';
import { verifySignedCopy } from '../../../shared/signed/signed-copy-verify';
import type { VerifyReply, VerifyRequest } from './verify-copy-protocol';

function reply(message: VerifyReply): void {
  self.postMessage(message);
}

async function check(bytes: Uint8Array): Promise<void> {
  try {
    await sodiumReady();
    const result = verifySignedCopy(bytes, {
      onProgress: (done, total, phase) => reply({ type: 'progress', done, total, phase }),
    });
    reply({ type: 'result', result });
  } catch {
    // verifySignedCopy never throws for bad input: this is the checker failing (memory, wasm).
    reply({ type: 'crashed' });
  }
}

self.addEventListener('message', (event: MessageEvent<VerifyRequest>) => {
  if (event.data?.type === 'verify' && event.data.bytes instanceof ArrayBuffer)
    void check(new Uint8Array(event.data.bytes));
});
