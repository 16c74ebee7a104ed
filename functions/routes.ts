import { auditRoutes } from './routes/audit.ts';
import { featureFlagRoutes } from './routes/feature-flags.ts';
import { identityRoutes } from './routes/identity.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { metricRoutes } from './routes/metrics.ts';
import { platformRoutes } from './routes/platform.ts';
import { requisitionRoutes } from './routes/requisitions.ts';
import { settingsRoutes } from './routes/settings.ts';

/**
 * THE route table. Every endpoint is listed once, in the file of its bounded context
 * (./routes/<context>.ts); CDK, the context dispatchers, the local gateway, the OpenAPI
 * document and the security matrix test all read this list.
 */
export const routes = [
  ...platformRoutes,
  ...identityRoutes,
  ...settingsRoutes,
  ...featureFlagRoutes,
  ...incidentRoutes,
  ...metricRoutes,
  ...auditRoutes,
  ...requisitionRoutes,
] as const;

export type Route = (typeof routes)[number];
export type RouteKey = Route['routeKey'];
export type Context = Route['context'];
export type RouteKeyOf<C extends Context> = Extract<Route, { context: C }>['routeKey'];

export const CONTEXTS: readonly Context[] = [...new Set(routes.map((entry) => entry.context))];

export const routesByKey: ReadonlyMap<string, Route> = new Map(routes.map((entry) => [entry.routeKey, entry]));

/** The routes one context's Lambda serves. */
export const routesOf = <C extends Context>(context: C): Extract<Route, { context: C }>[] =>
  routes.filter((entry): entry is Extract<Route, { context: C }> => entry.context === context);
