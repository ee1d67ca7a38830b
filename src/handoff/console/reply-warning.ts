import { el } from '../../browser/sse.js';

/**
 * What the agent should know about how their last reply went out (e.g. sent with Messenger's
 * HUMAN_AGENT tag, and until when replies still go): shown under the reply box until the next reply.
 */
export class ReplyWarning {
  readonly element: HTMLElement = el('p', 'composer__hint');

  constructor() {
    this.element.setAttribute('role', 'status');
  }

  /** Shows the warning a sent reply came back with (`{ message: { warning } }`), or clears the last one. */
  show(sent: unknown): void {
    const warning = (sent as { message?: { warning?: unknown } } | undefined)?.message?.warning;
    this.element.replaceChildren(...(typeof warning === 'string' ? [el('strong', undefined, warning)] : []));
  }

  clear(): void {
    this.element.replaceChildren();
  }
}
