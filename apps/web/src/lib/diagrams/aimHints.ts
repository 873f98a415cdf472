import type { AimParts } from '@qi/model';

/** Plain-language hints that help a team make an aim specific and measurable. Empty when it is. */
export function aimHints(aim: AimParts): string[] {
  const hints: string[] = [];
  if (!aim.what.trim()) hints.push('Say what will improve.');
  if (!/\d/.test(aim.howMuch) && !/\b(half|double|twice|zero|none|all|every)\b/i.test(aim.howMuch))
    hints.push('Add a number to “how much”, for example “from 12 to 6 a month” or “by 50%”.');
  if (!aim.forWhom.trim()) hints.push('Say who will benefit, for example “patients on Ward 7”.');
  if (!hasDate(aim.byWhen))
    hints.push('Add a date to “by when”, for example “by March 2027” or “within 6 months”.');
  return hints;
}

const MONTHS =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

function hasDate(text: string): boolean {
  return /\d/.test(text) || MONTHS.test(text) || /\b(spring|summer|autumn|winter)\b/i.test(text);
}

/** The aim in one sentence, from its parts, for the diagram's head. */
export function aimSentence(aim: AimParts): string {
  const parts = [aim.what, aim.howMuch, aim.forWhom, aim.byWhen].map((p) => p.trim());
  return parts.filter(Boolean).join(' ');
}
