import { CandidateEntity } from '../candidates/candidate.entity.ts';

const BATCH_ATTEMPTS = 4;
const BATCH_PAUSE_MS = 50;

/**
 * The names of candidates by id, in one BatchGet of two attributes (as applications'
 * candidateNameOf reads one): an erased or missing candidate has no entry. Keys DynamoDB
 * leaves unprocessed are asked again after a pause.
 */
export const candidateNamesOf = async (
  tenantId: string,
  candidateIds: readonly string[],
): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  let keys = [...new Set(candidateIds)].map((candidateId) => ({ tenantId, candidateId }));
  for (let attempt = 1; keys.length > 0; attempt++) {
    const { data, unprocessed } = await CandidateEntity.get(keys).go({
      attributes: ['candidateId', 'fullName', 'status'],
    });
    for (const candidate of data) {
      if (candidate.status !== 'erased') names.set(candidate.candidateId, candidate.fullName);
    }
    keys = unprocessed.map(({ candidateId }) => ({ tenantId, candidateId }));
    if (keys.length === 0) break;
    if (attempt >= BATCH_ATTEMPTS) throw new Error(`${keys.length} candidates stayed unread after ${attempt} reads.`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * BATCH_PAUSE_MS * 2 ** attempt));
  }
  return names;
};
