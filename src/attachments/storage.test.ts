import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeFilename } from './storage.ts';

describe('safeFilename', () => {
  it('keeps a name without its path or control characters, and never empty', () => {
    assert.equal(safeFilename('Orden judicial 12/2026.pdf'), 'Orden judicial 12_2026.pdf');
    assert.equal(safeFilename('..\\..\\windows\\system.ini'), '_.._windows_system.ini');
    assert.equal(safeFilename('../../etc/passwd'), '_.._etc_passwd');
    assert.equal(safeFilename('evil\u0000name\r\n.txt'), 'evilname.txt');
    assert.equal(safeFilename('.htaccess'), 'htaccess');
    assert.equal(safeFilename('قرار المحكمة.pdf'), 'قرار المحكمة.pdf');
    assert.equal(safeFilename(''), 'attachment');
    assert.equal(safeFilename(null), 'attachment');
    assert.equal(safeFilename('/'), '_');
    assert.equal(safeFilename(' . '), 'attachment');
    assert.equal([...safeFilename('é'.repeat(400))].length, 255);
  });
});
