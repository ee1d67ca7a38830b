// Team replies in the reply box: "/" opens a list of the team's canned replies in the ticket's
// language; typing on narrows it, and Tab or Enter (or a click) puts the chosen reply where the
// shortcut was, its placeholders filled in for this ticket.
import { el } from '../../browser/sse.js';
import { fillPlaceholders, type ReplyPlaceholder } from '../../knowledge/reply-placeholders.js';

export interface TeamReply { name: string; locale: string; title: string; shortcut: string; text: string }

export interface ReplyPickerOptions {
  /** The ticket's language; a language without replies of its own gets the English ones. */
  locale: string;
  values: Partial<Record<ReplyPlaceholder, string>>;
  /** Every language's replies, as the server has them now. */
  load(): Promise<TeamReply[]>;
}

const MAX_SHOWN = 8;
/** The shortcut being typed: "/" and what follows it, at the start of the box or after a space, up to the caret. */
const TYPED = /(?:^|\s)(\/[a-z0-9-]*)$/;

/** Wires shortcuts into `box`; returns the suggestion list to place under it. */
export function teamReplyPicker(box: HTMLTextAreaElement, options: ReplyPickerOptions): HTMLElement {
  const list = el('ul', 'suggestions');
  list.id = 'reply-shortcuts';
  list.setAttribute('aria-label', 'Team replies');
  list.hidden = true;
  let pool: TeamReply[] = [];
  let matches: TeamReply[] = [];
  let active = 0;
  let dismissed: string | undefined;

  const typed = () => TYPED.exec(box.value.slice(0, box.selectionStart ?? box.value.length))?.[1];

  const insert = (reply: TeamReply) => {
    const shortcut = typed();
    if (shortcut === undefined) return;
    const end = box.selectionStart ?? box.value.length;
    const start = end - shortcut.length;
    const text = fillPlaceholders(reply.text, options.values);
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.setSelectionRange(start + text.length, start + text.length);
    box.focus();
    update();
  };

  const render = () => {
    list.hidden = matches.length === 0;
    list.replaceChildren(
      ...matches.map((reply, index) => {
        const pick = el('button', index === active ? 'primary' : undefined);
        pick.type = 'button';
        pick.append(el('strong', undefined, reply.shortcut), el('small', undefined, reply.title));
        pick.addEventListener('click', () => insert(reply));
        const item = el('li');
        item.append(pick);
        return item;
      }),
    );
  };

  /** The exact shortcut first, then the ones it begins, then the ones that mention the typed word. */
  const candidates = (shortcut: string) => {
    const word = shortcut.slice(1);
    const exact = pool.filter((reply) => reply.shortcut === shortcut);
    const starting = pool.filter((reply) => reply.shortcut !== shortcut && reply.shortcut.startsWith(shortcut));
    const mentioning =
      word === '' ? [] : pool.filter((reply) => !reply.shortcut.startsWith(shortcut) && (reply.shortcut.includes(word) || reply.title.toLowerCase().includes(word)));
    return [...exact, ...starting, ...mentioning].slice(0, MAX_SHOWN);
  };

  function update(): void {
    const shortcut = typed();
    if (shortcut !== dismissed) dismissed = undefined;
    matches = shortcut === undefined || dismissed !== undefined ? [] : candidates(shortcut);
    active = 0;
    render();
  }

  box.addEventListener('input', update);
  box.addEventListener('click', update);
  box.addEventListener('keydown', (event) => {
    if (list.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey)) {
      insert(matches[active]!);
    } else if (event.key === 'Escape') {
      dismissed = typed();
      update();
    } else return;
    event.preventDefault();
  });

  // A box the agent cannot write in (a ticket they do not hold) needs no replies.
  if (box.disabled) return list;
  void options
    .load()
    .then((replies) => {
      const own = replies.filter((reply) => reply.locale === options.locale);
      pool = own.length > 0 ? own : replies.filter((reply) => reply.locale === 'en');
      update();
    })
    .catch(() => undefined); // no replies this time: the box works as before, and the next ticket view asks again
  return list;
}
