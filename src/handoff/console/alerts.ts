import type { UnreadCounts } from './unread.js';
import { t } from './i18n.js';

function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch {
    // no audio device: the visual alert is enough
  }
}

/**
 * What the console's browser tab says: the unread player messages counted in front, e.g.
 * `(3) Pitboss agent`, and a pending alert until the agent comes back to the tab.
 */
export class PageTitle {
  private alert: string | null = null;

  constructor(private readonly unread: UnreadCounts) {}

  /** A ticket needs someone: beep, put it in the title and, when allowed, on the desktop. */
  alerted(title: string, body: string): void {
    beep();
    this.alert = title;
    this.render();
    if ('Notification' in window && Notification.permission === 'granted') new Notification(title, { body });
  }

  /** The agent is looking at the console. */
  seen(): void {
    this.alert = null;
    this.render();
  }

  render(): void {
    const count = this.unread.total();
    document.title = `${count > 0 ? `(${count}) ` : ''}${this.alert ? `● ${this.alert} — ` : ''}${t('pageTitle')}`;
  }
}
