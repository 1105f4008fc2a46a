import { scaleBounds, scaleValues } from '../../../shared/question-types/scale-range'

interface ScaleLike {
  min?: number | undefined
  max?: number | undefined
  minLabel?: string | undefined
  maxLabel?: string | undefined
}

/** Every point of the scale as a tally key, the ends named after their labels: "1 (Helemaal niet)". */
export function scaleKeys(question: ScaleLike): { key: string; label: string }[] {
  const { min, max } = scaleBounds(question)
  return scaleValues(question).map((value) => {
    const end = value === min ? question.minLabel : value === max ? question.maxLabel : undefined
    return { key: String(value), label: end ? `${value} (${end})` : String(value) }
  })
}
