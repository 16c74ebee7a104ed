import { type GenerationSummary, writeGenerationLog } from '../extraction/extraction-log.service.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { derivedId, newId } from '../shared/ids.ts';
import { type Principal, SYSTEM_ACTOR_ID } from '../shared/principal.ts';
import type { QuestionSetSource } from './question.model.ts';
import type { GenerationRequest, QuestionGenerationMessage } from './question-generation.schema.ts';
import { activeJobDescription, cut, jobSkills, noJobSkills } from './question-generation.ts';
import {
  type GenerationInput,
  type GenerationOutput,
  generatorFromEnv,
  type QuestionGenerator,
  type WeightedSkill,
} from './question-generator.ts';
import { MAX_SET_DESCRIPTION } from './question-set.schema.ts';
import { createQuestionSetWithQuestions, loadQuestionSet } from './question-set.service.ts';

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
