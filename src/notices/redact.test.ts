import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ibanIsValid } from './patterns.ts';
import { nameVariants, normalizeUrl, redact, type RedactionTerms } from './redact.ts';

const none: RedactionTerms = { names: [], literals: [], notActionedUrls: [] };
const clean = (text: string, terms: Partial<RedactionTerms> = {}) => redact(text, { ...none, ...terms }).text;

/** Asserts that each secret is gone and each kept phrase is still there, and that markers replaced them. */
function check(text: string, gone: string[], kept: string[], terms: Partial<RedactionTerms> = {}) {
  const out = clean(text, terms);
  for (const secret of gone) assert.ok(!out.includes(secret), `"${secret}" survived in: ${out}`);
  for (const phrase of kept) assert.ok(out.includes(phrase), `"${phrase}" was lost from: ${out}`);
  if (gone.length > 0) assert.ok(out.includes('[private]') || out.includes('[not actioned]'), `no marker in: ${out}`);
  return out;
}

describe('redacting e-mail addresses', () => {
  it('replaces plain addresses in English, Spanish and Arabic text', () => {
    assert.equal(clean('Write to jordan.vale+notices@vale-law.example today.'), 'Write to [private] today.');
    assert.equal(clean('Escríbame a maría.lópez@correo.es, por favor.'), 'Escríbame a [private], por favor.');
    assert.equal(clean('راسلني على ahmed.k@mail.example.eg من فضلك'), 'راسلني على [private] من فضلك');
  });
  it('replaces addresses written out to dodge harvesters', () => {
    for (const written of ['ana [at] example [dot] org', 'ana(at)example(dot)org', 'ana [at] example.org', 'ana {arroba} ejemplo (punto) es', 'ana at example dot org', 'ana AT example DOT org', 'ana arroba ejemplo punto es', 'ana [@] example [.] org']) {
      assert.equal(clean(`Contact: ${written}.`), 'Contact: [private].', written);
    }
  });
  it('leaves ordinary words alone', () => {
    check('Please look at the article and at its history.', [], ['look at the article and at its history']);
  });
});

describe('redacting phone numbers', () => {
  const phones = [
    '+1 (555) 123-4567',
    '+1-202-555-0143',
    '(202) 555-0143',
    '202.555.0143',
    '+44 20 7946 0958',
    '020 7946 0958',
    '07700 900123',
    '+34 612 34 56 78',
    '612 345 678',
    '91 123 45 67',
    '0034 912 345 678',
    '+52 55 1234 5678',
    '+20 10 1234 5678',
    '01012345678',
    '+49 30 901820',
    '+33 1 42 68 53 00',
    '٠١٠١٢٣٤٥٦٧٨',
    '+٢٠ ١٠ ١٢٣٤ ٥٦٧٨',
  ];
  for (const phone of phones) {
    it(`replaces ${phone}`, () => {
      assert.equal(clean(`Call me on ${phone} tomorrow.`), 'Call me on [private] tomorrow.');
    });
  }
  it('replaces phones in Spanish and Arabic sentences', () => {
    check('Mi teléfono es el 612 34 56 78 y el fijo 91 123 45 67.', ['612 34 56 78', '91 123 45 67'], ['Mi teléfono es el']);
    check('رقم هاتفي ٠١٠١٢٣٤٥٦٧٨ للتواصل', ['٠١٠١٢٣٤٥٦٧٨'], ['رقم هاتفي', 'للتواصل']);
  });
  it('replaces a run of digits without separators when the text calls it a phone number', () => {
    check('Mi número es 600123456; llámeme.', ['600123456'], ['Mi número es', 'llámeme']);
    check('Phone: 2025550143.', ['2025550143'], ['Phone:']);
    check('جوال 501234567 للتواصل', ['501234567'], ['للتواصل']);
    check('Revision 600123456 of the page.', [], ['Revision 600123456']);
  });
  it('replaces a realistic English demand without touching its citations', () => {
    const out = check(
      "Dear Sir,\nI am Patrick O'Neil of 12 Elm Road, Apt 3B, Boston, MA 02118. Mr. O'Neil's phone: (617) 555-0199. Email PATRICK.ONEIL@Example.COM. Under 47 U.S.C. § 230 and the order of 3 March 2026 in Case No. 1:21-cv-04567, remove the page.",
      ["O'Neil", 'Elm Road', '02118', '555-0199', 'PATRICK.ONEIL'],
      ['Dear Sir,', 'Boston', '47 U.S.C. § 230', '3 March 2026', 'Case No. 1:21-cv-04567'],
      { names: ["Patrick O'Neil"] },
    );
    assert.ok(out.includes("Mr. [private]'s phone: [private]."), out);
  });
  it('leaves legal citations, dates, amounts, case numbers and references alone', () => {
    const kept = [
      '17 U.S.C. § 512(c)(3)',
      '17 U.S.C. § 512(c)(3)(A)(v)',
      'Regulation (EU) 2016/679',
      'Directive 2000/31/EC',
      'Article 17(1)(a)',
      'Case C-131/12',
      'Ley 34/2002, de 11 de julio',
      'on 2026-03-14 10:30',
      'on 14/03/2026',
      'el 14.05.2013',
      'between 2019-2021',
      'CR-2026-000123',
      'No. 2:23-cv-01234',
      '€ 1 000 000 000',
      '1.000.000.000 euros',
      'revision 123456789',
      'pages 100-200',
      'المادة 17 من القانون رقم 175 لسنة 2018',
    ];
    for (const phrase of kept) check(`See ${phrase} for details.`, [], [phrase]);
  });
});

