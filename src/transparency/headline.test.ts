import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../i18n/translate.ts';
import { headlineText } from '../site/pages/transparency-index.tsx';
import { takedownFigures } from './headline.ts';
import type { TransparencyReport } from './report-shape.ts';

const line = (lang: string, received: number, granted: number) => headlineText({ lang, t: translator(lang), path: '/transparency' }, { year: '2025', received, granted, published: true });

describe('takedownFigures', () => {
  it('counts content and copyright notices without counter-notices, granted in full or in part', () => {
    const report = {
      content_alteration: { received: 10, granted: 2, partially_granted: 1 },
      copyright: { received: 20, granted: 4, partially_granted: 3, counter_notices: 7 },
      user_data: { received: 100, produced_full: 50, produced_partial: 50 },
      emergency: { received: 9 },
      preservation: { received: 8 },
    } as unknown as TransparencyReport;
    assert.deepEqual(takedownFigures(report), { received: 30, granted: 10 });
  });
});

describe('the headline sentence', () => {
  it('has the plural forms of English', () => {
    assert.equal(line('en', 0, 0), 'Last year (2025) we received 0 takedown requests and granted 0 of them.');
    assert.equal(line('en', 1, 1), 'Last year (2025) we received 1 takedown request and granted 1 of them.');
    assert.equal(line('en', 2, 0), 'Last year (2025) we received 2 takedown requests and granted 0 of them.');
    assert.equal(line('en', 684, 0), 'Last year (2025) we received 684 takedown requests and granted 0 of them.');
    assert.equal(line('en', 12345, 1), 'Last year (2025) we received 12,345 takedown requests and granted 1 of them.');
  });

  it('has the plural forms of Spanish, with its grouping of digits', () => {
    assert.equal(line('es', 0, 0), 'El año pasado (2025) recibimos 0 solicitudes de retirada y aceptamos 0 de ellas.');
    assert.equal(line('es', 1, 1), 'El año pasado (2025) recibimos 1 solicitud de retirada y aceptamos 1 de ellas.');
    assert.equal(line('es', 3, 2), 'El año pasado (2025) recibimos 3 solicitudes de retirada y aceptamos 2 de ellas.');
    assert.equal(line('es', 12345, 11), 'El año pasado (2025) recibimos 12.345 solicitudes de retirada y aceptamos 11 de ellas.');
  });

  it('has the six plural forms of Arabic', () => {
    const received = (n: number) => line('ar', n, 0).split('، و')[0];
    assert.equal(received(0), 'في العام الماضي (2025) لم نتلقَّ أيّ طلب إزالة');
    assert.equal(received(1), 'في العام الماضي (2025) تلقّينا طلب إزالة واحدًا');
    assert.equal(received(2), 'في العام الماضي (2025) تلقّينا طلبَي إزالة');
    assert.equal(received(3), 'في العام الماضي (2025) تلقّينا 3 طلبات إزالة');
    assert.equal(received(11), 'في العام الماضي (2025) تلقّينا 11 طلبًا للإزالة');
    assert.equal(received(100), 'في العام الماضي (2025) تلقّينا 100 طلب إزالة');
    const granted = (n: number) => line('ar', 200, n).split('، و')[1];
    assert.equal(granted(0), 'لم نقبل أيًّا منها.');
    assert.equal(granted(1), 'قبلنا طلبًا واحدًا منها.');
    assert.equal(granted(2), 'قبلنا طلبين منها.');
    assert.equal(granted(3), 'قبلنا 3 طلبات منها.');
    assert.equal(granted(11), 'قبلنا 11 طلبًا منها.');
    assert.equal(granted(100), 'قبلنا 100 طلب منها.');
    // 103 is "few" again and 111 "many" in Arabic: the forms follow the number, not its size.
    assert.equal(granted(103), 'قبلنا 103 طلبات منها.');
    assert.equal(granted(111), 'قبلنا 111 طلبًا منها.');
  });
});
