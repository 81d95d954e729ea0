import { useEffect, useState } from 'react';
import { useRouter } from './app/router';
import { Toasts, useToasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import type { Platform } from './platform';
import { InboxScreen } from './screens/InboxScreen';
import { JoinScreen } from './screens/JoinScreen';
import { OnboardingScreen } from './screens/OnboardingScreen';
import { PrintScreen } from './screens/PrintScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { useCaseLibrary } from './stores/case-library-store';
import { useIdentity } from './stores/identity-store';
import { VerifyCopyScreen } from './verify/VerifyCopyScreen';
import { CaseWorkspace } from './workspace/CaseWorkspace';

function CaseRoute({ caseId, tab }: { caseId: string; tab: Parameters<typeof CaseWorkspace>[0]['tab'] }) {
  const session = useCaseLibrary((state) => state.sessions[caseId]);
  const status = useCaseLibrary((state) => state.status);
  const navigate = useRouter((state) => state.navigate);
  if (session) return <CaseWorkspace session={session} tab={tab} />;
  if (status !== 'ready') return <p className="muted">Opening the case…</p>;
  return (
    <section className="card" aria-labelledby="missing-case">
      <h1 id="missing-case">This case is not on this device</h1>
      <p className="muted">
        It may belong to another identity, or it was never joined here. Ask a party for an invite link.
      </p>
      <button type="button" className="button" onClick={() => navigate({ name: 'inbox' })}>
        Back to cases
      </button>
    </section>
  );
}

function Routed() {
  const route = useRouter((state) => state.route);
  switch (route.name) {
    case 'case':
      return <CaseRoute caseId={route.caseId} tab={route.tab} />;
    case 'settings':
      return <SettingsScreen />;
    case 'join':
      return <JoinScreen link={route.link} />;
    case 'verify':
      return <VerifyCopyScreen />;
    default:
      return <InboxScreen />;
  }
}

function MainContent({ platform }: { platform: Platform }) {
  const status = useIdentity((state) => state.status);
  const checking = useRouter((state) => state.route.name === 'verify');
  // Checking a signed copy needs no identity: an auditor may have none.
  if (checking && (status === 'none' || status === 'locked')) return <VerifyCopyScreen backLabel="← Back" />;
  switch (status) {
    case 'loading':
      return <p className="muted">Opening your cases…</p>;
    case 'none':
      return <OnboardingScreen platform={platform} />;
    case 'locked':
      return <UnlockScreen platform={platform} />;
    default:
      return <Routed />;
  }
}

/** Opens the device's cases once the identity is unlocked, and closes them when it locks. */
function useLibraryFollowsIdentity() {
  const identity = useIdentity((state) => state.identity);
  useEffect(() => {
    if (!identity) return;
    void useCaseLibrary.getState().open(identity);
    return () => void useCaseLibrary.getState().closeAll();
  }, [identity]);
}

/** Deep links, notification clicks and in-app notifications from the host. */
function useHostEvents(platform: Platform) {
  const navigate = useRouter((state) => state.navigate);
  useEffect(() => {
    const offJoin = platform.onJoinLink((link) => navigate({ name: 'join', link }));
    const offClick = platform.onNotificationClick((caseId) =>
      navigate({ name: 'case', caseId, tab: 'overview' }),
    );
    const offInApp = platform.onInAppNotification((notification) =>
      useToasts.getState().show({ tone: 'info', title: notification.title, body: notification.body }),
    );
    return () => {
      offJoin();
      offClick();
      offInApp();
    };
  }, [platform, navigate]);
}

export function App({ platform }: { platform: Platform }) {
  const [version, setVersion] = useState<string>('');
  const load = useIdentity((state) => state.load);
  const route = useRouter((state) => state.route);
  const unlocked = useIdentity((state) => state.status === 'unlocked');
  useLibraryFollowsIdentity();
  useHostEvents(platform);
  useEffect(() => {
    // The identity store asks the platform where keys are sealed (OS key store or passphrase).
    void load(platform);
  }, [load, platform]);
  useEffect(() => {
    platform.appVersion().then(
      (info) => setVersion(info.version),
      () => setVersion(''),
    );
  }, [platform]);
  if (route.name === 'print' && unlocked) return <PrintScreen caseId={route.caseId} platform={platform} />;
  return (
    <div className="app-shell">
      <TopBar />
      <main className="app-main" id="main">
        <MainContent platform={platform} />
      </main>
      <footer className="app-footer">
        Casepact {version && <span data-testid="app-version">v{version}</span>} ·{' '}
        {platform.kind === 'desktop' ? 'Desktop app' : 'Web app'} · Your cases live on this device and travel
        only to the parties in them, end-to-end encrypted.
      </footer>
      <Toasts />
    </div>
  );
}
