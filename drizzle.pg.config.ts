import { defineConfig } from 'drizzle-kit';

// `npm run db:generate:pg` writes a new PostgreSQL migration into drizzle/pg/ after a schema
// change; run it together with `npm run db:generate`, so both backends reach the same version.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema-pg.ts',
  out: './drizzle/pg',
});
