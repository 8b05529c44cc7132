import type { NewRequest } from '../requests/create-requests.ts';

const HOUR = 3_600_000;

/**
 * A few recent, open demands with their requesters' words, so that the demo's queue has work on
 * it in three languages: people, firms and authorities of a fictional world (addresses under
 * the reserved `.example` domain).
 */
export function demoDeskRequests(now: Date): NewRequest[] {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  return [
    {
      kind: 'content_alteration',
      category: 'defamation',
      channel: 'email',
      receivedAt: at(50),
      language: 'en',
      requester: { name: 'Harriet Quill', organization: 'Quill & Marsh LLP', email: 'h.quill@quill-marsh.example', type: 'lawyer', country: 'GB' },
      lawsCited: ['Defamation Act 2013, s. 1'],
      originalText:
        'Dear Sirs,\n\nWe act for Mr Ambrose Tull. The article "Tull Shipping" states that our client was convicted of fraud in 2019. He was acquitted. We ask that the sentence be removed within seven days, failing which our client reserves his rights.\n\nYours faithfully,\nHarriet Quill',
      targets: [{ type: 'page', url: 'https://en.wikipedia.org/wiki/Tull_Shipping', project: 'en.wikipedia.org' }],
      parties: [{ role: 'principal', name: 'Ambrose Tull', country: 'GB' }],
    },
    {
      kind: 'copyright',
      category: null,
      channel: 'web',
      receivedAt: at(30),
      language: 'es',
      requester: { name: 'Lucía Ferrer', organization: 'Estudio Ferrer', email: 'lucia@estudio-ferrer.example', type: 'company', country: 'ES' },
      lawsCited: ['17 U.S.C. § 512(c)(3)'],
      originalText:
        'Soy la autora de la fotografía «Faro al amanecer», publicada en mi web en 2021. Se ha subido sin mi permiso y sin licencia libre. Solicito su retirada.\n\nDeclaro de buena fe que el uso no está autorizado y, bajo pena de perjurio, que la información es exacta.\n\nFirma: Lucía Ferrer',
      targets: [{ type: 'file', url: 'https://commons.wikimedia.org/wiki/File:Faro_al_amanecer.jpg', project: 'commons.wikimedia.org' }],
    },
    {
      kind: 'user_data',
      category: 'court_order',
      channel: 'post',
      receivedAt: at(20),
      language: 'ar',
      requester: { name: 'قلم المحكمة الابتدائية', organization: 'المحكمة الابتدائية بمدينة النخيل', email: 'registry@palm-court.example', type: 'court', country: 'JO' },
      jurisdiction: 'JO',
      originalText: 'بناءً على الدعوى رقم 118/2026، تأمر المحكمة بتقديم عنوان البريد الإلكتروني وعناوين IP المرتبطة بالحساب المذكور أدناه خلال ثلاثين يومًا.',
      targets: [{ type: 'account', account: 'محرر_النخيل', project: 'ar.wikipedia.org' }],
      accounts: { potentiallyAffected: 1, actuallyAffected: 0, notified: 0 },
    },
    {
      kind: 'emergency',
      category: 'self_harm',
      channel: 'email',
      receivedAt: at(3),
      language: 'en',
      requester: { name: 'Sam Okafor', email: 'sam.okafor@mail.example', type: 'individual', country: 'NG' },
      originalText: 'A message on a user talk page tonight reads like someone planning to hurt themselves. Please check and contact whoever can help.',
      targets: [{ type: 'page', url: 'https://en.wikipedia.org/wiki/User_talk:Example_Night', project: 'en.wikipedia.org' }],
    },
    {
      kind: 'content_alteration',
      category: 'erasure',
      channel: 'web',
      receivedAt: at(100),
      language: 'es',
      requester: { name: 'Marta Ibáñez', email: 'marta.ibanez@correo.example', type: 'individual', country: 'AR' },
      originalText: 'Pido que se elimine mi dirección particular del artículo sobre la cooperativa de mi barrio. No soy una persona pública.',
      targets: [{ type: 'page', url: 'https://es.wikipedia.org/wiki/Cooperativa_El_Ceibo', project: 'es.wikipedia.org' }],
    },
  ];
}
