import { describe, expect, it } from 'vitest';
import { fillPlaceholders, unknownPlaceholders } from '../../src/knowledge/reply-placeholders.js';

describe('team reply placeholders', () => {
  it('fills in the player, the agent and the ticket', () => {
    expect(fillPlaceholders('Hello, {player.name}! I am {agent.name}; your ticket is {ticket.id}.', { 'player.name': 'Aysel', 'agent.name': 'Rita', 'ticket.id': 'T-7Q2K' })).toBe(
      'Hello, Aysel! I am Rita; your ticket is T-7Q2K.',
    );
  });

  it('drops an unknown player name with the comma or space before it, so the sentence still reads in every language', () => {
    const noName = { 'agent.name': 'Rita' };
    expect(fillPlaceholders('Hello, {player.name}! I am {agent.name}.', noName)).toBe('Hello! I am Rita.');
    expect(fillPlaceholders('Спасибо, {player.name}, мы получили ваши документы.', noName)).toBe('Спасибо, мы получили ваши документы.');
    expect(fillPlaceholders('Sizə başqa nə ilə kömək edə bilərəm, {player.name}?', noName)).toBe('Sizə başqa nə ilə kömək edə bilərəm?');
    expect(fillPlaceholders('Hi {player.name}, thanks for waiting.', { 'player.name': '  ' })).toBe('Hi, thanks for waiting.');
  });

  it('inserts names as they are, even ones that look like replacement patterns', () => {
    expect(fillPlaceholders('Hello, {player.name}!', { 'player.name': "$& O'Brien $1" })).toBe("Hello, $& O'Brien $1!");
  });

  it('names every placeholder-like word it would not fill in, once, and nothing else in braces', () => {
    expect(unknownPlaceholders('Hi {player.name}, {name} {name} { agent.name } {Ticket.Id} {player.nmae}')).toEqual(['{name}', '{ agent.name }', '{Ticket.Id}', '{player.nmae}']);
    expect(unknownPlaceholders('Bonus 100% {up to €200} — see {player.name}')).toEqual([]);
  });
});
