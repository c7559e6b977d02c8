// Shared by the e2e runner and the e2e server: the production build the tests run lives apart from `.next`.
export const E2E_DIST_DIR = '.next-e2e';
