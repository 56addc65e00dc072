import type { Rule } from './rule';

/** Rules of this group, in the order their problems are listed. */
export const LIQUID_RULES: readonly Rule[] = [];
