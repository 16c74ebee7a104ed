import {
  CandidateExport,
  CandidateExportPath,
  EraseCandidateBody,
  ErasureReceipt,
  ExportQueued,
  ExportStatus,
} from '@assist-ten/core/candidates/candidate.export.schema';
import {
  Candidate,
  CandidatePage,
  CandidatePath,
  CreateCandidateBody,
  ListCandidatesQuery,
  UpdateCandidateBody,
} from '@assist-ten/core/candidates/candidate.schema';
import { route } from './define.ts';

const CANDIDATES = '/api/v1/recruiter/candidates';
const candidateManagers = { type: 'staff', roles: ['recruiter', 'admin'] } as const;
/** A person's request about their own data (erasure, access) is an admin's to grant. */
const dataOfficers = { type: 'staff', roles: ['admin'] } as const;

export const candidateRoutes = [
  route({
    method: 'POST',
    path: CANDIDATES,
    context: 'candidates',
    auth: candidateManagers,
    summary: 'Create a candidate (409 with existingCandidateId when the email is already one)',
    request: { body: CreateCandidateBody },
    response: { status: 201, body: Candidate, description: 'The new candidate' },
    idempotent: true,
    personalData: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: CANDIDATES,
    context: 'candidates',
    auth: candidateManagers,
    summary: 'List candidates, newest first, or find one by exact email',
    request: { query: ListCandidatesQuery },
    response: { status: 200, body: CandidatePage, description: 'One page of candidates' },
  }),
  route({
    method: 'GET',
    path: `${CANDIDATES}/{id}`,
    context: 'candidates',
    auth: candidateManagers,
    summary: 'Get a candidate, contact details decrypted, with extracted, overridden and effective skills',
    request: { path: CandidatePath },
    response: { status: 200, body: Candidate, description: 'The candidate, with its version as ETag' },
    versioned: true,
    resource: 'candidate',
  }),
  route({
    method: 'PATCH',
    path: `${CANDIDATES}/{id}`,
    context: 'candidates',
    auth: candidateManagers,
    summary: "Change a candidate's details or skill override (If-Match honoured; null clears)",
    request: { path: CandidatePath, body: UpdateCandidateBody },
    response: { status: 200, body: Candidate, description: 'The updated candidate' },
    versioned: true,
    resource: 'candidate',
  }),
  route({
    method: 'POST',
    path: `${CANDIDATES}/{id}/erase`,
    context: 'candidates',
    auth: dataOfficers,
    summary:
      'Erase a candidate (right to erasure): personal data, key, files, notes and free text removed; a retry finishes an interrupted erasure',
    request: { path: CandidatePath, body: EraseCandidateBody },
    response: { status: 200, body: ErasureReceipt, description: 'What was removed, counted' },
    resource: 'candidate',
  }),
  route({
    method: 'GET',
    path: `${CANDIDATES}/{id}/export`,
    context: 'candidates',
    auth: dataOfficers,
    summary:
      'Export everything held about a candidate as one JSON document; 202 with a taskId when it is too large for a response',
    request: { path: CandidatePath },
    response: { status: 200, body: CandidateExport, description: 'The export' },
    accepted: {
      body: ExportQueued,
      description: 'Too large for a response: built by a background task; Location is its status route',
    },
    resource: 'candidate',
  }),
  route({
    method: 'GET',
    path: `${CANDIDATES}/{id}/exports/{taskId}`,
    context: 'candidates',
    auth: dataOfficers,
    summary: 'Status of a queued export; a 60-second download link once it is built',
    request: { path: CandidateExportPath },
    response: { status: 200, body: ExportStatus, description: "The export task's status, and the link when done" },
    resource: 'candidate',
  }),
] as const;
