// Column classification: what each column of a dataset holds. Re-exports only.
export { classifyColumn, type ClassifyColumnOptions } from './classify-column.js';
export { classifyColumns, type TableSample } from './classify-columns.js';
export { COLUMN_TYPES, recognizerRow, type ColumnType } from './column-types.js';
export { normalizeColumnName } from './column-name.js';
export { ENTITY_CATEGORY, classificationOf, entityCategory, entityClassification } from './categories.js';
export { nationalIdCountry } from './national-ids.js';
export { undeclaredEntities, undeclaredEntityList, UNDECLARED_ENTITIES, UNDECLARED_THRESHOLD } from './value-evidence.js';
export {
  CATEGORIES, CLASSIFICATIONS, COLUMN_ENTITIES,
  type Category, type Classification, type ColumnClassification, type ColumnEntity, type ColumnExplanation,
} from './types.js';
