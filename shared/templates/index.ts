/** Case templates (process definitions) and the command that starts a case from one. */
export * from './types';
export { TEMPLATES, findTemplate } from './registry';
export { hardwareFaultTemplate } from './hardware-fault';
export { ispRenegotiationTemplate } from './isp-renegotiation';
export { airlineLostItemTemplate } from './airline-lost-item';
export { caseTemplateFromSaved } from './saved-template';
export {
  createCaseFromTemplate,
  type CreateFromTemplateInput,
  type CreatedFromTemplate,
} from './create-from-template';
