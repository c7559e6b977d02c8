// `npm run db:seed`: seeds the demo clinic into an empty database (DATABASE_URL or embedded).
import { printDemoLogins, seedIfEmpty } from '../lib/startup';
import { closeDb, getDbHandle } from './client';

async function main() {
  const handle = await getDbHandle();
  const seeded = await seedIfEmpty();
  console.info(seeded ? `Seeded the demo clinic into ${handle.label}.` : `${handle.label} already has data: nothing seeded.`);
  printDemoLogins();
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
