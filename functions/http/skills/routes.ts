/** The routes the skills function serves; it bundles these schemas and no other context's. */
export { skillRoutes } from '../../routes/skills.ts';
