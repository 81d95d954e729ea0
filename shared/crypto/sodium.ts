import sodiumModule from 'libsodium-wrappers-sumo';

/**
 * libsodium's API, as the wrapper exposes it once its WebAssembly has loaded. The sumo build,
 * because the passphrase seal needs crypto_pwhash (Argon2id), which the standard build omits.
 */
export type Sodium = typeof sodiumModule;

let loaded: Sodium | undefined;

/** Resolves once libsodium is usable; every crypto entry point awaits this first. */
export async function sodiumReady(): Promise<Sodium> {
  if (!loaded) {
    await sodiumModule.ready;
    loaded = sodiumModule;
  }
  return loaded;
}

/** libsodium for synchronous hot paths; throws if nobody awaited sodiumReady() yet. */
export function sodium(): Sodium {
  if (!loaded) throw new Error('libsodium is not ready: await sodiumReady() during start-up');
  return loaded;
}
