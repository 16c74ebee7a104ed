import { isoNow } from './clock.ts';

/**
 * Attributes every entity carries. `updatedAt` is rewritten on every write; `version`
 * is the optimistic-concurrency counter behind ETag / If-Match.
 */
export const trackedAttributes = {
  createdAt: { type: 'string', required: true, readOnly: true, default: () => isoNow() },
  updatedAt: {
    type: 'string',
    required: true,
    watch: '*',
    default: () => isoNow(),
    set: () => isoNow(),
  },
  createdBy: { type: 'string', required: true, readOnly: true },
  updatedBy: { type: 'string', required: true },
  version: { type: 'number', required: true, default: 1 },
} as const;

/** The bookkeeping of items the system writes without a person behind each write. */
export const timestampAttributes = {
  createdAt: trackedAttributes.createdAt,
  updatedAt: trackedAttributes.updatedAt,
  version: trackedAttributes.version,
} as const;
