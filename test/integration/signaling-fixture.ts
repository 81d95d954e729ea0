import { startSignalingServer } from '../../cli/signaling/index';
import type { SignalingServer } from '../../cli/signaling/index';

/**
 * Our signaling server (cli/signaling) in the test process on 127.0.0.1, restartable on the
 * same port so peers' own reconnect logic can be exercised.
 */
export class SignalingFixture {
  private server: SignalingServer | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<SignalingFixture> {
    const server = await startSignalingServer({ port: 0, host: '127.0.0.1' });
    const fixture = new SignalingFixture(server.port);
    fixture.server = server;
    return fixture;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  /** Starts again on the same port (after {@link stop}). */
  async restart(): Promise<void> {
    if (this.server) return;
    this.server = await startSignalingServer({ port: this.port, host: '127.0.0.1' });
  }
}
