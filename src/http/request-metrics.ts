import type { Metric, Registry } from 'prom-client';

type Labels<L extends string> = Record<L, string>;

/** One line of the metric as prom-client's Registry writes it: its full name, labels and value. */
interface Written {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** What prom-client's Registry and AggregatorRegistry read of a metric. */
interface Read {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  values: Written[];
}

/** A count of one label set: what `series()` gives, kept to be added to without looking the labels up again. */
export interface CounterSeries {
  inc(by?: number): void;
}

/** The observations of one label set: counts by bucket (not yet cumulative), their sum and their number. */
export interface HistogramSeries {
  observe(value: number): void;
}

/**
 * The series of one metric, kept by their label values. prom-client's own metrics check and
 * hash the labels of every observation; for a request answered from memory that cost more than
 * a microsecond, against a few additions here. Such a metric is registered in a prom-client
 * Registry, written as prom-client writes its own, and summed the same way across the workers
 * of `serve --workers` (AggregatorRegistry reads it through get()).
 */
abstract class KeptSeries<L extends string, S> {
  readonly aggregator = 'sum' as const;
  protected readonly kept = new Map<string, { labels: Labels<L>; series: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  protected abstract make(): S;

  /** The series of `labels`, made at its first use; its labels are written in the order of the metric's label names. */
  protected find(labels: Labels<L>): S {
    let key = '';
    for (const name of this.labelNames) key += `${labels[name]}\u0000`;
    let found = this.kept.get(key);
    if (!found) {
      const ordered = {} as Labels<L>;
      for (const name of this.labelNames) {
        const value = labels[name];
        if (typeof value !== 'string') throw new Error(`metric ${this.name} needs the label ${name}`);
        ordered[name] = value;
      }
      found = { labels: ordered, series: this.make() };
      this.kept.set(key, found);
    }
    return found.series;
  }

  reset(): void {
    this.kept.clear();
  }
}

/** A counter (Prometheus type counter) by label values. */
export class LabelledCounter<L extends string> extends KeptSeries<L, { value: number } & CounterSeries> {
  readonly type = 'counter' as const;

  protected make(): { value: number } & CounterSeries {
    const series = {
      value: 0,
      inc(by = 1) {
        series.value += by;
      },
    };
    return series;
  }

  series(labels: Labels<L>): CounterSeries {
    return this.find(labels);
  }

  inc(labels: Labels<L>, by = 1): void {
    this.find(labels).inc(by);
  }

  get(): Read {
    const values = [...this.kept.values()].map(({ labels, series }) => ({ labels: { ...labels }, value: series.value, metricName: this.name }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** A histogram (Prometheus type histogram) by label values, with fixed upper bounds. */
export class LabelledHistogram<L extends string> extends KeptSeries<L, { counts: Float64Array; sum: number; count: number } & HistogramSeries> {
  readonly type = 'histogram' as const;

  constructor(name: string, help: string, labelNames: readonly L[], private readonly bounds: readonly number[], registry: Registry) {
    super(name, help, labelNames, registry);
    if (bounds.some((bound, i) => i > 0 && bound <= bounds[i - 1]!)) throw new Error(`the buckets of ${name} must rise`);
  }

  protected make(): { counts: Float64Array; sum: number; count: number } & HistogramSeries {
    const bounds = this.bounds;
    const series = {
      // One more than the bounds: the observations above the last (le="+Inf" only).
      counts: new Float64Array(bounds.length + 1),
      sum: 0,
      count: 0,
      observe(value: number) {
        let bucket = 0;
        while (bucket < bounds.length && value > bounds[bucket]!) bucket++;
        series.counts[bucket]! += 1;
        series.sum += value;
        series.count += 1;
      },
    };
    return series;
  }

  series(labels: Labels<L>): HistogramSeries {
    return this.find(labels);
  }

  observe(labels: Labels<L>, value: number): void {
    this.find(labels).observe(value);
  }

  get(): Read {
    const values: Written[] = [];
    for (const { labels, series } of this.kept.values()) {
      let below = 0;
      for (let bucket = 0; bucket <= this.bounds.length; bucket++) {
        below += series.counts[bucket]!;
        const le = bucket < this.bounds.length ? this.bounds[bucket]! : '+Inf';
        values.push({ labels: { le, ...labels }, value: below, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { ...labels }, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
