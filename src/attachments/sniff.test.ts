import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OCTET_STREAM, sniffContentType } from './sniff.ts';

/** A ZIP archive's first local file header naming `name`, followed by `content` stored uncompressed. */
function zipEntry(name: string, content = ''): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(content, 'latin1')]);
}

describe('sniffContentType', () => {
  it('knows documents and images by their magic bytes, whatever they are called', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), 'application/pdf'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'image/jpeg'],
      [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'image/webp'],
      [Buffer.concat([zipEntry('[Content_Types].xml', '<x/>'), zipEntry('word/document.xml', '<w/>')]), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), 'application/vnd.oasis.opendocument.text'],
      [zipEntry('photos/a.jpg', 'x'), 'application/zip'],
      [Buffer.from('Dear legal team,\nplease find the order below. Ünïcödé is fine.\n'), 'text/plain'],
    ];
    for (const [bytes, expected] of cases) {
      assert.equal(sniffContentType(bytes, { declaredType: 'application/octet-stream', filename: 'scan.bin' }), expected);
      assert.equal(sniffContentType(bytes, { declaredType: 'image/png', filename: 'letter.pdf' }), expected, 'the name and declared type do not decide');
    }
  });

  it('keeps HTML, SVG, XML and scripts as downloads only, however they are disguised', () => {
    const active = [
      '<!DOCTYPE html><html><body>x</body></html>',
      '  <html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><root/>',
      'Some text first\n<script>alert(document.cookie)</script>',
      '\ufeff<iframe src="https://example.org">',
    ];
    for (const text of active) {
      assert.equal(sniffContentType(Buffer.from(text), { declaredType: 'text/plain', filename: 'notes.txt' }), OCTET_STREAM, text);
    }
    // A harmless text declared or named as something a browser would run is still not served as text.
    assert.equal(sniffContentType(Buffer.from('hello'), { declaredType: 'text/html' }), OCTET_STREAM);
    assert.equal(sniffContentType(Buffer.from('hello'), { declaredType: 'image/svg+xml' }), OCTET_STREAM);
    assert.equal(sniffContentType(Buffer.from('alert(1)'), { filename: 'run.js' }), OCTET_STREAM);
    assert.equal(sniffContentType(Buffer.from('%PDF-1.4'), { filename: 'page.html' }), OCTET_STREAM);
  });

  it('calls anything else application/octet-stream', () => {
    assert.equal(sniffContentType(Buffer.from([0, 1, 2, 3, 250, 251])), OCTET_STREAM);
    assert.equal(sniffContentType(Buffer.from([0x63, 0x61, 0x66, 0xe9])), OCTET_STREAM, 'not UTF-8');
    assert.equal(sniffContentType(Buffer.alloc(0)), OCTET_STREAM);
    assert.equal(sniffContentType(Buffer.from('MZ\x90\x00\x03', 'latin1')), OCTET_STREAM);
  });

  it('reads long UTF-8 text cut inside a character as text', () => {
    const text = Buffer.from('ñ'.repeat(40_000));
    assert.equal(sniffContentType(text), 'text/plain');
  });
});
