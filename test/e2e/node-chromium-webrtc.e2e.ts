/**
 * A Node peer (node-datachannel through cli/peer/node-webrtc.ts, what `casepact serve` and `sync`
 * run) and Chromium (what the app runs) open a data channel either way round. The Node side's
 * offer says `a=setup:active` (node-webrtc.ts, offerAsDtlsClient), which JSEP offers do not
 * usually say: this checks Chromium answers it as the DTLS server and the channel carries data.
 * Offer, answer and candidates go through the test, as through signaling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWrtc, releaseNodeWebrtc } from '../../cli/peer/node-webrtc';
import { launchChromium } from './harness/chromium';

type Signal = { type: RTCSdpType; sdp: string };
type Candidate = { candidate: string; sdpMid: string | null };
type BrowserSide = {
  pc: RTCPeerConnection;
  candidates: Candidate[];
  received: Promise<string>;
};

let browser: Browser;
let page: Page;
const NodePeerConnection = (nodeWrtc() as { RTCPeerConnection: typeof RTCPeerConnection }).RTCPeerConnection;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto('about:blank');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  releaseNodeWebrtc();
});

/** A fresh RTCPeerConnection in the page that answers every channel with 'from chromium'. */
async function openBrowserSide(): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as { side: BrowserSide };
    const pc = new RTCPeerConnection({ iceServers: [] });
    const candidates: Candidate[] = [];
    pc.onicecandidate = (e) => {
      if (e.candidate) candidates.push({ candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid });
    };
    const received = new Promise<string>((resolve) => {
      const use = (channel: RTCDataChannel) => {
        channel.onmessage = (m) => resolve(String(m.data));
        if (channel.readyState === 'open') channel.send('from chromium');
        else channel.onopen = () => channel.send('from chromium');
      };
      pc.ondatachannel = (e) => use(e.channel);
      (window as unknown as { useChannel: typeof use }).useChannel = use;
    });
    scope.side = { pc, candidates, received };
  });
}

/** The Node side: its candidates and the first message its channel receives. */
function openNodeSide() {
  const pc = new NodePeerConnection({ iceServers: [] });
  const candidates: Candidate[] = [];
  pc.onicecandidate = (e) => {
    if (e.candidate) candidates.push({ candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid });
  };
  let use: (channel: RTCDataChannel) => void = () => {};
  const received = new Promise<string>((resolve) => {
    use = (channel) => {
      channel.onmessage = (m) => resolve(String(m.data));
      if (channel.readyState === 'open') channel.send('from node');
      else channel.onopen = () => channel.send('from node');
    };
  });
  pc.ondatachannel = (e) => use(e.channel);
  return { pc, candidates, received, use };
}

/**
 * Both sides' candidates, handed over once both descriptions are set (as after signaling) and
 * both have finished gathering: a fixed wait missed late candidates on a loaded machine.
 */
async function exchangeCandidates(node: ReturnType<typeof openNodeSide>): Promise<void> {
  const deadline = Date.now() + 15_000;
  const gathered = async () =>
    node.pc.iceGatheringState === 'complete' &&
    (await page.evaluate(
      () => (window as unknown as { side: BrowserSide }).side.pc.iceGatheringState === 'complete',
    ));
  while (!(await gathered()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  for (const candidate of node.candidates)
    await page.evaluate(
      (c) => (window as unknown as { side: BrowserSide }).side.pc.addIceCandidate(c),
      candidate,
    );
  const theirs = await page.evaluate(() => (window as unknown as { side: BrowserSide }).side.candidates);
  for (const candidate of theirs) await node.pc.addIceCandidate(candidate);
}

async function bothReceived(node: ReturnType<typeof openNodeSide>): Promise<[string, string]> {
  const inBrowser = page.evaluate(() => (window as unknown as { side: BrowserSide }).side.received);
  return Promise.all([node.received, inBrowser]);
}

describe('Node peer ↔ Chromium over WebRTC', () => {
  it('connects when the Node peer offers (as the DTLS client)', async () => {
    await openBrowserSide();
    const node = openNodeSide();
    node.use(node.pc.createDataChannel('casepact'));
    await node.pc.setLocalDescription(await node.pc.createOffer());
    const offer = node.pc.localDescription as RTCSessionDescription;
    expect(offer.sdp).toMatch(/^a=setup:active\r?$/m);
    const answer = await page.evaluate(
      async (o: Signal) => {
        const { pc } = (window as unknown as { side: BrowserSide }).side;
        await pc.setRemoteDescription(o);
        await pc.setLocalDescription(await pc.createAnswer());
        return { type: 'answer', sdp: pc.localDescription?.sdp ?? '' } as Signal;
      },
      { type: offer.type, sdp: offer.sdp },
    );
    expect(answer.sdp).toMatch(/^a=setup:passive\r?$/m);
    await node.pc.setRemoteDescription(answer);
    await exchangeCandidates(node);
    expect(await bothReceived(node)).toEqual(['from chromium', 'from node']);
    node.pc.close();
  }, 30_000);

  it('connects when Chromium offers', async () => {
    await openBrowserSide();
    const node = openNodeSide();
    const offer = await page.evaluate(async () => {
      const scope = window as unknown as { side: BrowserSide; useChannel: (c: RTCDataChannel) => void };
      scope.useChannel(scope.side.pc.createDataChannel('casepact'));
      await scope.side.pc.setLocalDescription(await scope.side.pc.createOffer());
      return { type: 'offer', sdp: scope.side.pc.localDescription?.sdp ?? '' } as Signal;
    });
    await node.pc.setRemoteDescription(offer);
    await node.pc.setLocalDescription(await node.pc.createAnswer());
    const answer = node.pc.localDescription as RTCSessionDescription;
    await page.evaluate(
      (a: Signal) => (window as unknown as { side: BrowserSide }).side.pc.setRemoteDescription(a),
      { type: answer.type, sdp: answer.sdp },
    );
    await exchangeCandidates(node);
    expect(await bothReceived(node)).toEqual(['from chromium', 'from node']);
    node.pc.close();
  }, 30_000);
});
