import type { KeywordRule } from './config';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first rule with a keyword that appears in `text` as a whole word or phrase, ignoring case
 * ("hours" matches "Your HOURS?" but not "hoursglass").
 */
export function matchKeywordRule(text: string, rules: readonly KeywordRule[]): KeywordRule | undefined {
  return rules.find((rule) =>
    rule.keywords.some((keyword) => new RegExp(`(^|\\W)${escapeRegExp(keyword.trim())}(\\W|$)`, 'i').test(text)),
  );
}
