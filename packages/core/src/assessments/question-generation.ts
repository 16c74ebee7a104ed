import type { TaxonomyEntry } from '../extraction/extracted-skill.ts';
import { type GenerationSummary, writeGenerationLog } from '../extraction/extraction-log.service.ts';
import { JobDescriptionEntity, type JobDescriptionItem } from '../job-descriptions/job-description.entity.ts';
import { effectiveJobSkills } from '../job-descriptions/job-description.skills.ts';
import type { Task, TaskInputSummary } from '../platform/task.schema.ts';
import { beginAttempt, createTask, failAttempt } from '../platform/task.service.ts';
import { sendTaskMessage } from '../platform/task-message.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { derivedId, newId } from '../shared/ids.ts';
import { type Principal, SYSTEM_ACTOR_ID } from '../shared/principal.ts';
import { findSkill, loadTaxonomy } from '../skills/taxonomy.ts';
import type { QuestionSetSource } from './question.model.ts';
import { assertQuestionSetManager } from './question.policy.ts';
import {
  type GenerateQuestions,
  type GenerationRequest,
  MAX_GENERATION_SKILLS,
  type QuestionGenerationMessage,
} from './question-generation.schema.ts';
import {
  type GenerationInput,
  type GenerationOutput,
  generatorFromEnv,
  type QuestionGenerator,
  type WeightedSkill,
} from './question-generator.ts';
import { MAX_SET_DESCRIPTION, MAX_SET_TITLE } from './question-set.schema.ts';
import { createQuestionSetWithQuestions, loadQuestionSet } from './question-set.service.ts';

/** A skill a job description requires counts twice one it only welcomes. */
const REQUIRED_WEIGHT = 2;
const NICE_TO_HAVE_WEIGHT = 1;

/** Longest text of a task's input summary (TaskInputSummary). */
const MAX_SUMMARY_TEXT = 200;

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

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

const activeJobDescription = async (tenantId: string, id: string): Promise<JobDescriptionItem> => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId: id }).go();
  if (!data?.isActive) throw unknownJobDescription(id);
  return data;
};

/**
 * A job description's effective skills (the recruiter's override, else the extracted ones),
 * weighted by requirement, required ones first, at most MAX_GENERATION_SKILLS.
 */
const jobSkills = (item: JobDescriptionItem): WeightedSkill[] => {
  const { required, niceToHave } = effectiveJobSkills(item);
  const weights = new Map<string, number>();
  for (const { skill } of required) weights.set(skill, REQUIRED_WEIGHT);
  for (const { skill } of niceToHave) if (!weights.has(skill)) weights.set(skill, NICE_TO_HAVE_WEIGHT);
  return [...weights].slice(0, MAX_GENERATION_SKILLS).map(([skill, weight]) => ({ skill, weight }));
};

const noJobSkills = (id: string) =>
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

/** What the run needs of the task runner's job (lambda-kit's TaskJob fits). */
export interface GenerationJob {
  progress(done: number, total?: number): Promise<void>;
}

export interface RunGenerationOptions {
  /** Defaults to `generatorFromEnv()`. */
  generator?: QuestionGenerator;
}

export interface QuestionSetRef {
  type: 'question_set';
  id: string;
}

/** Reading the request, generating, saving. */
const STEPS = 3;

/** The set a task makes: the same id however often the task's message is delivered. */
export const questionSetIdFor = (taskId: string): string => derivedId('questionSet', taskId, taskId);

