import type { Translate } from '../../i18n'

/** "Binnen 6 weken hoor je wat we ermee doen": in weeks when the period is whole weeks, else in days. */
export function responsePromise(t: Translate, days: number): string {
  return days % 7 === 0 ? t('signals.form.promiseWeeks', { count: days / 7, weeks: days / 7 }) : t('signals.form.promiseDays', { count: days, days })
}
