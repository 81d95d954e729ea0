/// <reference types="vite/client" />
/**
 * Visual workbench: renders the renderer's screens on a demo case so each screen can be
 * screenshotted and checked before the app's case library is wired. Query parameters:
 *   as=agent|customer|engineer   whose device this is (default agent)
 *   stage=full|fresh             how far the story has gone
 *   sync=offline|connecting|connected, rejected=1 (fixtures for what the app's session reports)
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { useRouter } from '../../../renderer/src/app/router';
import { Toasts } from '../../../renderer/src/components/Toasts';
import { JoinScreen } from '../../../renderer/src/screens/JoinScreen';
import { PrintableContract } from '../../../renderer/src/screens/PrintScreen';
import { CaseWorkspace } from '../../../renderer/src/workspace/CaseWorkspace';
import '../../../renderer/src/styles.css';
import { buildDemoCase } from './demo-case';
import { type Fixtures, LocalCaseSession } from './local-session';

const params = new URLSearchParams(location.search);

function Workbench({ session }: { session: LocalCaseSession }) {
  const route = useRouter((s) => s.route);
  return (
    <div className="app-shell">
      <main className="app-main" id="main">
        {route.name === 'case' ? (
          <CaseWorkspace session={session} tab={route.tab} />
        ) : route.name === 'join' ? (
          <JoinScreen link={route.link} />
        ) : route.name === 'print' ? (
          <PrintableContract session={session} />
        ) : (
          <p>Pick a tab.</p>
        )}
      </main>
      <Toasts />
    </div>
  );
}

async function start() {
  await sodiumReady();
  const demo = buildDemoCase(params.get('stage') === 'fresh' ? 'fresh' : 'full');
  const who = (params.get('as') ?? 'agent') as keyof typeof demo.people;
  const me = demo.people[who];
  const others = Object.values(demo.people).filter((p) => p.id !== me.id);
  const state = params.get('sync') ?? 'connected';
  const fixtures: Fixtures = {
    sync: {
      state: state as Fixtures['sync']['state'],
      peers: state === 'connected' ? 2 : 0,
      signaling: { connected: state === 'offline' ? 0 : 1, total: 1 },
      lastSyncedAt: Date.now() - 4 * 60_000,
    },
    present:
      state === 'connected'
        ? others.slice(0, 1).map((p) => ({
            memberId: p.id,
            displayName: p.displayName,
            verified: true,
            typing: params.has('typing'),
          }))
        : [],
    rejected: params.has('rejected')
      ? [
          {
            id: 'r1',
            author: demo.people.engineer.id,
            authorName: 'Priya Raman',
            at: Date.now() - 3 * 3_600_000,
            reason:
              'Priya Raman tried to mark “Collect the boot log with the recovery stick” as done, but only Sam Carter’s party may report progress on its own actions.',
            code: 'forbidden',
          },
          {
            id: 'r2',
            author: null,
            authorName: null,
            at: null,
            reason: 'A change arrived whose signature does not match its content: it was altered on the way.',
            code: 'bad-signature',
          },
        ]
      : [],
  };
  const session = new LocalCaseSession(demo.doc, me, demo.genesis, fixtures);
  if (useRouter.getState().route.name === 'inbox')
    useRouter.getState().navigate({ name: 'case', caseId: demo.caseId, tab: 'overview' });
  (window as unknown as { workbench: unknown }).workbench = { session, demo };
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <StrictMode>
      <Workbench session={session} />
    </StrictMode>,
  );
}

void start();
