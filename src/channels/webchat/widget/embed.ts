// /widget.js: drop `<script src="https://support.example/widget.js" async></script>` on any page
// to get a chat button that opens the support chat in an iframe. `data-locale` picks the language
// (any tag; one we do not speak falls back to the browser's languages, then English);
// `data-identity` is the logged-in player's signed token (see the README), so the bot can answer
// about their own account; `data-color` (#rrggbb) and `data-logo` (an image address) brand the
// button and the chat, over the gateway's WIDGET_COLOR and WIDGET_LOGO_URL.
import { brandColour, inkOn } from '../../../browser/brand-colour.js';
import { serveSessionStore } from './frame-bridge.js';
import { localSessionStore, memorySessionStore } from './session.js';

/** Replaced by the gateway with WIDGET_COLOR when it serves this script. */
const CONFIGURED_COLOR = '#0b6e4f';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
const CLOSE_ICON = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';

/** An icon drawn with the DOM (no innerHTML, which a page's Trusted Types policy may forbid). */
function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG, 'path');
  shape.setAttribute('fill', 'currentColor');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const origin = script ? new URL(script.src).origin : location.origin;
  const locale = script?.dataset.locale?.trim();
  const identity = script?.dataset.identity?.trim();
  const embedColor = brandColour(script?.dataset.color);
  const color = embedColor ?? CONFIGURED_COLOR;
  const logo = script?.dataset.logo?.trim();

  const query = new URLSearchParams();
  if (locale) query.set('locale', locale.slice(0, 64));
  if (embedColor) query.set('color', embedColor);
  if (logo) query.set('logo', new URL(logo, location.href).href.slice(0, 2048));
  const frame = document.createElement('iframe');
  // The identity travels in the fragment: browsers never send it to a server, so no log keeps it.
  frame.src = `${origin}/chat${query.toString() ? `?${query}` : ''}${identity ? `#identity=${encodeURIComponent(identity.slice(0, 4096))}` : ''}`;
  frame.title = 'Support chat';
  frame.style.cssText =
    'position:fixed;bottom:88px;right:16px;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 120px));border:0;border-radius:16px;box-shadow:0 8px 32px rgba(0,0,0,.25);z-index:2147483646;display:none;background:#fff;color-scheme:normal';
  // Browsers that block third-party storage leave the chat frame none: it keeps its session here.
  serveSessionStore(frame, origin, localSessionStore() ?? memorySessionStore());

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', 'Open support chat');
  button.setAttribute('aria-expanded', 'false');
  button.append(icon(CHAT_ICON));
  button.style.cssText = `position:fixed;bottom:16px;right:16px;width:60px;height:60px;display:grid;place-items:center;padding:0;border-radius:50%;border:2px solid ${inkOn(color)};background:${color};color:${inkOn(color)};cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.3);z-index:2147483647`;
  button.addEventListener('click', () => {
    // The chat (and its session) starts on first open, not on every page view of the operator's site.
    if (!frame.isConnected) document.body.append(frame);
    const open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-label', open ? 'Close support chat' : 'Open support chat');
    button.setAttribute('aria-expanded', String(open));
    button.replaceChildren(icon(open ? CLOSE_ICON : CHAT_ICON));
  });

  document.body.append(button);
})();
