import { el } from '../../browser/sse.js';

/**
 * Where an action's failure is told, next to the action: a live region (role=alert) that screen
 * readers announce, instead of a dialog that blocks the console.
 */
export class InlineError {
  constructor(readonly element: HTMLElement = el('p')) {
    element.classList.add('error');
    element.setAttribute('role', 'alert');
  }

  show(error: unknown): void {
    this.element.textContent = error instanceof Error ? error.message : String(error);
  }

  clear(): void {
    this.element.textContent = '';
  }

  /** Tells the failure of work the agent did not just ask for (a refresh in the background), leaving what is shown until then. */
  report(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.show(error));
  }

  /** Runs the action; clears the last failure first and tells this one, if any. */
  async attempt(action: () => Promise<unknown>): Promise<void> {
    this.clear();
    try {
      await action();
    } catch (error) {
      this.show(error);
    }
  }
}
