import {
  APPLICATION_STAGES,
  type ApplicationStage,
  isOpenStage,
  OPEN_STAGES,
  type OpenStage,
  PIPELINE,
  type PipelineStage,
  pipelineIndex,
} from './application.model.ts';

/**
 * The funnel of a requisition is kept as counters, changed by ADD in every transaction that
 * creates or moves an application, so reading it is one GetItem however many applications
 * there are. Durations are kept as histograms over fixed, roughly log-scaled buckets of
 * hours; a median read from them is an interpolation inside one bucket (see medianHours).
 */

/** Upper bounds (exclusive, hours) of every bucket but the last, which is open-ended. */
export const BUCKET_UPPER_HOURS = [1, 4, 12, 24, 48, 96, 168, 336, 720, 1440] as const;
export const BUCKET_COUNT = BUCKET_UPPER_HOURS.length + 1;

type Bucket = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10';
const BUCKETS = Array.from({ length: BUCKET_COUNT }, (_, index) => String(index) as Bucket);

type Named<S extends string> = Capitalize<S>;
const named = <S extends string>(stage: S): Named<S> => `${stage.charAt(0).toUpperCase()}${stage.slice(1)}` as Named<S>;

/** Applications in the stage now. */
export type CurrentField = `current${Named<ApplicationStage>}`;
/** Applications that ever reached the stage (see enteredStages). */
export type EnteredField = `entered${Named<ApplicationStage>}`;
/** Stays in an open stage that ended, by how long they lasted. */
export type StayField = `hoursIn${Named<OpenStage>}${Bucket}`;
/** Hires, by how long they took from application. */
export type HireField = `hoursToHire${Bucket}`;
export type CounterField = CurrentField | EnteredField | StayField | HireField;

export const currentField = (stage: ApplicationStage): CurrentField => `current${named(stage)}`;
export const enteredField = (stage: ApplicationStage): EnteredField => `entered${named(stage)}`;
const stayField = (stage: OpenStage, bucket: Bucket): StayField => `hoursIn${named(stage)}${bucket}`;
const hireField = (bucket: Bucket): HireField => `hoursToHire${bucket}`;

export const COUNTER_FIELDS: readonly CounterField[] = [
  ...APPLICATION_STAGES.map(currentField),
  ...APPLICATION_STAGES.map(enteredField),
  ...OPEN_STAGES.flatMap((stage) => BUCKETS.map((bucket) => stayField(stage, bucket))),
  ...BUCKETS.map(hireField),
];

export type CounterDeltas = Partial<Record<CounterField, number>>;
export type Counters = Partial<Record<CounterField, number | undefined>>;

export const bucketOf = (hours: number): number => {
  const index = BUCKET_UPPER_HOURS.findIndex((upper) => hours < upper);
  return index === -1 ? BUCKET_COUNT - 1 : index;
};

const lowerOf = (bucket: number): number => (bucket === 0 ? 0 : (BUCKET_UPPER_HOURS[bucket - 1] ?? 0));

/**
 * The median of a histogram, in hours, rounded to 0.1: the bucket holding the middle
 * sample is found exactly; inside it the samples are assumed spread evenly, so the result
 * is off by at most that bucket's width (e.g. a true 30 h in the 1-2 d bucket may read as
 * anything from 24 h to 48 h). In the open-ended last bucket it is that bucket's lower
 * bound (60 days): a floor, not an estimate. Null without samples.
 */
export const medianHours = (histogram: readonly number[]): number | null => {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const middle = total / 2;
  let below = 0;
  for (const [bucket, count] of histogram.entries()) {
    if (count > 0 && below + count >= middle) {
      const lower = lowerOf(bucket);
      const upper = BUCKET_UPPER_HOURS[bucket];
      if (upper === undefined) return lower;
      return Math.round((lower + ((middle - below) / count) * (upper - lower)) * 10) / 10;
    }
    below += count;
  }
  return null;
};

export const hoursBetween = (from: string, to: string): number =>
  Math.max(0, (Date.parse(to) - Date.parse(from)) / 3_600_000);

/** A new application: it is in, and has entered, `applied`. */
export const creationDeltas = (): CounterDeltas => ({ currentApplied: 1, enteredApplied: 1 });

