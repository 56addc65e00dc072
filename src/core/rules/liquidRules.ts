import { brokenLink } from './brokenLink';
import { brokenPostUrl } from './brokenPostUrl';
import { liquidInCode } from './liquidInCode';
import { missingInclude } from './missingInclude';
import type { Rule } from './rule';

/** Rules of this group, in the order their problems are listed. */
export const LIQUID_RULES: readonly Rule[] = [brokenPostUrl, brokenLink, missingInclude, liquidInCode];
