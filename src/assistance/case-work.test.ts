import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeAmount, readAmount } from './case-work.ts';

describe('readAmount', () => {
  it('takes positive decimal amounts, as many decimals as the currency has', () => {
    assert.deepEqual(readAmount('2500.50', 'EUR'), { amount: '2500.5' });
    assert.deepEqual(readAmount(' 12 000 ', 'USD'), { amount: '12000' });
    assert.deepEqual(readAmount('150000', 'JPY'), { amount: '150000' });
    assert.deepEqual(readAmount('1.125', 'BHD'), { amount: '1.125' });
  });

  it('refuses what is not an amount above zero, or has more decimals than the currency', () => {
    assert.equal((readAmount('', 'EUR') as { code: string }).code, 'assistance-work-amount-required');
    assert.equal((readAmount('-5', 'EUR') as { code: string }).code, 'assistance-work-amount-invalid');
    assert.equal((readAmount('1e3', 'EUR') as { code: string }).code, 'assistance-work-amount-invalid');
    assert.equal((readAmount('2.500,00', 'EUR') as { code: string }).code, 'assistance-work-amount-invalid');
    assert.equal((readAmount('0.00', 'EUR') as { code: string }).code, 'assistance-work-amount-positive');
    assert.deepEqual(readAmount('10.5', 'JPY'), { code: 'assistance-work-amount-whole', params: ['JPY', 0] });
    assert.deepEqual(readAmount('10.555', 'EUR'), { code: 'assistance-work-amount-decimals', params: ['EUR', 2] });
  });

  it('normalises as the database gives amounts back', () => {
    assert.equal(normalizeAmount('0012.500'), '12.5');
    assert.equal(normalizeAmount('0.250'), '0.25');
    assert.equal(normalizeAmount('100.000'), '100');
  });
});
