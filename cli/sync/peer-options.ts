import type { NodePeerOptions } from '../peer/node-webrtc';
import { nodePeerOptions } from '../peer/node-webrtc';
import type { WebrtcPeerOptions } from '../../shared/sync/webrtc-transport';

/**
 * Largest data-channel message a CLI peer accepts and may send (bytes). y-webrtc sends a peer the
 * whole missing part of the log document as ONE message (sync step 2) and drops it silently when
 * the channel refuses it; libdatachannel's default limit is 256 KiB, which a case passes at about
 * 600 changes — a fresh peer of a larger case would never sync. Node peers (sync, serve) raise the
 * limit on both ends (negotiated in SDP as a=max-message-size). Browsers keep ~256 KiB, so the
 * lasting fix is chunking in the transport (shared/sync); this is the CLI's interim.
 */
export const CLI_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** nodePeerOptions plus the raised message limit. */
export function cliPeerOptions(options: NodePeerOptions = {}): WebrtcPeerOptions {
  const base = nodePeerOptions(options);
  return { ...base, config: { ...base.config, maxMessageSize: CLI_MAX_MESSAGE_BYTES } };
}
