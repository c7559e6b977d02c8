// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database.
import { closeDb, getDbHandle } from './client';

async function main() {
  const handle = await getDbHandle();
  console.info(`Migrations applied to ${handle.label}.`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
