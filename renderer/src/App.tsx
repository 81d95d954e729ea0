import { useEffect, useState } from 'react';
import { TopBar } from './components/TopBar';
import { Toasts } from './components/Toasts';
import type { Platform } from './platform';
import { InboxScreen } from './screens/InboxScreen';
import { OnboardingScreen } from './screens/OnboardingScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import { useIdentity } from './stores/identity-store';

function MainContent() {
  const status = useIdentity((state) => state.status);
  switch (status) {
    case 'loading':
      return <p className="muted">Opening your cases…</p>;
    case 'none':
      return <OnboardingScreen />;
    case 'locked':
      return <UnlockScreen />;
    default:
      return <InboxScreen />;
  }
}

export function App({ platform }: { platform: Platform }) {
  const [version, setVersion] = useState<string>('');
  const load = useIdentity((state) => state.load);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    platform.appVersion().then(
      (info) => setVersion(info.version),
      () => setVersion(''),
    );
  }, [platform]);
  return (
    <div className="app-shell">
      <TopBar />
      <main className="app-main" id="main">
        <MainContent />
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
