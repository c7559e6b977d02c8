// The demo logins that `npm run dev` and `npm run db:seed` create on an empty database.
import { env } from './env';

export function demoLogins() {
  return {
    admin: 'admin@example.com',
    staff: 'frontdesk@example.com',
    // Local demo only: production seeds only when SEED_DEMO_DATA is set, and then DEMO_PASSWORD should be too.
    password: env().DEMO_PASSWORD,
  };
}
