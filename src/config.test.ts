import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, redactUrl } from './config.ts';

describe('loadConfig', () => {
  it('runs on a laptop with no configuration at all', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(config.pgliteSharedBuffers, '32MB');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '::1',
      DATA_DIR: '/var/lib/candor',
      DATABASE_URL: 'postgres://candor@db:5432/candor',
      PUBLIC_URL: 'https://candor.example.org/',
      SMTP_URL: 'smtp://mail.example.org:587',
      INBOUND_SMTP_PORT: '2525',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.dataDir, '/var/lib/candor');
    assert.equal(config.databaseUrl, 'postgres://candor@db:5432/candor');
    assert.equal(config.publicUrl, 'https://candor.example.org');
    assert.equal(config.inboundSmtpPort, 2525);
    assert.equal(config.logLevel, 'debug');
  });

  it('brackets an IPv6 host in the default public URL', () => {
    assert.equal(loadConfig({ HOST: '::1', PORT: '81' }).publicUrl, 'http://[::1]:81');
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, /PORT: must be a port number between 0 and 65535, got "eighty"/],
    ['PORT', { PORT: '70000' }, /PORT: must be a port number/],
    ['INBOUND_SMTP_PORT', { INBOUND_SMTP_PORT: '25x' }, /INBOUND_SMTP_PORT: must be a port number between 0 and 65535/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/candor' }, /DATABASE_URL: must use postgres: or postgresql:/],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL: must be a URL/],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://example.org' }, /PUBLIC_URL: must use http: or https:/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: must be one of/],
    ['PGLITE_SHARED_BUFFERS', { PGLITE_SHARED_BUFFERS: 'lots' }, /PGLITE_SHARED_BUFFERS: must be a size/],
    ['DONATE_URL', { DONATE_URL: 'javascript:alert(1)' }, /DONATE_URL: must use https: or http:/],
    ['SECOND_LANGUAGE', { SECOND_LANGUAGE: 'Spanish' }, /SECOND_LANGUAGE: must be a language code such as es, or none/],
    ['METRICS_ALLOW', { METRICS_ALLOW: '10.0.0.0/33' }, /METRICS_ALLOW: must list IP addresses or CIDR ranges.*"10.0.0.0\/33"/],
    ['METRICS_ALLOW', { METRICS_ALLOW: '127.0.0.1, localhost' }, /METRICS_ALLOW: .*"localhost" is not one/],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }, /TRUST_PROXY: must list IP addresses or CIDR ranges.*"true" is not one/],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'short' }, /METRICS_TOKEN: must be at least 24 printable characters/],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'a token with spaces in it, long enough' }, /METRICS_TOKEN: must be at least 24/],
  ];

  it('lets only loopback read the metrics unless told otherwise', () => {
    assert.deepEqual(loadConfig({}).metrics, { token: undefined, allow: ['127.0.0.0/8', '::1/128'] });
    assert.deepEqual(loadConfig({ METRICS_ALLOW: 'none' }).metrics.allow, []);
    const config = loadConfig({ METRICS_ALLOW: '192.0.2.7, 10.0.0.0/8,fd00::/8', METRICS_TOKEN: 'f'.repeat(48) });
    assert.deepEqual(config.metrics, { token: 'f'.repeat(48), allow: ['192.0.2.7/32', '10.0.0.0/8', 'fd00::/8'] });
  });

  it('trusts no proxy unless told which', () => {
    assert.deepEqual(loadConfig({}).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'none' }).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.1.0.0/16' }).trustProxy, ['127.0.0.1/32', '10.1.0.0/16']);
  });

  it('reads the site’s donate link and second language, unset by default', () => {
    assert.deepEqual([loadConfig({}).donateUrl, loadConfig({}).secondLanguage], [undefined, undefined]);
    const config = loadConfig({ DONATE_URL: 'https://give.example.org/', SECOND_LANGUAGE: 'ar' });
    assert.deepEqual([config.donateUrl, config.secondLanguage], ['https://give.example.org/', 'ar']);
  });
  for (const [variable, env, message] of bad) {
    it(`names ${variable} when it is wrong (${Object.values(env)[0]})`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && error.variable === variable && message.test(error.message),
      );
    });
  }

  it('never prints a password from a URL it rejects', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://candor:hunter2@db/candor' }), (error: Error) => !error.message.includes('hunter2'));
    assert.equal(redactUrl('postgres://candor:hunter2@db/candor'), 'postgres://candor:***@db/candor');
  });
});
