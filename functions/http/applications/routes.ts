/** The routes the applications function serves; it bundles these schemas and no other context's. */
export { applicationRoutes } from '../../routes/applications.ts';
