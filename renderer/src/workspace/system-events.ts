import type { SystemEventKind } from '../../../shared/contract/model';

/** A small glyph per kind of system event, so the log scans at a glance (decorative only). */
export function systemEventIcon(kind: SystemEventKind): string {
  switch (kind) {
    case 'signed':
    case 'agreed':
      return '✍';
    case 'proposal-made':
    case 'proposal-countered':
      return '⇄';
    case 'proposal-accepted':
    case 'proposal-applied':
      return '✓';
    case 'proposal-rejected':
    case 'proposal-withdrawn':
      return '✕';
    case 'member-added':
    case 'member-joined':
    case 'party-added':
      return '+';
    case 'member-removed':
      return '−';
    case 'sla-at-risk':
    case 'sla-breached':
      return '!';
    default:
      return '•';
  }
}
