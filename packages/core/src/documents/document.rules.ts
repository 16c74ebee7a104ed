import { PayloadTooLargeError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';
import { MAX_DOCUMENT_BYTES } from './document.model.ts';

/** Recruiters file resumes and job descriptions; admins oversee them. */
export const DOCUMENT_ROLES: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageDocuments = (actor: Principal): boolean => hasAnyRole(actor, DOCUMENT_ROLES);

/** Refused before any slot is made: S3 would refuse the upload anyway, and the 413 says why up front. */
export const assertUploadSize = (contentLength: number): void => {
  if (contentLength <= MAX_DOCUMENT_BYTES) return;
  const megabytes = MAX_DOCUMENT_BYTES / 1024 / 1024;
  throw new PayloadTooLargeError(`A document may have at most ${megabytes} MB; this one has ${contentLength} bytes.`, {
    errors: [
      { field: 'contentLength', code: 'too_large', message: `At most ${MAX_DOCUMENT_BYTES} bytes (${megabytes} MB)` },
    ],
    extensions: { maxBytes: MAX_DOCUMENT_BYTES },
  });
};
