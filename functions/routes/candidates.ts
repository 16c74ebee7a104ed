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
] as const;