describe('redacting identity numbers, IBANs and cards', () => {
  it('checks IBANs with their check digits', () => {
    assert.ok(ibanIsValid('DE89 3704 0044 0532 0130 00'));
    assert.ok(ibanIsValid('GB82WEST12345698765432'));
    assert.ok(ibanIsValid('ES91 2100 0418 4502 0005 1332'));
    assert.ok(!ibanIsValid('DE89 3704 0044 0532 0130 01'));
  });
  it('replaces IBANs, spaced or not, and a mistyped one named as an IBAN', () => {
    check('Pay to DE89 3704 0044 0532 0130 00 by Friday.', ['3704 0044'], ['Pay to', 'by Friday']);
    check('Cuenta: ES91 2100 0418 4502 0005 1332.', ['2100 0418'], ['Cuenta:']);
    check('Send to GB82WEST12345698765432.', ['GB82WEST'], ['Send to']);
    check('IBAN: FR14 2004 1010 0505 0001 3M02 607', ['2004 1010'], ['IBAN:']);
    check('IBAN ES00 1234 5678 9012 3456 7890', ['1234 5678'], ['IBAN']);
  });
  it('replaces national identity numbers and passport numbers', () => {
    check('My DNI is 12345678Z.', ['12345678Z'], ['My DNI is']);
    check('Con NIE X1234567L resido en Madrid.', ['X1234567L'], ['Con NIE', 'resido en Madrid']);
    check('SSN 123-45-6789 on file.', ['123-45-6789'], ['on file']);
    check('NI number AB 12 34 56 C.', ['AB 12 34 56 C'], ['NI number']);
    check('Passport number: 533401678, issued 2019.', ['533401678'], ['issued 2019']);
    check('Pasaporte nº PAB123456 expedido en Sevilla.', ['PAB123456'], ['expedido en Sevilla']);
    check('Cédula de identidad 1.234.567-8', ['1.234.567-8'], []);
    check('CURP GODE561231HDFRRN09 registrada.', ['GODE561231HDFRRN09'], ['registrada']);
    check('CPF 123.456.789-09 do titular.', ['123.456.789-09'], ['do titular']);
    check('الرقم القومي 29001011234567 لصاحب الشكوى', ['29001011234567'], ['لصاحب الشكوى']);
    check('رقم جواز السفر A12345678 صادر من القاهرة', ['A12345678'], ['صادر من القاهرة']);
    check('الرقم القومي ٢٩٠٠١٠١١٢٣٤٥٦٧', ['٢٩٠٠١٠١١٢٣٤٥٦٧'], []);
  });
  it('replaces a card number that passes the Luhn check', () => {
    check('Card 4111 1111 1111 1111 was charged.', ['4111 1111'], ['was charged']);
  });
  it('does not take a wrong check letter for a DNI', () => {
    check('Model 12345678A of the printer.', [], ['12345678A']);
  });
});

