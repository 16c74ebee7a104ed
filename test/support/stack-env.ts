import { inject } from 'vitest';

// Points this worker's AWS SDK and entities at the run's local cloud before any test module loads.
Object.assign(process.env, inject('stackEnv'));
