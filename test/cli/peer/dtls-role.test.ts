/**
 * The Node peer's offer names it the DTLS client (cli/peer/node-webrtc.ts): the rewrite touches
 * the setup line of offers only, and two node-datachannel peers still agree on their roles and
 * carry data. (How often a join waited for the 1 s DTLS retransmission is a figure of
 * bench/join-large-case.ts, not asserted here.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWrtc, offerAsDtlsClient, releaseNodeWebrtc } from '../../../cli/peer/node-webrtc';

const PeerConnection = (nodeWrtc() as { RTCPeerConnection: typeof RTCPeerConnection }).RTCPeerConnection;

afterAll(() => releaseNodeWebrtc());

describe('DTLS role of a Node peer', () => {
  it('rewrites only the setup line of an offer', () => {
    const offer = 'v=0\r\na=setup:actpass\r\na=x-setup:actpass\r\na=setup:actpassive\r\n';
    expect(offerAsDtlsClient(offer)).toBe(
      'v=0\r\na=setup:active\r\na=x-setup:actpass\r\na=setup:actpassive\r\n',
    );
    expect(offerAsDtlsClient('a=setup:actpass\n')).toBe('a=setup:active\n');
    expect(offerAsDtlsClient('a=setup:passive\r\n')).toBe('a=setup:passive\r\n');
  });

  it('offers as the client; the answering Node peer takes the server role; data flows both ways', async () => {
    const options = { iceServers: [], bindAddress: '127.0.0.1' } as RTCConfiguration;
    const offerer = new PeerConnection(options);
    const answerer = new PeerConnection(options);
    offerer.onicecandidate = (e) => void (e.candidate && answerer.addIceCandidate(e.candidate));
    answerer.onicecandidate = (e) => void (e.candidate && offerer.addIceCandidate(e.candidate));
    const channel = offerer.createDataChannel('casepact');
    const atAnswerer = new Promise<string>((resolve) => {
      answerer.ondatachannel = (e) => {
        e.channel.onmessage = (m) => {
          resolve(String(m.data));
          e.channel.send('pong');
        };
      };
    });
    const atOfferer = new Promise<string>((resolve) => {
      channel.onmessage = (m) => resolve(String(m.data));
    });
    channel.onopen = () => channel.send('ping');

    await offerer.setLocalDescription(await offerer.createOffer());
    const offer = offerer.localDescription as RTCSessionDescription;
    expect(offer.sdp).toMatch(/^a=setup:active\r?$/m);
    await answerer.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    await answerer.setLocalDescription(await answerer.createAnswer());
    const answer = answerer.localDescription as RTCSessionDescription;
    expect(answer.sdp).toMatch(/^a=setup:passive\r?$/m);
    await offerer.setRemoteDescription({ type: 'answer', sdp: answer.sdp });

    expect(await Promise.all([atAnswerer, atOfferer])).toEqual(['ping', 'pong']);
    offerer.close();
    answerer.close();
  }, 20_000);
});
