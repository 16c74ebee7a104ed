import {
  CreateJobDescriptionBody,
  JobDescription,
  JobDescriptionPage,
  JobDescriptionPath,
  ListJobDescriptionsQuery,
  UpdateJobDescriptionBody,
} from '@assist-ten/core/job-descriptions/job-description.schema';
import { route } from './define.ts';

const JOB_DESCRIPTIONS = '/api/v1/recruiter/job-descriptions';
const managers = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

export const jobDescriptionRoutes = [
  route({
    method: 'POST',
    path: JOB_DESCRIPTIONS,
    context: 'job-descriptions',
    auth: managers,
    summary: 'Create a job description from its text (skills extracted at once) or to upload its document next',
    request: { body: CreateJobDescriptionBody },
    response: { status: 201, body: JobDescription, description: 'The job description, ready or awaiting its document' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: JOB_DESCRIPTIONS,
    context: 'job-descriptions',
    auth: managers,
    summary: 'List job descriptions, newest first (archived ones with ?includeArchived=true)',
    request: { query: ListJobDescriptionsQuery },
    response: { status: 200, body: JobDescriptionPage, description: 'One page of job descriptions' },
  }),
  route({
    method: 'GET',
    path: `${JOB_DESCRIPTIONS}/{id}`,
    context: 'job-descriptions',
    auth: managers,
    summary: 'Get a job description with its extracted, overridden and effective skills',
    request: { path: JobDescriptionPath },
    response: { status: 200, body: JobDescription, description: 'The job description, with its version as ETag' },
    versioned: true,
    resource: 'jobDescription',
  }),
  route({
    method: 'PATCH',
    path: `${JOB_DESCRIPTIONS}/{id}`,
    context: 'job-descriptions',
    auth: managers,
    summary: 'Edit a job description: new text is read again; skills set or clear the override (If-Match honoured)',
    request: { path: JobDescriptionPath, body: UpdateJobDescriptionBody },
    response: { status: 200, body: JobDescription, description: 'The updated job description' },
    versioned: true,
    resource: 'jobDescription',
  }),
  route({
    method: 'DELETE',
    path: `${JOB_DESCRIPTIONS}/{id}`,
    context: 'job-descriptions',
    auth: managers,
    summary: 'Archive a job description (requisitions that use it keep their skills)',
    request: { path: JobDescriptionPath },
    response: { status: 204, description: 'Archived (also when it already was)' },
    resource: 'jobDescription',
  }),
] as const;
