import { create } from 'zustand';

/** The screens of the app, addressed by the URL hash so reloads and deep links land in place. */
export type Route =
  | { readonly name: 'inbox' }
  | { readonly name: 'case'; readonly caseId: string; readonly tab: CaseTab }
  | { readonly name: 'join'; readonly link: string }
  | { readonly name: 'print'; readonly caseId: string }
  | { readonly name: 'settings' }
  | { readonly name: 'verify' };

export const CASE_TABS = [
  'overview',
  'negotiation',
  'actions',
  'data',
  'conversation',
  'agreements',
  'members',
  'rejected',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

function isCaseTab(value: string | undefined): value is CaseTab {
  return (CASE_TABS as readonly string[]).includes(value ?? '');
}

/** Parses `#/case/<id>/<tab>` and friends; anything unknown is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, id, tab] = parts;
  if (head === 'case' && id)
    return { name: 'case', caseId: decodeURIComponent(id), tab: isCaseTab(tab) ? tab : 'overview' };
  if (head === 'print' && id) return { name: 'print', caseId: decodeURIComponent(id) };
  if (head === 'settings') return { name: 'settings' };
  if (head === 'join') return { name: 'join', link: '' };
  if (head === 'verify') return { name: 'verify' };
  return { name: 'inbox' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'case':
      return `#/case/${encodeURIComponent(route.caseId)}/${route.tab}`;
    case 'print':
      return `#/print/${encodeURIComponent(route.caseId)}`;
    case 'settings':
      return '#/settings';
    case 'join':
      return '#/join';
    case 'verify':
      return '#/verify';
    default:
      return '#/';
  }
}

interface RouterState {
  readonly route: Route;
  navigate(route: Route): void;
}

/**
 * The invite link being joined is kept in memory only: its secret part must never
 * land in the address bar or history.
 */
export const useRouter = create<RouterState>((set) => ({
  route: parseRoute(typeof location === 'undefined' ? '' : location.hash),
  navigate(route) {
    set({ route });
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRouter.setState({ route: parseRoute(location.hash) }));
  window.addEventListener('hashchange', () => useRouter.setState({ route: parseRoute(location.hash) }));
}
