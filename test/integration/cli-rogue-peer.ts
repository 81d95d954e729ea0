/**
 * A hostile peer for test/integration/cli-malicious.test.ts: it knows the case key (so it gets
 * into the room, seals its channel like an honest peer and can seal entries) but is no member.
 * It runs y-webrtc — no verification — on the room and password derived from the case key, its
 * data channels sealed with the channel key (shared/sync/channel-seal.ts: without it honest peers
 * drop everything it sends), and once it has synced the log document it writes every kind of bad
 * state into it:
 *
 *   garbage      random bytes under a 64-hex key           (does not open: entry-unreadable)
 *   not-bytes    a string under a non-hash key             (not storable; entry-unreadable)
 *   stranger     a well-formed envelope, validly signed and sealed, by a non-member (waits:
 *                not-a-member), writing a message into the contract
 *   impostor     an envelope naming a member as author, signed with the rogue's key (bad-signature)
 *   moved        a valid sealed envelope filed under another key (fails to open there)
 *   overwrite    an honest entry replaced by garbage; another honest entry deleted
 *   raw          a raw Yjs update outside the envelope map
 *
 * Prints {"type":"synced"} and {"type":"attacked","keys":{…}} as JSON lines; stays online until
 * SIGTERM so honest peers that come later meet it too.
 *
 *   node --import tsx test/integration/cli-rogue-peer.ts SIGNAL_URL
 *   env ROGUE_CASE_KEY=<64 hex> ROGUE_CASE_ID=<case id> ROGUE_VICTIM=<member id of a member>
 */
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { nodePeerOptions } from '../../cli/peer/node-webrtc';
import { sealProviderChannels } from '../../cli/peer/peer-link';
import { sodium, sodiumReady } from '../../shared/crypto/sodium';
import { fromHex, toHex } from '../../shared/identity/bytes';
import { parseMemberId } from '../../shared/identity/member-id';
import { CaseKeyring, caseKeyFromBytes } from '../../shared/signed/case-key';
import { deriveClientId } from '../../shared/signed/client-id';
import { signEnvelope, ZERO_HASH } from '../../shared/signed/envelope';
import { sealLogEntry } from '../../shared/signed/log-entry';
import { LOG_MAP } from '../../shared/signed/replica';
import { buildPeerOptions } from '../../shared/sync/webrtc-transport';
import { channelCodec } from '../../shared/sync/channel-seal';
import { deriveRoomSecrets } from '../../shared/sync/room-derivation';

const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const [signal] = process.argv.slice(2) as [string];

await sodiumReady();
const na = sodium();
const caseKey = fromHex(process.env.ROGUE_CASE_KEY ?? '') ?? new Uint8Array(0);
const caseId = process.env.ROGUE_CASE_ID ?? '';
const victim = parseMemberId(process.env.ROGUE_VICTIM ?? '');
const secrets = deriveRoomSecrets(caseKey);
if (!secrets.ok || !victim.ok || caseId === '') {
  emit({ type: 'error', message: 'bad rogue configuration' });
  process.exit(2);
}
const keyring = new CaseKeyring(caseKeyFromBytes(caseKey));
const rogue = na.crypto_sign_keypair();

const doc = new Y.Doc();
const entries = doc.getMap<unknown>(LOG_MAP);
const provider = new WebrtcProvider(secrets.value.roomName, doc, {
  signaling: [signal],
  password: secrets.value.password,
  peerOpts: buildPeerOptions(nodePeerOptions({ bindAddress: '127.0.0.1' })),
});
sealProviderChannels(provider, channelCodec(caseKey));

/** A contract update: a message written with the author's derived client id. */
function contractUpdate(authorKey: Uint8Array, text: string): { update: Uint8Array; clientId: number } {
  const clientId = deriveClientId(authorKey, 7);
  const contract = new Y.Doc();
  contract.clientID = clientId;
  const message = new Y.Map<unknown>();
  message.set('text', text);
  message.set('at', Date.now());
  contract.getMap('messages').set(`rogue-${toHex(na.randombytes_buf(4))}`, message);
  return { update: Y.encodeStateAsUpdate(contract), clientId };
}

function envelope(authorKey: Uint8Array, text: string) {
  const { update, clientId } = contractUpdate(authorKey, text);
  return signEnvelope(
    {
      caseId,
      authorKey,
      seq: 1,
      prev: ZERO_HASH,
      timestamp: Date.now(),
      clients: [{ clientId, epoch: 7 }],
      update,
    },
    rogue.privateKey,
  );
}

function attack(): void {
  const honest = [...entries.keys()].filter((key) => /^[0-9a-f]{64}$/.test(key));
  const keys: Record<string, string> = {};
  doc.transact(() => {
    keys.garbage = toHex(na.randombytes_buf(32));
    entries.set(keys.garbage, na.randombytes_buf(200));
    keys.notBytes = 'not-a-hash';
    entries.set(keys.notBytes, 'hello from the rogue');
    const stranger = envelope(rogue.publicKey, 'Rogue: refund approved, case closed.');
    keys.stranger = stranger.hashHex;
    entries.set(stranger.hashHex, sealLogEntry(keyring, caseId, stranger.hashHex, stranger.bytes));
    const impostor = envelope(
      victim.ok ? victim.value.publicKey : rogue.publicKey,
      'Priya: I withdraw every action.',
    );
    keys.impostor = impostor.hashHex;
    entries.set(impostor.hashHex, sealLogEntry(keyring, caseId, impostor.hashHex, impostor.bytes));
    const moved = envelope(rogue.publicKey, 'Rogue: moved entry.');
    keys.moved = toHex(na.randombytes_buf(32));
    entries.set(keys.moved, sealLogEntry(keyring, caseId, moved.hashHex, moved.bytes));
    if (honest[0]) {
      keys.overwritten = honest[0];
      entries.set(honest[0], na.randombytes_buf(120));
    }
    if (honest[1]) {
      keys.deleted = honest[1];
      entries.delete(honest[1]);
    }
    doc.getText('raw').insert(0, 'raw Yjs update outside the envelope map');
  });
  emit({ type: 'attacked', keys, honest: honest.length });
}

let attacked = false;
const timer = setInterval(() => {
  const room = provider.room;
  const connected = room ? [...room.webrtcConns.values()].some((conn) => conn.connected) : false;
  if (!attacked && connected && entries.size > 0) {
    attacked = true;
    emit({ type: 'synced', entries: entries.size });
    // Let the sync finish before writing, so the overwrite targets entries the peers hold.
    setTimeout(attack, 500);
  }
}, 100);

process.on('SIGTERM', () => {
  clearInterval(timer);
  provider.destroy();
  process.exit(0);
});
emit({ type: 'ready', room: secrets.value.roomName.slice(0, 12) });
