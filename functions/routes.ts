import { applicationRoutes } from './http/applications/routes.ts';
import { assessmentContextRoutes } from './http/assessments/routes.ts';
import { candidateRoutes } from './http/candidates/routes.ts';
import { documentRoutes } from './http/documents/routes.ts';
import { feedbackContextRoutes } from './http/feedback/routes.ts';
import { identityRoutes } from './http/identity/routes.ts';
import { interviewContextRoutes } from './http/interviews/routes.ts';
import { jobDescriptionRoutes } from './http/job-descriptions/routes.ts';
import { notificationRoutes } from './http/notifications/routes.ts';
import { platformRoutes } from './http/platform/routes.ts';
import { proctoringContextRoutes } from './http/proctoring/routes.ts';
import { requisitionRoutes } from './http/requisitions/routes.ts';
import { skillRoutes } from './http/skills/routes.ts';
import { testSessionContextRoutes } from './http/test-sessions/routes.ts';

/**
 * THE route table. Every endpoint is listed once, in the file of its feature
 * (./routes/<feature>.ts), and each context's function serves the list in
 * ./http/<context>/routes.ts, so its bundle holds its own schemas only. CDK, the local
 * gateway, the OpenAPI document and the security matrix test all read this whole list.
 */
export const CONTEXT_ROUTES = {
  platform: platformRoutes,
  identity: identityRoutes,
  requisitions: requisitionRoutes,
  notifications: notificationRoutes,
  candidates: candidateRoutes,
  documents: documentRoutes,
  skills: skillRoutes,
  applications: applicationRoutes,
  'job-descriptions': jobDescriptionRoutes,
  assessments: assessmentContextRoutes,
  'test-sessions': testSessionContextRoutes,
  proctoring: proctoringContextRoutes,
  interviews: interviewContextRoutes,
  feedback: feedbackContextRoutes,
} as const;

export const routes = [
  ...platformRoutes,
  ...identityRoutes,
  ...requisitionRoutes,
  ...notificationRoutes,
  ...candidateRoutes,
  ...documentRoutes,
  ...skillRoutes,
  ...applicationRoutes,
  ...jobDescriptionRoutes,
  ...assessmentContextRoutes,
  ...testSessionContextRoutes,
  ...proctoringContextRoutes,
  ...interviewContextRoutes,
  ...feedbackContextRoutes,
] as const;

// A route listed under another context's function would be served by the wrong Lambda.
for (const [context, list] of Object.entries(CONTEXT_ROUTES)) {
  for (const route of list) {
    if (route.context !== context)
      throw new Error(`${route.routeKey} (context ${route.context}) is listed under ${context}`);
  }
}

export type Route = (typeof routes)[number];
export type RouteKey = Route['routeKey'];
export type Context = Route['context'];
export type RouteKeyOf<C extends Context> = Extract<Route, { context: C }>['routeKey'];

export const CONTEXTS: readonly Context[] = [...new Set(routes.map((entry) => entry.context))];

export const routesByKey: ReadonlyMap<string, Route> = new Map(routes.map((entry) => [entry.routeKey, entry]));
