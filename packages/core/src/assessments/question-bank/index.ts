import { QuestionContent } from '../question.content.ts';
import type { BankEntry, BankQuestion } from './bank-entry.ts';
import { cloudQuestions } from './cloud.ts';
import { dataQuestions } from './data-ml.ts';
import { dataStoreQuestions } from './data-stores.ts';
import { devopsQuestions } from './devops.ts';
import { engineeringQuestions } from './engineering.ts';
import { frameworkQuestions } from './frameworks.ts';
import { generalLanguageQuestions } from './languages-general.ts';
import { webLanguageQuestions } from './languages-web.ts';
import { qualityAndSecurityQuestions } from './quality-security.ts';
import { waysOfWorkingQuestions } from './ways-of-working.ts';

export type { BankEntry, BankQuestion } from './bank-entry.ts';

/**
 * Bump with any change to the bank's questions: the extraction log records which bank a
 * generated set was drawn from, as it records a model's prompt version.
 */
export const BANK_VERSION = 'bank-v1';

/** Every question of the seeded bank, as written (a unit test validates each one). */
export const BANK_ENTRIES: readonly BankEntry[] = [
  ...webLanguageQuestions,
  ...generalLanguageQuestions,
  ...frameworkQuestions,
  ...dataStoreQuestions,
  ...cloudQuestions,
  ...devopsQuestions,
  ...dataQuestions,
  ...qualityAndSecurityQuestions,
  ...engineeringQuestions,
  ...waysOfWorkingQuestions,
];

let parsed: readonly BankQuestion[] | undefined;

/** The bank with its defaults filled in, parsed on first use (not at cold start: most callers never read it). */
export const bankQuestions = (): readonly BankQuestion[] => {
  parsed ??= BANK_ENTRIES.map(({ id, question }) => ({ id, question: QuestionContent.parse(question) }));
  return parsed;
};
