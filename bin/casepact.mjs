#!/usr/bin/env node
// The casepact command runs the TypeScript CLI through tsx, so `npx casepact` works
// straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A finished command exits even if a native library (WebRTC) still holds a thread; the grace
// period lets stdout drain first. Unref'd: a process with nothing left ends at once.
setTimeout(() => process.exit(code), 3000).unref();
