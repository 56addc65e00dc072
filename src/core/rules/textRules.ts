import type { Rule } from './rule';

/** Rules of this group, in the order their problems are listed. */
export const TEXT_RULES: readonly Rule[] = [];
