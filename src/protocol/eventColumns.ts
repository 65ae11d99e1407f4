/**
 * Event batches in columns, the form a run's events travel in between processes: the layout
 * (`eventColumnsLayout.ts`), the writer, the reader and checker, the cursor that visits checked events, and the JSONL printer the
 * runner writes its log file with, each in a file of its own. This file is their public face.
 */
export {
  KIND_CODES,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  type BatchColumns,
} from './eventColumnsLayout';
export { EventColumnsWriter, encodeEvents, joinBatches } from './eventColumnsWriter';
export {
  decodeEventColumns,
  type ColumnsRead,
  type ColumnsResult,
  type LogPosition,
} from './eventColumnsReader';
export {
  EventCursor,
  numberField,
  visitEventColumns,
  type NumberField,
} from './eventColumnsCursor';
