import { useEffect, useRef } from 'react'

/** The ECharts option object; typed loosely so that pages need not import ECharts. */
export type ChartOption = Record<string, unknown>

/**
 * An ECharts chart, loaded on first use. The chart is an image for screen readers, so every chart
 * has a label and the page shows the same numbers as a table or text next to it.
 */
export function Chart({
  option,
  label,
  height = 260,
}: {
  option: ChartOption
  label: string
  height?: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let disposed = false
    let chart: { dispose(): void; resize(): void; setOption(o: ChartOption): void } | null = null
    const onResize = () => chart?.resize()
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' })
      chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option })
      window.addEventListener('resize', onResize)
    })
    return () => {
      disposed = true
      window.removeEventListener('resize', onResize)
      chart?.dispose()
    }
  }, [option])
  return <div className="chart" ref={ref} role="img" aria-label={label} style={{ height }} />
}
