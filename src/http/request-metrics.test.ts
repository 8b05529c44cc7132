import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { LabelledCounter, LabelledHistogram } from './request-metrics.ts';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Durations on the bounds, between them, above the last, and zero. */
const DURATIONS = [0, 0.000021, 0.005, 0.0051, 0.01, 0.3, 0.5, 2.5, 9.99, 10, 10.01, 42];

describe('request metrics kept by label set', () => {
  it('write a histogram line for line as prom-client writes its own, whether observed through a series or with labels', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const mine = new LabelledHistogram('t_duration_seconds', 'Time to answer', ['method', 'route'], BUCKETS, ours);
    const reference = new Histogram({ name: 't_duration_seconds', help: 'Time to answer', labelNames: ['method', 'route'], buckets: BUCKETS, registers: [theirs] });
    const home = mine.series({ method: 'GET', route: '/:lang/' });
    for (const seconds of DURATIONS) {
      home.observe(seconds);
      reference.observe({ method: 'GET', route: '/:lang/' }, seconds);
      // Labels given in another order are the same series, written in the metric's order.
      mine.observe({ route: '/api/v1/requests', method: 'POST' }, seconds * 2);
      reference.observe({ method: 'POST', route: '/api/v1/requests' }, seconds * 2);
    }
    assert.equal(await ours.metrics(), await theirs.metrics());
    assert.match(await ours.metrics(), /^t_duration_seconds_bucket\{le="0\.005",method="GET",route="\/:lang\/"\} 3$/m);
  });

  it('write a counter as prom-client writes its own', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const mine = new LabelledCounter('t_requests_total', 'Requests answered', ['method', 'route', 'status'], ours);
    const reference = new Counter({ name: 't_requests_total', help: 'Requests answered', labelNames: ['method', 'route', 'status'], registers: [theirs] });
    const ok = mine.series({ method: 'GET', route: '/:lang/', status: '200' });
    for (let i = 0; i < 5; i++) ok.inc();
    reference.inc({ method: 'GET', route: '/:lang/', status: '200' }, 5);
    mine.inc({ status: '304', route: '/:lang/', method: 'GET' }, 2);
    reference.inc({ method: 'GET', route: '/:lang/', status: '304' }, 2);
    assert.equal(await ours.metrics(), await theirs.metrics());
    assert.match(await ours.metrics(), /^t_requests_total\{method="GET",route="\/:lang\/",status="200"\} 5$/m);
  });

  it('are summed across the processes of a cluster', async () => {
    const workers = [new Registry(), new Registry()];
    workers.forEach((registry, i) => {
      new LabelledCounter('t_requests_total', 'Requests answered', ['route'], registry).inc({ route: '/:lang/' }, i + 1);
      new LabelledHistogram('t_duration_seconds', 'Time to answer', ['route'], BUCKETS, registry).observe({ route: '/:lang/' }, 0.02 * (i + 1));
    });
    const summed = await AggregatorRegistry.aggregate(await Promise.all(workers.map((registry) => registry.getMetricsAsJSON()))).metrics();
    assert.match(summed, /^t_requests_total\{route="\/:lang\/"\} 3$/m);
    assert.match(summed, /^t_duration_seconds_count\{route="\/:lang\/"\} 2$/m);
    assert.match(summed, /^t_duration_seconds_bucket\{le="0\.025",route="\/:lang\/"\} 1$/m);
    assert.match(summed, /^t_duration_seconds_bucket\{le="0\.05",route="\/:lang\/"\} 2$/m);
  });

  it('refuse a label set that lacks a label, and buckets that do not rise', () => {
    const registry = new Registry();
    const counter = new LabelledCounter('t_total', 'Counted', ['method', 'route'], registry);
    assert.throws(() => counter.inc({ method: 'GET' } as never), /needs the label route/);
    assert.throws(() => new LabelledHistogram('t_seconds', 'Timed', ['route'], [0.1, 0.1, 1], registry), /must rise/);
  });
});
