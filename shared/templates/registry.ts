/** The shipped case templates, by id. */
import { airlineLostItemTemplate } from './airline-lost-item';
import { hardwareFaultTemplate } from './hardware-fault';
import { ispRenegotiationTemplate } from './isp-renegotiation';
import type { CaseTemplate } from './types';

export const TEMPLATES: readonly CaseTemplate[] = [
  hardwareFaultTemplate,
  ispRenegotiationTemplate,
  airlineLostItemTemplate,
];

export function findTemplate(id: string): CaseTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
