import { invalidUtf8 } from './invalidUtf8';
import { mojibake } from './mojibake';
import type { Rule } from './rule';
import { singularAndPlural } from './singularAndPlural';
import { taxonomySpaceString } from './taxonomySpaceString';
import { taxonomyVariant } from './taxonomyVariant';

/** Rules of this group, in the order their problems are listed. */
export const TEXT_RULES: readonly Rule[] = [invalidUtf8, mojibake, taxonomySpaceString, singularAndPlural, taxonomyVariant];
