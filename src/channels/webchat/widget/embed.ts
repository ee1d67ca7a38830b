// /widget.js: drop `<script src="https://support.example/widget.js" async></script>` on any page
// to get a chat button that opens the support chat in an iframe. `data-locale` picks the language
// (any tag; one we do not speak falls back to the browser's languages, then English);
// `data-identity` is the logged-in player's signed token (see the README), so the bot can answer
// about their own account.
import { serveSessionStore } from './frame-bridge.js';
import { localSessionStore, memorySessionStore } from './session.js';

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const origin = script ? new URL(script.src).origin : location.origin;
  const locale = script?.dataset.locale?.trim();
  const identity = script?.dataset.identity?.trim();

  const frame = document.createElement('iframe');
  // The identity travels in the fragment: browsers never send it to a server, so no log keeps it.
  frame.src = `${origin}/chat${locale ? `?locale=${encodeURIComponent(locale.slice(0, 64))}` : ''}${identity ? `#identity=${encodeURIComponent(identity.slice(0, 4096))}` : ''}`;
  frame.title = 'Support chat';
  frame.style.cssText =
    'position:fixed;bottom:88px;right:16px;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 120px));border:0;border-radius:16px;box-shadow:0 8px 32px rgba(0,0,0,.25);z-index:2147483646;display:none;background:#fff';
  // Browsers that block third-party storage leave the chat frame none: it keeps its session here.
  serveSessionStore(frame, origin, localSessionStore() ?? memorySessionStore());

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', 'Open support chat');
  button.textContent = '💬';
  button.style.cssText =
    'position:fixed;bottom:16px;right:16px;width:60px;height:60px;border-radius:50%;border:0;background:#0b6e4f;color:#fff;font-size:28px;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.3);z-index:2147483647';
  button.addEventListener('click', () => {
    // The chat (and its session) starts on first open, not on every page view of the operator's site.
    if (!frame.isConnected) document.body.append(frame);
    const open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-label', open ? 'Close support chat' : 'Open support chat');
  });

  document.body.append(button);
})();
