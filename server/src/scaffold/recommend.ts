/**
 * The pattern chooser: the decision-matrix questions as data (a UI asks them
 * in order, as quick picks) and a pure function from the answers to the
 * recommended pattern with one sentence why.
 */
import type { PatternId } from './patterns';

export interface DecisionAnswers {
  /** Does the caller need the remote system's answer to continue? */
  needsAnswer: 'yes' | 'no';
  /** How many records does one run or one user action send? */
  volume: 'single' | 'bulk';
  /** How soon must the other system have the data? */
  latency: 'seconds' | 'minutes' | 'hours';
  /** Must the user's screen update live when the outcome is known? */
  liveUi: 'yes' | 'no';
  /** What should happen when the other system is down? */
  whenDown: 'fail-visibly' | 'retry-later' | 'next-run';
}

export interface DecisionChoice<V extends string = string> {
  value: V;
  label: string;
  detail?: string;
}

export interface DecisionQuestion<K extends keyof DecisionAnswers = keyof DecisionAnswers> {
  id: K;
  question: string;
  choices: readonly DecisionChoice<DecisionAnswers[K]>[];
}

type Questions = { [K in keyof DecisionAnswers]: DecisionQuestion<K> }[keyof DecisionAnswers];

export const DECISION_QUESTIONS: readonly Questions[] = [
  {
    id: 'needsAnswer',
    question: 'Does the caller need the answer to continue?',
    choices: [
      { value: 'yes', label: 'Yes', detail: 'e.g. a credit check before the order is saved, a price shown on screen' },
      { value: 'no', label: 'No', detail: 'the other system just has to receive the data' },
    ],
  },
  {
    id: 'volume',
    question: 'How many records does one action or run send?',
    choices: [
      { value: 'single', label: 'One or a few', detail: 'per user action or record change' },
      { value: 'bulk', label: 'Many', detail: 'thousands of records, a data load, a nightly delta' },
    ],
  },
  {
    id: 'latency',
    question: 'How soon must the other system have the data?',
    choices: [
      { value: 'seconds', label: 'Within seconds' },
      { value: 'minutes', label: 'Within minutes' },
      { value: 'hours', label: 'Hours are fine', detail: 'e.g. a nightly sync' },
    ],
  },
  {
    id: 'liveUi',
    question: "Must the user's screen update live when the outcome is known?",
    choices: [
      { value: 'yes', label: 'Yes', detail: 'the user watches the status change without reloading' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    id: 'whenDown',
    question: 'What should happen when the other system is down?',
    choices: [
      { value: 'fail-visibly', label: 'The user must know at once', detail: 'the action fails with a clear error' },
      { value: 'retry-later', label: 'Retry later without the user noticing' },
      { value: 'next-run', label: 'Catch up on the next scheduled run' },
    ],
  },
];

export interface Recommendation {
  pattern: PatternId;
  /** One sentence. */
  why: string;
}

/** The pattern the decision matrix points to for these answers. */
export function recommendPattern(answers: DecisionAnswers): Recommendation {
  if (answers.needsAnswer === 'yes') {
    return {
      pattern: 'request-reply',
      why:
        answers.volume === 'bulk'
          ? 'The caller cannot continue without the answer, so it has to be a synchronous callout with a timeout, but keep each call to one request: a user cannot wait for many records.'
          : 'The caller cannot continue without the answer, so make one synchronous callout with an explicit timeout and a typed error the caller can show.',
    };
  }
  if (answers.whenDown === 'next-run' || (answers.volume === 'bulk' && answers.latency === 'hours')) {
    return {
      pattern: 'batch-sync',
      why: 'Many records and no one waiting: a scheduled batch sends each chunk in one callout and leaves unsent records pending for the next run, so an outage only delays the sync.',
    };
  }
  if (answers.liveUi === 'yes') {
    return {
      pattern: 'ui-update',
      why: 'The user should not wait for the callout but must see its outcome, so publish status changes as Platform Events and stream them to a Lightning Web Component.',
    };
  }
  return {
    pattern: 'fire-and-forget',
    why:
      answers.whenDown === 'fail-visibly'
        ? 'The caller does not need the answer, so publish a Platform Event and call out from a Queueable; a failed delivery fails that job visibly in Apex Jobs instead of blocking the user.'
        : 'The caller does not need the answer, so publish a Platform Event and call out from a Queueable, with bounded redelivery when the work cannot be queued.',
  };
}
