import { ApplicationEntity } from '../applications/application.entity.ts';
import { readRequisition } from '../applications/related.ts';
import { CandidateEntity, type CandidateItem } from '../candidates/candidate.entity.ts';
import { loadCandidate } from '../candidates/candidate.service.ts';
import type { StatedSkill, TaxonomyEntry } from '../extraction/extracted-skill.ts';
import type { RequisitionItem } from '../requisitions/requisition.entity.ts';
import { findSkill, loadTaxonomy } from '../skills/taxonomy.ts';
import { type CandidateSkill, scoreMatch } from './score.ts';
import { upsertMatch } from './skill-match.service.ts';

/** Pairs scored at once: enough to overlap round trips, few enough not to throttle a small table. */
const CONCURRENCY = 8;

/** What matching reads of a candidate: the recruiter's override as stated, else the extraction with its confidence. */
export const matchSkillsOf = (candidate: CandidateItem): { skills: CandidateSkill[]; version: string } =>
  candidate.skillOverride
    ? { skills: candidate.skillOverride, version: `override:${candidate.version}` }
    : {
        skills: candidate.extractedSkills.map(({ skill, proficiency, confidence }) => ({
          skill,
          proficiency,
          confidence,
        })),
        version: candidate.extractedFrom?.extractionId ?? 'none',
      };

/** A requisition's skills in the taxonomy's names, so "JS" asked for meets "JavaScript" held. */
const canonical = (taxonomy: readonly TaxonomyEntry[], skills: readonly StatedSkill[] | undefined): StatedSkill[] =>
  (skills ?? []).map((entry) => ({ ...entry, skill: findSkill(taxonomy, entry.skill)?.name ?? entry.skill }));

const scorePair = (
  taxonomy: readonly TaxonomyEntry[],
  candidate: CandidateItem,
  requisition: RequisitionItem,
  applicationId: string | undefined,
) => {
  const { skills, version } = matchSkillsOf(candidate);
  return upsertMatch({
    tenantId: candidate.tenantId,
    requisitionId: requisition.requisitionId,
    candidateId: candidate.candidateId,
    applicationId,
    result: scoreMatch({
      candidateSkills: skills,
      required: canonical(taxonomy, requisition.requiredSkills),
      niceToHave: canonical(taxonomy, requisition.niceToHaveSkills),
    }),
    extractorVersion: version,
    requisitionVersion: requisition.version,
  });
};

const inBatches = async <T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> => {
  for (let start = 0; start < items.length; start += CONCURRENCY) {
    await Promise.all(items.slice(start, start + CONCURRENCY).map(work));
  }
};

const requisitionOf = (tenantId: string, requisitionId: string) => readRequisition(tenantId, requisitionId, true);

/** The page's candidates in one BatchGet, erased ones left out (as loadCandidate has it). */
const candidatesOf = async (tenantId: string, candidateIds: readonly string[]): Promise<Map<string, CandidateItem>> => {
  if (!candidateIds.length) return new Map();
  const keys = [...new Set(candidateIds)].map((candidateId) => ({ tenantId, candidateId }));
  const { data, unprocessed } = await CandidateEntity.get(keys).go();
  // Keys DynamoDB left unprocessed (throttling) are read one by one rather than skipped.
  const rest = await Promise.all(unprocessed.map(({ candidateId }) => loadCandidate(tenantId, candidateId)));
  const found = [...data.filter((item) => item.status !== 'erased'), ...rest.filter((item) => item !== undefined)];
  return new Map(found.map((item) => [item.candidateId, item]));
};

/** Scores one application's pair (a new application). Returns whether there was a pair to score. */
export const matchApplication = async (
  tenantId: string,
  application: { applicationId: string; candidateId: string; requisitionId: string },
): Promise<boolean> => {
  const [candidate, requisition, taxonomy] = await Promise.all([
    loadCandidate(tenantId, application.candidateId, { consistent: true }),
    requisitionOf(tenantId, application.requisitionId),
    loadTaxonomy(tenantId),
  ]);
  if (!candidate || !requisition) return false;
  await scorePair(taxonomy, candidate, requisition, application.applicationId);
  return true;
};

/** Scores a candidate again against every requisition they applied to (their skills changed). Returns the pairs scored. */
export const rematchCandidate = async (tenantId: string, candidateId: string): Promise<number> => {
  const candidate = await loadCandidate(tenantId, candidateId, { consistent: true });
  if (!candidate) return 0;
  const [{ data: applications }, taxonomy] = await Promise.all([
    ApplicationEntity.query
      .byCandidate({ tenantId, candidateId })
      .go({ pages: 'all', attributes: ['applicationId', 'requisitionId'] }),
    loadTaxonomy(tenantId),
  ]);
  let scored = 0;
  await inBatches(applications, async ({ applicationId, requisitionId }) => {
    const requisition = await requisitionOf(tenantId, requisitionId);
    if (!requisition) return;
    await scorePair(taxonomy, candidate, requisition, applicationId);
    scored++;
  });
  return scored;
};

/**
 * Scores every applicant of a requisition again (its skills changed), a page of
 * applications at a time so memory stays flat however many there are. Returns the pairs scored.
 */
export const rematchRequisition = async (
  tenantId: string,
  requisitionId: string,
  onPage: (scored: number) => Promise<void> = async () => undefined,
): Promise<number> => {
  const [requisition, taxonomy] = await Promise.all([requisitionOf(tenantId, requisitionId), loadTaxonomy(tenantId)]);
  if (!requisition) return 0;
  let scored = 0;
  let cursor: string | null = null;
  do {
    const page: { data: { applicationId: string; candidateId: string }[]; cursor: string | null } =
      await ApplicationEntity.query
        .byRequisition({ tenantId, requisitionId })
        .go({ cursor, limit: 100, attributes: ['applicationId', 'candidateId'] });
    const candidates = await candidatesOf(
      tenantId,
      page.data.map(({ candidateId }) => candidateId),
    );
    await inBatches(page.data, async ({ applicationId, candidateId }) => {
      const candidate = candidates.get(candidateId);
      if (!candidate) return;
      await scorePair(taxonomy, candidate, requisition, applicationId);
      scored++;
    });
    await onPage(scored);
    cursor = page.cursor;
  } while (cursor);
  return scored;
};
