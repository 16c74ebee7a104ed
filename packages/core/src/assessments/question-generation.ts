import type { TaxonomyEntry } from '../extraction/extracted-skill.ts';
import { JobDescriptionEntity, type JobDescriptionItem } from '../job-descriptions/job-description.entity.ts';
import { effectiveJobSkills } from '../job-descriptions/job-description.skills.ts';
import type { Task, TaskInputSummary } from '../platform/task.schema.ts';
import { beginAttempt, createTask, failAttempt } from '../platform/task.service.ts';
import { sendTaskMessage } from '../platform/task-message.ts';
import { ConflictError, type FieldError, ValidationError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { findSkill, loadTaxonomy } from '../skills/taxonomy.ts';
import { assertQuestionSetManager } from './question.policy.ts';
import {
  type GenerateQuestions,
  type GenerationRequest,
  MAX_GENERATION_SKILLS,
  type QuestionGenerationMessage,
} from './question-generation.schema.ts';
import type { WeightedSkill } from './question-generator.ts';
import { MAX_SET_TITLE } from './question-set.schema.ts';

/** A skill a job description requires counts twice one it only welcomes. */
const REQUIRED_WEIGHT = 2;
const NICE_TO_HAVE_WEIGHT = 1;

/** Longest text of a task's input summary (TaskInputSummary). */
const MAX_SUMMARY_TEXT = 200;

export const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const unknownJobDescription = (id: string) =>
  new ValidationError(`Job description ${id} is not one of your active job descriptions.`, {
    errors: [
      {
        field: 'jobDescriptionId',
        code: 'unknown_job_description',
        message: 'Use the id of an active job description of your tenant',
      },
    ],
  });

export const activeJobDescription = async (tenantId: string, id: string): Promise<JobDescriptionItem> => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId: id }).go();
  if (!data?.isActive) throw unknownJobDescription(id);
  return data;
};

/**
 * A job description's effective skills (the recruiter's override, else the extracted ones),
 * weighted by requirement, required ones first, at most MAX_GENERATION_SKILLS.
 */
export const jobSkills = (item: JobDescriptionItem): WeightedSkill[] => {
  const { required, niceToHave } = effectiveJobSkills(item);
  const weights = new Map<string, number>();
  for (const { skill } of required) weights.set(skill, REQUIRED_WEIGHT);
  for (const { skill } of niceToHave) if (!weights.has(skill)) weights.set(skill, NICE_TO_HAVE_WEIGHT);
  return [...weights].slice(0, MAX_GENERATION_SKILLS).map(([skill, weight]) => ({ skill, weight }));
};

export const noJobSkills = (id: string) =>
  new ConflictError(
    `Job description ${id} has no skills yet: wait until its text has been read, or set its skills, then ask again.`,
  );

/**
 * The asked skills in the taxonomy's canonical names; a term it does not know, or a second term
 * for a skill already listed, is a 400 naming `skills.<index>.skill`, every such field at once.
 */
export const canonicalWeightedSkills = (
  taxonomy: readonly TaxonomyEntry[],
  skills: readonly { skill: string; weight: number }[],
): { skill: string; weight: number }[] => {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const canonical: { skill: string; weight: number }[] = [];
  for (const [index, { skill, weight }] of skills.entries()) {
    const entry = findSkill(taxonomy, skill);
    const field = `skills.${index}.skill`;
    if (!entry) {
      errors.push({ field, code: 'unknown_skill', message: 'Not a skill or alias of your skill taxonomy' });
    } else if (seen.has(entry.skillId)) {
      errors.push({ field, code: 'duplicate', message: `${entry.name} is already listed` });
    } else {
      seen.add(entry.skillId);
      canonical.push({ skill: entry.name, weight });
    }
  }
  if (errors.length) {
    throw new ValidationError('Some skills are not in your skill taxonomy: add them there, or use their names.', {
      errors,
    });
  }
  return canonical;
};

const titleFromSkills = (skills: readonly WeightedSkill[]): string =>
  `${cut(skills.map(({ skill }) => skill).join(', '), MAX_SET_TITLE - ' questions'.length)} questions`;

/** The request as the task will run it: skills canonical, the job description checked, the title settled. */
const settle = async (tenantId: string, body: GenerateQuestions): Promise<GenerationRequest> => {
  const common = {
    count: body.count,
    difficultyMix: body.difficultyMix,
    ...(body.types === undefined ? {} : { types: body.types }),
  };
  if (body.jobDescriptionId !== undefined) {
    const item = await activeJobDescription(tenantId, body.jobDescriptionId);
    if (jobSkills(item).length === 0) throw noJobSkills(body.jobDescriptionId);
    return {
      ...common,
      jobDescriptionId: body.jobDescriptionId,
      title: body.title ?? cut(`Questions for ${item.title}`, MAX_SET_TITLE),
    };
  }
  const skills = canonicalWeightedSkills(await loadTaxonomy(tenantId), body.skills ?? []);
  return { ...common, skills, title: body.title ?? titleFromSkills(skills) };
};

/** What the task list shows of the request: small and flat, no posting text. */
const summaryOf = (request: GenerationRequest): TaskInputSummary => ({
  ...(request.jobDescriptionId === undefined
    ? {
        source: 'skills',
        skills: cut((request.skills ?? []).map(({ skill }) => skill).join(', '), MAX_SUMMARY_TEXT),
      }
    : { source: 'job_description', jobDescriptionId: request.jobDescriptionId }),
  count: request.count,
  title: request.title,
});

export interface RequestGenerationOptions {
  send?: (message: QuestionGenerationMessage) => Promise<void>;
}

/** A task whose message never left cannot run: it is failed at once, so nobody polls it for a month. */
const failUnsent = async (tenantId: string, taskId: string) => {
  await beginAttempt(tenantId, taskId);
  await failAttempt(
    tenantId,
    taskId,
    { code: 'not_queued', message: 'The generation could not be queued; ask for it again.' },
    false,
  );
};

/**
 * Queues the generation of a question set: checks what can be checked now (skills known to the
 * taxonomy, an active job description with skills), creates the `question_generation` task
 * (audited) and sends its message. The task's result will be the new set.
 */
export const requestQuestionGeneration = async (
  actor: Principal,
  body: GenerateQuestions,
  { send = sendTaskMessage }: RequestGenerationOptions = {},
): Promise<Task> => {
  assertQuestionSetManager(actor);
  const request = await settle(actor.tenantId, body);
  const task = await createTask(actor, { kind: 'question_generation', input: summaryOf(request) });
  const message: QuestionGenerationMessage = {
    kind: 'question_generation',
    tenantId: actor.tenantId,
    taskId: task.id,
    actorId: actor.userId,
    request,
  };
  try {
    await send(message);
  } catch (error) {
    // The send's own error is the one to report; a failure to record it changes nothing for the caller.
    await failUnsent(actor.tenantId, task.id).catch(() => undefined);
    throw error;
  }
  return task;
};

// Worker side: the tasks queue's consumer runs the generation (see runQuestionGeneration).
