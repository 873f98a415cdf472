import { describe, expect, it } from 'vitest';
import { Metrics } from './Metrics';

describe('Metrics', () => {
  it('renders counters, gauges and cumulative histograms in the Prometheus text format', () => {
    const metrics = new Metrics();
    const sent = metrics.counter('qi_sent_total', 'Frames sent.');
    let open = 3;
    metrics.gauge('qi_open', 'Open things.', () => open);
    const latency = metrics.histogram('qi_latency_seconds', 'Latency.', [0.01, 0.1, 1]);
    sent.inc();
    sent.inc(4);
    open = 7;
    for (const seconds of [0.005, 0.05, 0.05, 5]) latency.observe(seconds);
    expect(metrics.render()).toBe(
      [
        '# HELP qi_sent_total Frames sent.',
        '# TYPE qi_sent_total counter',
        'qi_sent_total 5',
        '# HELP qi_open Open things.',
        '# TYPE qi_open gauge',
        'qi_open 7',
        '# HELP qi_latency_seconds Latency.',
        '# TYPE qi_latency_seconds histogram',
        'qi_latency_seconds_bucket{le="0.01"} 1',
        'qi_latency_seconds_bucket{le="0.1"} 3',
        'qi_latency_seconds_bucket{le="1"} 3',
        'qi_latency_seconds_bucket{le="+Inf"} 4',
        'qi_latency_seconds_sum 5.105',
        'qi_latency_seconds_count 4',
        '',
      ].join('\n'),
    );
  });
});
