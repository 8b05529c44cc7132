import { sql, type Kysely } from 'kysely';

/**
 * The first reply templates, in English, Spanish and Arabic. Staff change them in the console;
 * `{{…}}` marks are filled from the request when a reply is written.
 */
const TEMPLATES: [name: string, language: string, subject: string, body: string][] = [
  [
    'more-information', 'en', 'We need more information about your request {{reference}}',
    'Dear {{requester_name}},\n\nThank you for your request of {{received_date}} ({{kind}}). Before we can evaluate it, we need the following:\n\n- \n\nPlease reply to this message; your answer will be added to the request. Until we hear from you, our review is paused.\n\nKind regards,\n{{staff_name}}\nLegal team',
  ],
  [
    'more-information', 'es', 'Necesitamos más información sobre su solicitud {{reference}}',
    'Estimado/a {{requester_name}}:\n\nGracias por su solicitud del {{received_date}} ({{kind}}). Antes de poder evaluarla, necesitamos lo siguiente:\n\n- \n\nResponda a este mensaje; su respuesta se añadirá a la solicitud. Hasta recibirla, nuestra revisión queda en pausa.\n\nUn saludo cordial,\n{{staff_name}}\nEquipo jurídico',
  ],
  [
    'more-information', 'ar', 'نحتاج إلى مزيد من المعلومات بشأن طلبكم {{reference}}',
    'السيد/السيدة {{requester_name}}،\n\nنشكركم على طلبكم المؤرخ {{received_date}} ({{kind}}). قبل أن نتمكن من تقييمه، نحتاج إلى ما يلي:\n\n- \n\nيرجى الرد على هذه الرسالة، وسيُضاف ردكم إلى الطلب. وتبقى مراجعتنا معلّقة إلى حين وصول ردكم.\n\nمع خالص التحية،\n{{staff_name}}\nالفريق القانوني',
  ],
  [
    'decision-denied', 'en', 'Our decision on your request {{reference}}',
    'Dear {{requester_name}},\n\nWe have carefully reviewed your request of {{received_date}} ({{kind}}). We have decided not to act on it.\n\nOur reasons:\n\n\nThe content and the information of the people who contribute to our projects are protected by the rights of free expression and privacy, and we act on a demand only when the law truly requires it.\n\nKind regards,\n{{staff_name}}\nLegal team',
  ],
  [
    'decision-denied', 'es', 'Nuestra decisión sobre su solicitud {{reference}}',
    'Estimado/a {{requester_name}}:\n\nHemos examinado con atención su solicitud del {{received_date}} ({{kind}}) y hemos decidido no atenderla.\n\nNuestros motivos:\n\n\nEl contenido y los datos de quienes contribuyen a nuestros proyectos están protegidos por los derechos a la libertad de expresión y a la privacidad, y solo atendemos una petición cuando la ley realmente lo exige.\n\nUn saludo cordial,\n{{staff_name}}\nEquipo jurídico',
  ],
  [
    'decision-denied', 'ar', 'قرارنا بشأن طلبكم {{reference}}',
    'السيد/السيدة {{requester_name}}،\n\nلقد راجعنا بعناية طلبكم المؤرخ {{received_date}} ({{kind}})، وقررنا عدم الاستجابة له.\n\nأسبابنا:\n\n\nإن المحتوى وبيانات المساهمين في مشاريعنا محميّة بحق حرية التعبير والحق في الخصوصية، ولا نستجيب لأي طلب إلا إذا كان القانون يوجب ذلك فعلًا.\n\nمع خالص التحية،\n{{staff_name}}\nالفريق القانوني',
  ],
  [
    'decision-granted', 'en', 'Our decision on your request {{reference}}',
    'Dear {{requester_name}},\n\nWe have reviewed your request of {{received_date}} ({{kind}}). Our decision: {{decision}}.\n\nWhat we have done:\n\n\nKind regards,\n{{staff_name}}\nLegal team',
  ],
  [
    'decision-granted', 'es', 'Nuestra decisión sobre su solicitud {{reference}}',
    'Estimado/a {{requester_name}}:\n\nHemos examinado su solicitud del {{received_date}} ({{kind}}). Nuestra decisión: {{decision}}.\n\nLo que hemos hecho:\n\n\nUn saludo cordial,\n{{staff_name}}\nEquipo jurídico',
  ],
  [
    'decision-granted', 'ar', 'قرارنا بشأن طلبكم {{reference}}',
    'السيد/السيدة {{requester_name}}،\n\nلقد راجعنا طلبكم المؤرخ {{received_date}} ({{kind}}). قرارنا: {{decision}}.\n\nما قمنا به:\n\n\nمع خالص التحية،\n{{staff_name}}\nالفريق القانوني',
  ],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, language, subject, body] of TEMPLATES) {
    await sql`INSERT INTO reply_templates (name, language, subject, body) VALUES (${name}, ${language}, ${subject}, ${body})`.execute(db);
  }
}
