/** The vocabulary of a candidate, shared by its entity, schemas and rules. */
export const CANDIDATE_SOURCES = [
  'career_site',
  'referral',
  'sourced',
  'agency',
  'job_board',
  'event',
  'other',
] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

/** `erased` is final: the personal data and the key that opened it are gone, the id stays for references. */
export const CANDIDATE_STATUSES = ['active', 'erased'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** Field names of the encrypted values, also part of each ciphertext's AAD: renaming one breaks decryption. */
export const ENCRYPTED_FIELDS = { email: 'email', phone: 'phone' } as const;
