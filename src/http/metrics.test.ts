import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { loadConfig } from '../config.ts';
import { AccessDeniedError } from '../errors.ts';
import { metricsGuard } from './metrics.ts';

const TOKEN = 'a-metrics-token-of-enough-length-42';
/** A request as Fastify gives it: `ip` is the client, the proxy's word for it when TRUST_PROXY names the proxy. */
const request = (ip: string, authorization?: string) => ({ ip, socket: { remoteAddress: '127.0.0.1' }, headers: authorization ? { authorization } : {} }) as unknown as FastifyRequest;

describe('metricsGuard', () => {
  const guard = metricsGuard(loadConfig({ METRICS_ALLOW: '10.0.0.0/8,2001:db8::/32,192.0.2.7', METRICS_TOKEN: TOKEN }));
  const allowed = (address: string, authorization?: string) =>
    guard(request(address, authorization)).then(
      () => true,
      (error: unknown) => {
        assert.ok(error instanceof AccessDeniedError);
        return false;
      },
    );

  it('lets in the listed client addresses and ranges (not the socket\'s, which may be a proxy), IPv4 seen through an IPv6 socket too', async () => {
    for (const address of ['10.1.2.3', '::ffff:10.200.0.1', '2001:db8::5', '192.0.2.7']) assert.equal(await allowed(address), true, address);
    for (const address of ['192.0.2.8', '11.0.0.1', '127.0.0.1', '::1', '2001:db9::1', '']) assert.equal(await allowed(address), false, address);
  });

  it('lets in the right bearer token from anywhere, and refuses a wrong one even from an allowed address', async () => {
    assert.equal(await allowed('203.0.113.9', `Bearer ${TOKEN}`), true);
    assert.equal(await allowed('203.0.113.9', `bearer   ${TOKEN} `), true);
    assert.equal(await allowed('10.1.2.3', `Bearer ${TOKEN}x`), false);
    assert.equal(await allowed('10.1.2.3', TOKEN), false);
  });

  it('has no token to accept when METRICS_TOKEN is unset', async () => {
    const loopbackOnly = metricsGuard(loadConfig({}));
    await loopbackOnly(request('127.0.0.1'));
    await loopbackOnly(request('::1'));
    await assert.rejects(loopbackOnly(request('203.0.113.9', 'Bearer ')), AccessDeniedError);
  });
});
