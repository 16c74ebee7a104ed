import { parseArgs } from 'node:util';

/**
 * `npm run bootstrap -- --email you@company.com --name "Your Name"`: creates the platform
 * tenant of a freshly deployed stage and its first superadmin, who then creates every other
 * tenant through the API. Needs TABLE_NAME, USER_POOL_ID and AWS_REGION of the stage (the
 * stack's outputs) and AWS credentials allowed to write both. Running it again does nothing.
 */
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    slug: { type: 'string', default: 'platform' },
  },
});

const { bootstrapPlatform } = await import('./bootstrap.ts');
const result = await bootstrapPlatform({
  email: values.email ?? '',
  name: values.name ?? '',
  slug: values.slug ?? 'platform',
}).catch((error: unknown) => {
  console.error(`Bootstrap failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(
  result.created
    ? `Created the platform tenant ${result.tenantId} and superadmin ${result.email}: Cognito emails them a temporary password.`
    : `The platform tenant '${result.slug}' exists already; nothing changed.`,
);
