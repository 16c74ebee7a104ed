import type { FileKind } from '@assist-ten/core/shared/files';
import type { QueueName } from '@assist-ten/core/shared/queues';
import type { CONTEXT_ROUTES } from './routes.ts';

export type FileAction = 'read' | 'write' | 'delete' | 'tag';

/** `sign` issues candidate access tokens (and verifies them); `verify` only verifies them. */
export type CandidateTokenAccess = 'sign' | 'verify';

/** What a function may touch beyond reading and writing the table; CDK grants exactly this. */
export interface FunctionAccess {
  /** Queues it sends messages to. */
  sendsTo?: readonly QueueName[];
  /** Sends email through SES. */
  email?: boolean;
  /** Pushes to WebSocket connections. */
  realtime?: boolean;
  /** Encrypts and decrypts candidates' personal data and computes its blind indexes (the two KMS keys). */
  personalData?: boolean;
  /**
   * Tenant files it may touch, per kind (`tenant/<t>/<kind>/...`). Presigning an upload
   * needs `write` and presigning a download `read`: the URL carries the signer's rights.
   */
  files?: { readonly [K in FileKind]?: readonly FileAction[] };
  /** Calls Amazon Bedrock (the skill extractor), when the stage names a model. */
  bedrock?: boolean;
  /** Counts the faces in proctoring snapshots (Amazon Rekognition DetectFaces). */
  faceAnalysis?: boolean;
  /** Uses the KMS key of candidate access tokens (core/test-sessions/token-signer). */
  candidateTokens?: CandidateTokenAccess;
}

/** The access of each HTTP context's function; a context not listed reads and writes the table only. */
export const CONTEXT_ACCESS: { readonly [C in keyof typeof CONTEXT_ROUTES]?: FunctionAccess } = {
  candidates: {
    personalData: true,
    // A large export is built by a background task.
    sendsTo: ['tasks'],
    // Erasure deletes a candidate's files, exports included; an export is written and handed out as a file.
    files: {
      documents: ['delete'],
      'document-text': ['read', 'delete'],
      exports: ['write', 'read', 'delete'],
      snapshots: ['delete'],
    },
  },
  documents: { files: { documents: ['write', 'read'], 'document-text': ['read'] } },
  // A job description typed in is read at once, by the stage's extractor.
  'job-descriptions': { bedrock: true },
  // Invitations: the candidate's email is decrypted to send them their link; large calls and
  // question generation go to background tasks.
  assessments: { personalData: true, email: true, sendsTo: ['tasks'] },
  // Exchanges invitations and refresh tokens for access tokens, and verifies them on every candidate route.
  'test-sessions': { candidateTokens: 'sign' },
  // Verifies candidate tokens; presigns snapshot uploads and, for reviewers, their downloads;
  // hands new events and reviewers' decisions to the proctoring queue for evaluation.
  proctoring: { candidateTokens: 'verify', files: { snapshots: ['write', 'read'] }, sendsTo: ['proctoring'] },
};
