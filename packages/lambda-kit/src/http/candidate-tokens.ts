import type { CandidateIdentity } from '@assist-ten/core/test-sessions/candidate-token';

/**
 * Verifies a candidate access token for the functions that serve candidate routes (pass it
 * to createHttpHandler). The token code (jose, the signer, the KMS client) loads on the first
 * candidate request, so staff requests never pay for it at cold start; and only functions that
 * import this carry it in their bundle at all.
 */
export const verifyCandidateToken = async (token: string): Promise<CandidateIdentity> =>
  (await import('@assist-ten/core/test-sessions/candidate-token')).verifyAccessToken(token);