/**
 * The pipeline stages an application enters for the first time when it moves from having
 * reached `furthest` to `to`. Skipped stages count as passed through (an application moved
 * from applied to interview did get past screening), so "entered" never grows down the
 * funnel and every conversion is at most 1. Moving back enters nothing.
 */
export const enteredStages = (furthest: PipelineStage, to: ApplicationStage): ApplicationStage[] => {
  if (to === 'rejected' || to === 'withdrawn') return [to];
  return PIPELINE.slice(pipelineIndex(furthest) + 1, pipelineIndex(to) + 1);
};

export interface StageMove {
  from: ApplicationStage;
  to: ApplicationStage;
  furthest: PipelineStage;
  /** When the application entered `from`, applied, and now (ISO). */
  stageEnteredAt: string;
  appliedAt: string;
  at: string;
}

/** The counter changes of one move: out of one stage into another, the stay it ended, a hire's duration. */
export const moveDeltas = (move: StageMove): CounterDeltas => {
  const deltas: CounterDeltas = { [currentField(move.from)]: -1, [currentField(move.to)]: 1 };
  for (const stage of enteredStages(move.furthest, move.to)) deltas[enteredField(stage)] = 1;
  if (isOpenStage(move.from)) {
    const bucket = String(bucketOf(hoursBetween(move.stageEnteredAt, move.at))) as Bucket;
    deltas[stayField(move.from, bucket)] = 1;
  }
  if (move.to === 'hired') deltas[hireField(String(bucketOf(hoursBetween(move.appliedAt, move.at))) as Bucket)] = 1;
  return deltas;
};

export const furthestAfter = (furthest: PipelineStage, to: ApplicationStage): PipelineStage =>
  pipelineIndex(to) > pipelineIndex(furthest) ? (to as PipelineStage) : furthest;

const countOf = (counters: Counters, field: CounterField): number => Math.max(0, counters[field] ?? 0);

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

export interface StageFunnel {
  stage: ApplicationStage;
  current: number;
  entered: number;
  /** entered / entered of the previous pipeline stage; null for applied, the exits, or nothing before. */
  conversionFromPrevious: number | null;
  /** Open stages only: the median of finished stays (see medianHours); null otherwise or without any. */
  medianHoursInStage: number | null;
  /** How many finished stays the median is taken over. */
  completedStays: number;
}

export interface FunnelView {
  stages: StageFunnel[];
  totals: {
    applications: number;
    active: number;
    hired: number;
    rejected: number;
    withdrawn: number;
    /** hired / applications */
    hireRate: number | null;
    medianHoursToHire: number | null;
  };
  /** The buckets every median is read from, so a reader can judge its precision. */
  bucketUpperHours: number[];
}

/** The funnel as the API shows it, from the counters (all zero when there are none yet). */
export const funnelOf = (counters: Counters): FunnelView => {
  const histogram = (field: (bucket: Bucket) => CounterField) =>
    BUCKETS.map((bucket) => countOf(counters, field(bucket)));
  const stages = APPLICATION_STAGES.map((stage): StageFunnel => {
    const entered = countOf(counters, enteredField(stage));
    const at = pipelineIndex(stage);
    const previous = at > 0 ? PIPELINE[at - 1] : undefined;
    const stays = isOpenStage(stage) ? histogram((bucket) => stayField(stage, bucket)) : [];
    return {
      stage,
      current: countOf(counters, currentField(stage)),
      entered,
      conversionFromPrevious: previous ? ratio(entered, countOf(counters, enteredField(previous))) : null,
      medianHoursInStage: medianHours(stays),
      completedStays: stays.reduce((sum, count) => sum + count, 0),
    };
  });
  const applications = countOf(counters, 'enteredApplied');
  const hired = countOf(counters, 'currentHired');
  return {
    stages,
    totals: {
      applications,
      active: OPEN_STAGES.reduce((sum, stage) => sum + countOf(counters, currentField(stage)), 0),
      hired,
      rejected: countOf(counters, 'currentRejected'),
      withdrawn: countOf(counters, 'currentWithdrawn'),
      hireRate: ratio(hired, applications),
      medianHoursToHire: medianHours(histogram(hireField)),
    },
    bucketUpperHours: [...BUCKET_UPPER_HOURS],
  };
};