const setExists = async (tenantId: string, questionSetId: string): Promise<boolean> => {
  try {
    await loadQuestionSet(tenantId, questionSetId, { consistent: true });
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
};

/**
 * Who makes the set: the recruiter who asked, so the set is theirs (createdBy, the audit entry's
 * actor), acting through this task (`requestId` names it). No roles: the route checked them
 * when the task was created, and createQuestionSetWithQuestions checks none.
 */
const requesterOf = ({ tenantId, taskId, actorId }: QuestionGenerationMessage): Principal => ({
  userId: actorId,
  tenantId,
  email: SYSTEM_ACTOR_ID,
  roles: [],
  requestId: `task:${taskId}`,
});

interface Material {
  skills: WeightedSkill[];
  /** The posting text, for a generator that reads it. */
  context?: string;
  source: QuestionSetSource;
  jobTitle?: string;
}

/** What to generate from: the request's skills, or the job description's skills and text as they are now. */
const materialOf = async (tenantId: string, request: GenerationRequest): Promise<Material> => {
  if (request.jobDescriptionId === undefined) return { skills: request.skills ?? [], source: 'generated_from_skills' };
  const item = await activeJobDescription(tenantId, request.jobDescriptionId);
  const skills = jobSkills(item);
  if (skills.length === 0) throw noJobSkills(request.jobDescriptionId);
  return {
    skills,
    source: 'generated_from_jd',
    jobTitle: item.title,
    ...(item.text === undefined ? {} : { context: item.text }),
  };
};

/** What is hashed and measured in the log: everything the generator was given. */
const sentText = (input: GenerationInput): string =>
  [
    JSON.stringify({
      skills: input.skills,
      count: input.count,
      difficultyMix: input.difficultyMix,
      types: input.types,
    }),
    input.context ?? '',
  ].join('\n');

const summaryOfOutput = (output: GenerationOutput): GenerationSummary => {
  const difficulties = { easy: 0, medium: 0, hard: 0 };
  for (const { difficulty } of output.questions) difficulties[difficulty]++;
  return {
    questionCount: output.questions.length,
    skills: [...new Set(output.questions.flatMap(({ skillTags }) => skillTags))],
    difficulties,
    shortfall: output.shortfall ? output.shortfall.asked - output.shortfall.produced : undefined,
    droppedQuestions: output.droppedQuestions,
  };
};

const nothingGenerated = (skills: readonly WeightedSkill[]) =>
  new ConflictError(
    `No questions could be generated for ${cut(skills.map(({ skill }) => skill).join(', '), 300)} of the allowed types. Choose other skills or types, or write the questions yourself.`,
  );

const descriptionOf = (material: Material, output: GenerationOutput): string => {
  const from = material.jobTitle === undefined ? 'skills' : `the job description "${material.jobTitle}"`;
  const skills = summaryOfOutput(output).skills.join(', ');
  return cut(
    `Generated (${output.generator}) from ${from}: ${output.questions.length} questions on ${skills}.`,
    MAX_SET_DESCRIPTION,
  );
};

/**
 * The tasks queue's work of a question generation: reads the job description (skills and text)
 * when asked, runs the configured generator with the task id as seed, and saves the questions
 * as one new set owned by the requester. The set's id derives from the task's, so a message
 * delivered again finds its set made and returns it, and can never make a second. Every run
 * that generates is logged (succeeded or failed) in the extraction log, with counts only.
 */
export const runQuestionGeneration = async (
  message: QuestionGenerationMessage,
  job: GenerationJob,
  { generator }: RunGenerationOptions = {},
): Promise<QuestionSetRef> => {
  const { tenantId, taskId, request } = message;
  const questionSetId = questionSetIdFor(taskId);
  const ref: QuestionSetRef = { type: 'question_set', id: questionSetId };
  if (await setExists(tenantId, questionSetId)) return ref;
  await job.progress(0, STEPS);
  const chosen = generator ?? (await generatorFromEnv());
  const started = performance.now();
  let sent = '';
  let output: GenerationOutput | undefined;
  const log = (result: { summary: GenerationSummary } | { error: unknown }) =>
    writeGenerationLog({
      tenantId,
      extractionId: newId('extraction'),
      questionSetId,
      generator: chosen.kind,
      model: output?.model ?? chosen.model,
      promptVersion: output?.promptVersion ?? chosen.promptVersion,
      text: sent,
      inputTruncated: output?.contextTruncated,
      inputTokens: output?.inputTokens,
      outputTokens: output?.outputTokens,
      durationMs: performance.now() - started,
      result,
    });
  try {
    const material = await materialOf(tenantId, request);
    const input: GenerationInput = {
      skills: material.skills,
      count: request.count,
      difficultyMix: request.difficultyMix,
      ...(request.types === undefined ? {} : { types: request.types }),
      seed: taskId,
      ...(material.context === undefined ? {} : { context: material.context }),
    };
    sent = sentText(input);
    await job.progress(1, STEPS);
    output = await chosen.generate(input);
    if (output.questions.length === 0) throw nothingGenerated(material.skills);
    await job.progress(2, STEPS);
    await createQuestionSetWithQuestions(requesterOf(message), {
      questionSetId,
      title: request.title,
      description: descriptionOf(material, output),
      source: material.source,
      ...(request.jobDescriptionId === undefined ? {} : { jobDescriptionId: request.jobDescriptionId }),
      questions: output.questions,
    }).catch(async (error: unknown) => {
      // A set with this id already exists: an earlier delivery of this message made it.
      if (error instanceof ConflictError && (await setExists(tenantId, questionSetId))) return;
      throw error;
    });
  } catch (error) {
    // The run's own error is the one the task records; a failure to log it must not replace it.
    await log({ error }).catch(() => undefined);
    throw error;
  }
  await log({ summary: summaryOfOutput(output) });
  return ref;
};
