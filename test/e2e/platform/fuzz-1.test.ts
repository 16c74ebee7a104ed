import { describeBodyFuzzing } from '../../support/fuzz-suite.ts';

/** Half of the route table's fuzzed routes (test/support/fuzz-suite.ts); the other half runs in the other file. */
describeBodyFuzzing(0, 2);
