import { type SignalingServer, startSignalingServer } from '../../../cli/signaling/index';

/** Casepact's own signaling server on 127.0.0.1 and a free port, for one test file. */
export async function startTestSignaling(): Promise<SignalingServer> {
  return startSignalingServer({ port: 0, host: '127.0.0.1' });
}
