import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from '../command';
import { CliError } from '../command';

/**
 * The passphrase: CASEPACT_PASSPHRASE when set (scripts, tests), else typed at a terminal with echo
 * off. Never printed, never part of an error message.
 */
export async function readPassphrase(io: CliIo, prompt: string, confirm = false): Promise<string> {
  const fromEnv = io.env.CASEPACT_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError('no passphrase: set CASEPACT_PASSPHRASE or run in a terminal', 2);
  }
  const first = await ask(prompt);
  if (confirm && (await ask('Repeat the passphrase: ')) !== first) {
    throw new CliError('the two passphrases differ', 2);
  }
  return first;
}

function ask(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
