import { z } from 'zod';

const InboundMessage = z
  .object({
    from: z.string().regex(/^\d{5,20}$/),
    id: z.string().min(1).max(256),
    timestamp: z.string().optional(),
    type: z.string(),
    text: z.object({ body: z.string() }).optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      })
      .optional(),
    button: z.object({ text: z.string().optional(), payload: z.string().optional() }).optional(),
    image: z.object({ id: z.string().optional(), caption: z.string().optional() }).passthrough().optional(),
    video: z.object({ caption: z.string().optional() }).passthrough().optional(),
    document: z.object({ id: z.string().optional(), filename: z.string().optional(), caption: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type WhatsAppInboundMessage = z.infer<typeof InboundMessage>;

const Value = z
  .object({
    messaging_product: z.string().optional(),
    contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
    messages: z.array(InboundMessage).optional(),
    statuses: z.array(z.unknown()).optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .passthrough();

/** The Cloud API webhook body: entries of changes, each with messages and/or statuses. */
export const WhatsAppWebhook = z.object({
  object: z.string(),
  entry: z.array(z.object({ id: z.string().optional(), changes: z.array(z.object({ field: z.string().optional(), value: Value })) })),
});
export type WhatsAppWebhook = z.infer<typeof WhatsAppWebhook>;
