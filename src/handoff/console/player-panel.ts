import { el } from '../../browser/sse.js';
import type { PlayerSnapshot } from '../../core/player.js';
import type { PlayerPanel } from '../player-panel.js';
import { dateTime, label, t } from './i18n.js';

/** Withdrawals and bonuses listed in the panel, newest first; the rest are in the operator's back office. */
const SHOWN_ITEMS = 5;

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function section(title: string, ...lines: Array<HTMLElement | string>): HTMLElement {
  const part = el('div', 'player__part');
  part.append(el('h4', undefined, title), ...lines.map((line) => (typeof line === 'string' ? el('p', undefined, line) : line)));
  return part;
}

function list(items: string[]): HTMLElement {
  const ul = el('ul', 'player__list');
  ul.append(...items.map((item) => el('li', undefined, item)));
  return ul;
}

function account({ player, readAt }: PlayerSnapshot): HTMLElement[] {
  const { currency, limits } = player;
  const amount = (value: number | null) => (value === null ? t('pp_none') : money(value, currency));
  const profile = [player.name ?? '', player.vip ? t('pp_vip', { level: player.vip }) : '', t('pp_balance', { cash: money(player.balance.cash, currency), bonus: money(player.balance.bonus, currency) })].filter(Boolean);
  const kyc = [t('pp_kyc', { status: player.kyc.status }), player.kyc.missing.length > 0 ? t('pp_missing', { list: player.kyc.missing.join(', ') }) : '', player.kyc.updatedAt ? dateTime(player.kyc.updatedAt) : ''].filter(Boolean).join(' · ');
  const withdrawals = [...player.withdrawals]
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
    .slice(0, SHOWN_ITEMS)
    .map((w) => [w.id, money(w.amount, w.currency), w.method, w.status, dateTime(w.requestedAt), w.reason].filter(Boolean).join(' · '));
  const bonuses = player.bonuses
    .slice(-SHOWN_ITEMS)
    .reverse()
    .map((b) => [b.name, b.status, t('pp_wagering', { left: money(b.wageringLeft, currency), total: money(b.wageringTotal, currency) }), b.expiresAt ? t('pp_expires', { time: dateTime(b.expiresAt) }) : '', b.reason].filter(Boolean).join(' · '));
  const limitLines = [t('pp_limitLine', { daily: amount(limits.depositDaily), weekly: amount(limits.depositWeekly), monthly: amount(limits.depositMonthly) })];
  if (limits.timeoutUntil) limitLines.push(t('pp_timeout', { time: dateTime(limits.timeoutUntil) }));
  if (limits.selfExcludedUntil) limitLines.push(t('pp_selfExcluded', { time: dateTime(limits.selfExcludedUntil) }));
  return [
    el('p', 'player__read', t('pp_readAt', { time: dateTime(readAt) })),
    section(t('pp_title'), ...profile, kyc),
    section(t('pp_withdrawals'), withdrawals.length > 0 ? list(withdrawals) : t('pp_none')),
    section(t('pp_bonuses'), bonuses.length > 0 ? list(bonuses) : t('pp_none')),
    section(t('pp_limits'), ...limitLines),
  ];
}

/**
 * The ticket view's card of a verified player: their account as the operator's API has it (with
 * the time it was read, and a refresh that reads it again now), and their chats on every channel.
 */
export function playerCard(playerId: string, load: (fresh: boolean) => Promise<PlayerPanel>, attempt: (run: () => Promise<void>) => Promise<unknown>): HTMLElement {
  const card = el('section', 'card player');
  card.id = 'player-panel';
  const body = el('div', 'player__body', t('pp_loading'));
  const refresh = el('button', undefined, t('pp_refresh'));
  refresh.type = 'button';
  const head = el('div', 'player__head');
  head.append(el('h3', undefined, t('pp_verified', { id: playerId })), refresh);
  const show = async (fresh: boolean) => {
    refresh.disabled = true;
    try {
      const panel = await load(fresh);
      const chats = panel.conversations.map((c) => [label('channel', c.channel), c.locale.toUpperCase(), c.mode, dateTime(c.updatedAt), c.ticketId ? t('pp_openTicket', { id: c.ticketId }) : ''].filter(Boolean).join(' · '));
      body.replaceChildren(
        ...(panel.data ? account(panel.data) : [el('p', 'player__unavailable', t('pp_unavailable', { why: panel.unavailable ?? '' }))]),
        section(t('pp_chats'), list(chats)),
      );
    } finally {
      refresh.disabled = false;
    }
  };
  refresh.addEventListener('click', () => void attempt(() => show(true)));
  void attempt(() => show(false));
  card.append(head, body);
  return card;
}
