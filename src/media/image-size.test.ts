import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoImages } from '../demo/demo-images.ts';
import { readImageInfo } from './image-size.ts';

/** A minimal JPEG header: SOI, an APP0 segment, then a baseline frame of the given size. */
function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

function webpLossless(width: number, height: number): Buffer {
  const bits = (width - 1) | ((height - 1) << 14);
  const body = Buffer.alloc(10);
  body[0] = 0x2f;
  body.writeUInt32LE(bits >>> 0, 1);
  const chunk = Buffer.concat([Buffer.from('VP8L'), Buffer.from([10, 0, 0, 0]), body]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + chunk.length, 4);
  return Buffer.concat([riff, Buffer.from('WEBP'), chunk, Buffer.alloc(4)]);
}

describe('reading an image’s size from its header', () => {
  it('reads PNG, JPEG and WebP', () => {
    assert.deepEqual(readImageInfo(demoImages()[0]!.content), { contentType: 'image/png', width: 640, height: 360 });
    assert.deepEqual(readImageInfo(jpeg(1200, 800)), { contentType: 'image/jpeg', width: 1200, height: 800 });
    assert.deepEqual(readImageInfo(webpLossless(300, 200)), { contentType: 'image/webp', width: 300, height: 200 });
  });

  it('refuses SVG, HTML, GIF, a truncated header and an empty size', () => {
    assert.equal(readImageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')), undefined);
    assert.equal(readImageInfo(Buffer.from('<!doctype html><p>hi')), undefined);
    assert.equal(readImageInfo(Buffer.from('GIF89a\x0a\x00\x0a\x00')), undefined);
    assert.equal(readImageInfo(demoImages()[0]!.content.subarray(0, 20)), undefined);
    assert.equal(readImageInfo(jpeg(1200, 800).subarray(0, 24)), undefined);
    assert.equal(readImageInfo(jpeg(0, 800)), undefined);
    assert.equal(readImageInfo(Buffer.alloc(0)), undefined);
  });
});
