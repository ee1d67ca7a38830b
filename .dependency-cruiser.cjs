/**
 * The layering of shared/ARCHITECTURE-style dependencies, checked by `npm test`
 * (tests/unit/architecture.test.ts) and `npm run lint:deps`: dependencies flow one way —
 * channels → pipeline → bot → knowledge/llm; pipeline, handoff, record → conversation → core.
 */
const SHARED = '^src/(errors|config|redis|logger|metrics|breaker)\\.ts$';
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'A cycle makes two modules one; break it by moving what both need down a layer.', severity: 'error', from: {}, to: { circular: true } },
    forbid('core-is-the-bottom', 'core holds what every layer shares and imports nothing of ours but core.', '^src/core/', '^src/(?!core/)'),
    forbid('conversation-over-core-only', 'Conversation state knows nothing of the bot, channels, handoff or the turn pipeline.', '^src/conversation/', `^src/(?!(core|conversation)/)(?!${SHARED.slice(5)})`),
    forbid('knowledge-over-core-only', 'Knowledge is read by the bot and the models, never the other way round.', '^src/knowledge/', `^src/(?!(core|knowledge)/)(?!${SHARED.slice(5)})`),
    forbid('llm-over-knowledge-only', 'The optional model layer works over knowledge and core only; the offline bot never depends on it.', '^src/llm/', `^src/(?!(core|knowledge|llm)/)(?!${SHARED.slice(5)})`),
    forbid('bot-decides-only', 'The bot decides; it does not reach channels, handoff internals, the pipeline or the models (they are injected).', '^src/bot/', '^src/(channels|handoff|pipeline|llm|cli)/'),
    forbid('record-over-conversation-only', 'The system of record copies conversations and tickets; it knows nothing of the bot, handoff, channels or the turn.', '^src/record/', `^src/(?!(core|conversation|record)/)(?!${SHARED.slice(5)})`),
    forbid('identity-at-the-edge', "Identity checks the operator's tokens and calls its player API; the bot, handoff and channels get it injected.", '^src/identity/', '^src/(bot|channels|handoff|pipeline|llm|record|knowledge|conversation|cli)/'),
    forbid('attachments-store-only', 'The attachment store checks, keeps and serves files; the channels, the agent API and the case file use it.', '^src/attachments/', '^src/(bot|channels|handoff|pipeline|llm|record|knowledge|conversation|identity|cli)/'),
    forbid('handoff-never-imports-bot', 'Handoff posts into conversations and emits events; it never calls the bot, the pipeline or a channel.', '^src/handoff/', '^src/(bot|pipeline|channels|cli)/'),
    forbid('pipeline-below-channels', 'The turn pipeline is called by channels, never the other way round.', '^src/pipeline/', '^src/(channels|handoff|cli)/'),
    forbid('botbuilder-stays-in-bot', 'botbuilder and its types are the bot\'s business: the rest of the code speaks our own types (BotTurns takes a Conversation and a Message).', '^src/(?!bot/)', '(^|/)node_modules/botbuilder/|^src/bot/(botbuilder|adapter)\\.ts$'),
    forbid('composition-root-alone', 'Only the process entry builds the app; modules get their dependencies passed in.', '^src/(?!main\\.ts$)', '^src/main\\.ts$'),
    forbid('app-built-by-main', 'buildApp wires modules together; no module imports it.', '^src/(?!(main|app)\\.ts$)(?!cli/)', '^src/app\\.ts$'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // botbuilder itself is in the graph so that importing it outside src/bot/ is seen.
    includeOnly: ['^src/', '(^|/)node_modules/botbuilder/'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
