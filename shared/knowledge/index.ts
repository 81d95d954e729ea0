/** Knowledge from past cases: the local search index and "save as template". */
export {
  KnowledgeIndex,
  FIELD_BOOSTS,
  KNOWLEDGE_INDEX_FORMAT,
  KNOWLEDGE_INDEX_VERSION,
} from './knowledge-index';
export { templateFromCase } from './template';
export { knowledgeCaseFromSnapshot, templateSourceFromSnapshot } from './from-contract';
export type { ProcessTemplate, TemplateDue, TemplateError, TemplateSource } from './template';
export { KNOWLEDGE_FIELDS } from './types';
export type * from './types';
