// Auth.js's own endpoints (session, CSRF token, sign-out). Sign-in itself goes through the /sign-in server action.
import { handlers } from '@/lib/auth';

export const { GET, POST } = handlers;
