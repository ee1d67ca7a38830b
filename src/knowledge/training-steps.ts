import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TrainingSteps } from './linear-model.js';

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
