/** The routes the job-descriptions function serves; it bundles these schemas and no other context's. */
export { jobDescriptionRoutes } from '../../routes/job-descriptions.ts';
