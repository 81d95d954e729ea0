import { readFileSync, statSync } from 'node:fs';
import { sodiumReady } from '../../shared/crypto/sodium';
import { verifySignedCopy } from '../../shared/signed/signed-copy-verify';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseArgs } from './args';

const MAX_FILE = 512 * 1024 * 1024;

export const verifyCommand: CliCommand = {
  path: ['verify'],
  summary: 'verify a signed copy offline: exit 0 with a summary, or 1 with the first reason',
  usage: 'FILE [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { switches: ['json'], positionals: 1 });
    const path = parsed.positionals[0] as string;
    let bytes: Uint8Array;
    try {
      if (statSync(path).size > MAX_FILE) throw new CliError(`${path} is too large for a signed copy`);
      bytes = readFileSync(path);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
    }
    await sodiumReady();
    const result = verifySignedCopy(bytes);
    if (!result.ok) {
      io.err(`casepact: verify failed: ${result.error.message}`);
      return 1;
    }
    const s = result.value;
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify({ valid: true, ...s }, null, 2));
      return 0;
    }
    io.out(`VALID signed copy of "${s.title}" (case ${s.caseId})`);
    io.out(
      `Exported by ${s.exportedBy.displayName} (${s.exportedBy.organisation}) ${s.exportedBy.fingerprint} at ${new Date(s.exportedAt).toISOString()}`,
    );
    io.out('Parties:');
    for (const party of s.parties) {
      io.out(`  ${party.name} (${party.role})`);
      for (const m of party.members)
        io.out(
          `    ${m.displayName} (${m.organisation}) ${m.fingerprint}${m.status === 'active' ? '' : ' [removed]'}`,
        );
    }
    io.out(s.versions.length === 0 ? 'Agreement versions: none signed yet' : 'Agreement versions:');
    for (const v of s.versions) {
      io.out(`  v${v.version} ${v.agreed ? 'AGREED' : 'not agreed'} terms ${v.termsHash.slice(0, 16)}…`);
      for (const signer of v.signers) {
        io.out(
          `    signed by ${signer.displayName} (${signer.organisation}) ${signer.fingerprint} at ${new Date(signer.at).toISOString()}${signer.current ? '' : ' (earlier draft)'}`,
        );
      }
    }
    io.out(`Changes: ${s.changes} signed changes, all verified`);
    return 0;
  },
};
