import {
  archiveJobDescription,
  createJobDescription,
  getJobDescription,
  listJobDescriptions,
  updateJobDescription,
} from '@assist-ten/core/job-descriptions/job-description.service';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { jobDescriptionRoutes } from './routes.ts';

export const handler = createHttpHandler(jobDescriptionRoutes, {
  'POST /api/v1/recruiter/job-descriptions': async ({ principal, body }) => {
    const jobDescription = await createJobDescription(principal, body);
    return { body: jobDescription, location: `/api/v1/recruiter/job-descriptions/${jobDescription.id}` };
  },
  'GET /api/v1/recruiter/job-descriptions': async ({ principal, query }) => ({
    body: await listJobDescriptions(principal, query),
  }),
  'GET /api/v1/recruiter/job-descriptions/{id}': async ({ principal, path }) => ({
    body: await getJobDescription(principal, path.id),
  }),
  'PATCH /api/v1/recruiter/job-descriptions/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateJobDescription(principal, path.id, body, ifMatch),
  }),
  'DELETE /api/v1/recruiter/job-descriptions/{id}': async ({ principal, path }) => {
    await archiveJobDescription(principal, path.id);
    return {};
  },
});
