import { identityProvider } from '@assist-ten/core/identity/identity-provider';
import { isSlugTaken, provisionTenant } from '@assist-ten/core/identity/tenant-provisioning';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import type { Principal } from '@assist-ten/core/shared/principal';
import { emailAddress, text } from '@assist-ten/core/shared/schema';
import * as z from 'zod/mini';

const Input = z.object({ email: emailAddress, name: text(200), slug: z.string().check(z.regex(/^[a-z0-9-]{3,63}$/)) });

export type BootstrapResult =
  | { created: true; tenantId: string; email: string; slug: string }
  | { created: false; slug: string };

/** The platform tenant and its first superadmin; idempotent on the slug. */
export const bootstrapPlatform = async (input: {
  email: string;
  name: string;
  slug: string;
}): Promise<BootstrapResult> => {
  const parsed = Input.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      `Give --email and --name: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
    );
  }
  const { email, name, slug } = parsed.data;
  if (await isSlugTaken(slug)) return { created: false, slug };
  const tenantId = newId('tenant');
  const userId = newId('user');
  const actor: Principal = { userId, tenantId, email, roles: ['superadmin'], requestId: `bootstrap-${Date.now()}` };
  await provisionTenant(
    actor,
    {
      tenantId,
      name: 'Assist-Ten platform',
      slug,
      plan: 'enterprise',
      contact: { name, email },
      region: process.env.AWS_REGION ?? 'us-east-1',
      users: [{ userId, email, name, roles: ['superadmin'] }],
      emailField: () => 'email',
    },
    identityProvider(),
  );
  return { created: true, tenantId, email, slug };
};