describe('redacting street addresses', () => {
  it('replaces English, Spanish and Arabic addresses', () => {
    check('I live at 742 Evergreen Terrace, Springfield.', ['742 Evergreen Terrace'], ['I live at', 'Springfield']);
    check('Send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500.', ['1600 Pennsylvania Avenue', 'DC 20500'], ['Send it to']);
    check('Flat 2, 221B Baker Street, London NW1 6XE', ['221B Baker Street', 'NW1 6XE'], []);
    check('Our office: 55 Water St., Suite 400.', ['55 Water St', 'Suite 400'], ['Our office:']);
    check('Vivo en la Calle Mayor 5, 3º B, 28013 Madrid.', ['Mayor 5', '28013'], ['Vivo en la']);
    check('Domicilio: C/ de Alcalá, nº 42, Madrid', ['Alcalá, nº 42'], ['Domicilio:']);
    check('en la Avenida de la Constitución 12, Sevilla', ['Constitución 12'], ['Sevilla']);
    check('Apartado de Correos 1234, Málaga', ['1234'], ['Málaga']);
    check('أسكن في ١٥ شارع التحرير في القاهرة', ['التحرير'], ['أسكن', 'في القاهرة']);
    check('العنوان: شارع الملك فيصل رقم 20، الجيزة', ['الملك فيصل', '20'], ['العنوان', 'الجيزة']);
    check('P.O. Box 7788, Dubai', ['7788'], ['Dubai']);
  });
  it('leaves courts and article titles alone', () => {
    check('In 2019 the Supreme Court held that the article was fair.', [], ['In 2019 the Supreme Court held']);
    check('The article "Main Street (film)" was edited.', [], ['Main Street (film)']);
  });
});

describe('redacting the names a request records', () => {
  const terms = { names: ['María José García-Márquez', 'Jordan Vale', 'أحمد عبد الله الشريف'] };
  it('replaces a full name, its parts, and ignores case and accents', () => {
    assert.equal(clean('María José García-Márquez asks for removal.', terms), '[private] asks for removal.');
    assert.equal(clean('Ms. GARCIA MARQUEZ wrote; maria jose agreed.', terms), 'Ms. [private] [private] wrote; [private] [private] agreed.');
    assert.equal(clean('Signed: Garcia-Marquez', terms), 'Signed: [private]');
    check('Jordan Vale, counsel; J. Vale again; Mr Vale.', ['Jordan', 'Vale', 'J.'], ['counsel', 'again', 'Mr'], terms);
    check('Vale la pena: valentine', ['Vale la'], ['la pena', 'valentine'], terms);
  });
  it('replaces Arabic names with and without hamza, vowel marks and a proclitic', () => {
    check('تقدم أحمد عبد الله الشريف بالطلب', ['أحمد', 'الشريف'], ['تقدم', 'بالطلب'], terms);
    check('وقال احمد إن المقال كاذب، وأكد الشَّرِيف ذلك', ['احمد', 'الشَّرِيف'], ['وقال', 'إن المقال كاذب', 'وأكد', 'ذلك'], terms);
    check('وأحمد يطلب الحذف', ['أحمد'], ['يطلب الحذف'], terms);
  });
  it('leaves the particles of a name alone elsewhere', () => {
    const out = clean('La página de la Fundación', terms);
    assert.equal(out, 'La página de la Fundación');
  });
  it('lists a name with its parts, longest first', () => {
    assert.deepEqual(nameVariants(['José de la Cruz']), ['jose de la cruz', 'jose', 'cruz']);
  });
  it('replaces literals such as accounts wherever they appear, names in kept URLs too', () => {
    const out = clean('User:ExampleEditor wrote https://en.wikipedia.org/wiki/Jordan_Vale and exampleeditor replied.', { names: ['Jordan Vale'], literals: ['ExampleEditor'] });
    assert.equal(out, 'User:[private] wrote https://en.wikipedia.org/wiki/[private] and [private] replied.');
  });
});

