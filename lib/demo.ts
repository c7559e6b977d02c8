// The demo logins that `npm run dev` and `npm run db:seed` create on an empty database.
export const demoLogins = {
  admin: 'admin@example.com',
  staff: 'frontdesk@example.com',
  // Local demo only: production never seeds unless SEED_DEMO_DATA is set, and then DEMO_PASSWORD should be too.
  password: process.env.DEMO_PASSWORD || 'clinic-demo-2026',
};
