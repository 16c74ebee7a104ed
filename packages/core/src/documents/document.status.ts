import type { TransitionTable } from '../shared/state-machine.ts';
import type { DocumentStatus } from './document.model.ts';

/**
 * An upload slot becomes an uploaded file, which is checked and read. A file that fails its
 * size or content checks is rejected (and deleted); one that passes but yields no text, or
 * whose processing stopped on an error, is failed. Only failed goes back to processing: a
 * redelivered message retries it. Processed and rejected are final: new bytes are a new document.
 */
export const DOCUMENT_TRANSITIONS: TransitionTable<DocumentStatus> = {
  pending_upload: ['uploaded', 'rejected'],
  uploaded: ['processing', 'rejected'],
  processing: ['processed', 'failed', 'rejected'],
  failed: ['processing'],
  processed: [],
  rejected: [],
};
