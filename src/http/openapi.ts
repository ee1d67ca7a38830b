import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/**
 * Routes declare their input (and, where useful, output) as the zod schemas the code already uses;
 * Fastify validates with them, and the same schemas are published as an OpenAPI document at
 * `/docs/json`, browsable at `/docs`. Register before any route.
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string; publicUrl?: string }): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pitboss',
        version: options.version,
        description: 'Web chat for players and the agent API of the Pitboss support desk. Errors are `{ error, message }` with a 4xx or 5xx status.',
      },
      ...(options.publicUrl ? { servers: [{ url: options.publicUrl }] } : {}),
      components: {
        securitySchemes: {
          player: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/webchat/sessions.' },
          agent: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/agent/login.' },
          operator: { type: 'http', scheme: 'bearer', description: "IDENTITY_SECRET, sent by the operator's server." },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
