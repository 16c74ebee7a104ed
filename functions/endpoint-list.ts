import type { RouteAuth } from '@assist-ten/lambda-kit/http/route';
import { routes } from './routes.ts';

export const ENDPOINTS_START = '<!-- endpoints:start (npm run openapi rewrites this list from functions/routes.ts) -->';
export const ENDPOINTS_END = '<!-- endpoints:end -->';

const whoMayCall = (auth: RouteAuth): string => {
  switch (auth.type) {
    case 'public':
      return 'anyone';
    case 'candidate':
      return 'candidate session';
    case 'staff':
      return auth.roles.join(', ');
  }
};

/** The README's endpoint table, made from the route table. */
export const endpointTable = (): string =>
  [
    '| method | path | who | what |',
    '| --- | --- | --- | --- |',
    ...routes.map((route) => `| ${route.method} | \`${route.path}\` | ${whoMayCall(route.auth)} | ${route.summary} |`),
  ].join('\n');

export const withEndpointTable = (readme: string): string => {
  const start = readme.indexOf(ENDPOINTS_START);
  const end = readme.indexOf(ENDPOINTS_END);
  if (start < 0 || end < start) throw new Error('README.md lacks the endpoint list markers');
  return `${readme.slice(0, start + ENDPOINTS_START.length)}\n${endpointTable()}\n${readme.slice(end)}`;
};
