/** The routes the candidates function serves; it bundles these schemas and no other context's. */
export { candidateRoutes } from '../../routes/candidates.ts';
