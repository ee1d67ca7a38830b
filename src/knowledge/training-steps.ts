import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A training run as steps: it pauses (yields) every few milliseconds of work and returns the model
 * at the end, so the same code trains at once (`runToEnd`) or between requests (`runInSlices`).
 */
export type TrainingSteps<T> = Generator<void, T, void>;

/** Runs a training to its end without pausing (at start-up, in tests, in the CLIs). */
export function runToEnd<T>(steps: TrainingSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs a training with a turn of the event loop between steps, so requests go on being served. */
export async function runInSlices<T>(steps: TrainingSteps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
