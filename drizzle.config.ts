import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate` writes a new migration into src/record/migrations/ after a change to src/record/schema.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/record/schema.ts',
  out: './src/record/migrations',
});