describe('not-actioned URLs', () => {
  it('replaces the URLs the organisation did not act on, however they are written, and keeps the others', () => {
    const text = 'Remove https://en.wikipedia.org/wiki/Example_Article, en.m.wikipedia.org/wiki/Example%20Article and https://commons.wikimedia.org/wiki/File:Photo_1.jpg (the photo). Revision https://en.wikipedia.org/w/index.php?oldid=123456789 too.';
    const out = clean(text, { notActionedUrls: ['https://en.wikipedia.org/wiki/Example_Article'] });
    assert.equal(out, 'Remove [not actioned], [not actioned] and https://commons.wikimedia.org/wiki/File:Photo_1.jpg (the photo). Revision https://en.wikipedia.org/w/index.php?oldid=123456789 too.');
  });
  it('normalises URLs for comparison', () => {
    assert.equal(normalizeUrl('https://www.Example.org/wiki/A_B/'), normalizeUrl('example.org/wiki/A%20B'));
  });
});

describe('the pipeline as a whole', () => {
  it('takes linear time on long runs that could make patterns backtrack', () => {
    for (const run of ['1', 'a.', 'a-', '.', '1.', 'a.b', 'x [at] ', 'word at ', 'Calle ', 'شارع ', 'passport ', 'https://']) {
      const text = run.repeat(Math.ceil(100_000 / run.length));
      const start = performance.now();
      redact(text, { names: ['John Smith'], literals: ['someone@example.org'], notActionedUrls: ['https://en.wikipedia.org/wiki/X'] });
      assert.ok(performance.now() - start < 3_000, `"${run}" repeated took ${Math.round(performance.now() - start)} ms`);
    }
  });
  it('is idempotent: redacting a redacted text changes nothing', () => {
    const once = clean('Jordan Vale, jordan@vale.example, +1 202 555 0143, [not actioned].', { names: ['Jordan Vale'] });
    assert.equal(clean(once, { names: ['Jordan Vale'] }), once);
    assert.equal(once, '[private], [private], [private], [not actioned].');
  });
  it('reports the spans it replaced over the original text', () => {
    const { spans } = redact('Call 612 34 56 78 or write to a@b.example', none);
    assert.deepEqual(spans.map((span) => span.reason), ['phone', 'email']);
    assert.equal(spans[0]!.start, 5);
  });
  it('keeps a realistic Spanish demand readable', () => {
    const letter = [
      'Estimados señores:',
      'Me llamo Lucía Fernández Ortega, con DNI 12345678Z y domicilio en Calle del Prado 14, 2º A, 28014 Madrid.',
      'Solicito, al amparo del artículo 17 del Reglamento (UE) 2016/679, la supresión del artículo https://es.wikipedia.org/wiki/Lucía_Fernández.',
      'Pueden contactarme en el 612 34 56 78 o en lucia.fernandez [arroba] correo [punto] es.',
    ].join('\n');
    const out = check(letter, ['Lucía', 'Fernández', 'Ortega', '12345678Z', 'Prado 14', '28014', '612 34 56 78', 'lucia.fernandez'], ['Estimados señores:', 'artículo 17 del Reglamento (UE) 2016/679', 'https://es.wikipedia.org/wiki/'], { names: ['Lucía Fernández Ortega'] });
    assert.ok(out.includes('Me llamo [private], con DNI [private]'), out);
  });
});
