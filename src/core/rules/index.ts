import { dateFilenameMismatch } from './dateFilenameMismatch';
import { dateRollsOver } from './dateRollsOver';
import { dateWithoutOffset } from './dateWithoutOffset';
import { duplicateKey } from './duplicateKey';
import { duplicateUrl } from './duplicateUrl';
import { frontMatterNotFirst } from './frontMatterNotFirst';
import { futureDate } from './futureDate';
import { invalidCategories } from './invalidCategories';
import { invalidDate } from './invalidDate';
import { invalidYaml } from './invalidYaml';
import { LIQUID_RULES } from './liquidRules';
import { missingImage } from './missingImage';
import { notAPost } from './notAPost';
import { publishedNotBoolean } from './publishedNotBoolean';
import type { Rule } from './rule';
import { TEXT_RULES } from './textRules';
import { unclosedFrontMatter } from './unclosedFrontMatter';
import { unknownAuthor } from './unknownAuthor';
import { unknownLayout } from './unknownLayout';

/** Every rule, in the order their problems are listed. */
export const RULES: readonly Rule[] = [
  notAPost,
  frontMatterNotFirst,
  unclosedFrontMatter,
  invalidYaml,
  invalidCategories,
  duplicateKey,
  invalidDate,
  dateWithoutOffset,
  dateFilenameMismatch,
  dateRollsOver,
  futureDate,
  publishedNotBoolean,
  unknownLayout,
  unknownAuthor,
  missingImage,
  duplicateUrl,
  ...TEXT_RULES,
  ...LIQUID_RULES,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
