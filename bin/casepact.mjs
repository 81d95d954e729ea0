#!/usr/bin/env node
// The casepact command runs the TypeScript CLI through tsx, so `npx casepact` works
// straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
