/** The routes the documents function serves; it bundles these schemas and no other context's. */
export { documentRoutes } from '../../routes/documents.ts';
