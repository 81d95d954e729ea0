// Runs before the browser tests: a missing Chromium gets a sentence, not a stack trace.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`Chromium was not found at ${path}.`);
  console.error(
    'The end-to-end tests drive a real Chromium. Install it (Debian/Ubuntu: sudo apt-get install -y chromium)',
  );
  console.error('or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the tests again.');
  process.exit(1);
}
