import { call, tokenFor } from './api.ts';

const known = new Map<string, Promise<{ userId: string; tenantId: string }>>();

/** The user id and tenant id of a signed-in user, as GET /api/v1/me tells them. */
export const whoIs = (email: string): Promise<{ userId: string; tenantId: string }> => {
  let found = known.get(email);
  if (!found) {
    found = tokenFor(email).then(async (token) => {
      const response = await call<{ id: string; tenant: { id: string } }>('GET', '/api/v1/me', { token });
      if (response.status !== 200) throw new Error(`GET /api/v1/me as ${email} -> ${response.status}`);
      return { userId: response.body.id, tenantId: response.body.tenant.id };
    });
    known.set(email, found);
  }
  return found;
};
