export { requisitionRoutes } from '../../routes/requisitions.ts';
