/** Knowledge from past cases: the local search index and "save as template". */
export {
  KnowledgeIndex,
  FIELD_BOOSTS,
  KNOWLEDGE_INDEX_FORMAT,
  KNOWLEDGE_INDEX_VERSION,
} from './knowledge-index';
export { templateErrorSentence, templateFromCase } from './template';
export {
  PROCESS_TEMPLATE_FORMAT,
  PROCESS_TEMPLATE_VERSION,
  parseProcessTemplate,
  readProcessTemplate,
  templateFileErrorSentence,
  templateIdFor,
  writeProcessTemplate,
} from './template-file';
export type { TemplateFileError, TemplateFileResult } from './template-file';
export { knowledgeCaseFromSnapshot, templateSourceFromSnapshot } from './from-contract';
export type { ProcessTemplate, TemplateDue, TemplateError, TemplateSource } from './template';
export { KNOWLEDGE_FIELDS } from './types';
export type * from './types';
