/**
 * A list of buttons that is one stop for the Tab key (a roving tabindex): the arrow keys, Home and
 * End move between its buttons, Enter or Space presses the one in focus. Which button holds the stop
 * is remembered by its `data-key` across re-renders, and focus stays on it when the list is redrawn.
 */
export class KeyboardList {
  private current: string | undefined;

  constructor(readonly list: HTMLElement) {
    list.addEventListener('keydown', (event) => this.move(event));
    list.addEventListener('focusin', (event) => {
      const key = (event.target as HTMLElement).dataset.key;
      if (key !== undefined) this.select(key);
    });
  }

  /** Replaces the list's items (`li` elements holding one button with a `data-key` each). */
  replace(items: HTMLElement[]): void {
    const hadFocus = this.list.contains(document.activeElement);
    this.list.replaceChildren(...items);
    const buttons = this.buttons();
    if (!buttons.some((button) => button.dataset.key === this.current)) this.current = buttons[0]?.dataset.key;
    this.select(this.current);
    if (hadFocus) this.focused()?.focus();
  }

  private buttons(): HTMLButtonElement[] {
    return [...this.list.querySelectorAll<HTMLButtonElement>('button[data-key]')];
  }

  private focused(): HTMLButtonElement | undefined {
    return this.buttons().find((button) => button.dataset.key === this.current);
  }

  private select(key: string | undefined): void {
    this.current = key;
    for (const button of this.buttons()) button.tabIndex = button.dataset.key === key ? 0 : -1;
  }

  private move(event: KeyboardEvent): void {
    const buttons = this.buttons();
    const at = buttons.findIndex((button) => button.dataset.key === this.current);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
    if (!target) return;
    this.select(target.dataset.key);
    target.focus();
  }
}
