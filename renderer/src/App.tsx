import { useEffect, useState } from 'react';
import type { Platform } from './platform';
import { InboxScreen } from './screens/InboxScreen';
import { TopBar } from './components/TopBar';

export function App({ platform }: { platform: Platform }) {
  const [version, setVersion] = useState<string>('');
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
        <InboxScreen />
      </main>
      <footer className="app-footer">
        Casepact {version && <span data-testid="app-version">v{version}</span>} ·{' '}
        {platform.kind === 'desktop' ? 'Desktop app' : 'Web app'} · Your cases live on this device and travel
        only to the parties in them, end-to-end encrypted.
      </footer>
    </div>
  );
}
