import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createPost, publishTranslation, saveTranslation, scheduleTranslation, type NewsEditor } from '../news/edit-posts.ts';
import type { TranslationInput } from '../news/model.ts';

type Telling = TranslationInput & { state: 'published' | 'draft' | 'scheduled' };

interface DemoPost {
  /** Days before the demo's start that it was published (negative: scheduled that many days ahead). */
  daysAgo: number;
  tellings: Record<'en' | 'es' | 'ar', Telling>;
}

const DEMO: NewsEditor = { userId: null, email: 'system:demo' };

/**
 * The demo's donate page, at the same path in every language: the donate link of `serve --demo`
 * (see demo-donate-link.ts) leads there, in the reader's language, rather than to anyone's real
 * donation page.
 */
export const DEMO_DONATE_SLUG = 'donate';

/** The demo's news: what the fictional Free Knowledge Trust has to say, in its three languages. */
const POSTS: DemoPost[] = [
  {
    daysAgo: 90,
    tellings: {
      en: {
        state: 'published',
        slug: DEMO_DONATE_SLUG,
        title: 'How the Trust is funded, and how to support it',
        summary: 'The Free Knowledge Trust lives on the gifts of its readers. This demonstration takes none.',
        body: 'The Free Knowledge Trust takes no money from the companies and governments whose demands it answers. Its lawyers, its legal desk and this report are paid for by the gifts of readers and contributors, most of them small.\n\n## This is a demonstration\n\nThe Trust is fictional, and this site takes no money. An organisation that runs Candor sets `DONATE_URL` to its own donation page, and the link at the top of every page leads there.\n\nTo follow the Trust’s work without giving anything, [sign up for the newsletter](/en/connect).',
      },
      es: {
        state: 'published',
        slug: DEMO_DONATE_SLUG,
        title: 'Cómo se financia Free Knowledge Trust y cómo apoyarla',
        summary: 'Free Knowledge Trust vive de las donaciones de quienes la leen. Esta demostración no acepta ninguna.',
        body: 'Free Knowledge Trust no acepta dinero de las empresas ni de los gobiernos a cuyas exigencias responde. Sus abogados, su equipo jurídico y este informe se pagan con las donaciones de lectores y colaboradores, casi todas pequeñas.\n\n## Esto es una demostración\n\nLa organización es ficticia y este sitio no acepta dinero. Una organización que usa Candor pone en `DONATE_URL` la dirección de su propia página de donaciones, y el enlace de la cabecera de cada página lleva allí.\n\nPara seguir su trabajo sin dar nada, [suscríbase al boletín](/es/connect).',
      },
      ar: {
        state: 'published',
        slug: DEMO_DONATE_SLUG,
        title: 'كيف تُموَّل Free Knowledge Trust وكيف تدعمها',
        summary: 'تعيش Free Knowledge Trust على تبرعات قرّائها. وهذا العرض التجريبي لا يقبل أي تبرع.',
        body: 'لا تقبل Free Knowledge Trust مالًا من الشركات والحكومات التي تردّ على مطالباتها. فمحاموها ومكتبها القانوني وهذا التقرير تموّلها تبرعات القرّاء والمساهمين، وأغلبها صغير.\n\n## هذا عرض تجريبي\n\nالمنظمة خيالية، وهذا الموقع لا يقبل أي مال. والمنظمة التي تشغّل Candor تضع في `DONATE_URL` عنوان صفحة التبرع الخاصة بها، فيقود إليها الرابط أعلى كل صفحة.\n\nولمتابعة عملها دون أن تدفع شيئًا، [اشترك في النشرة](/ar/connect).',
      },
    },
  },
  {
    daysAgo: 40,
    tellings: {
      en: {
        state: 'published',
        slug: 'we-refused-most-takedown-demands',
        title: 'We refused most of the takedown demands we received this half-year',
        summary: 'Our figures for the half-year are out: most demands to remove articles were refused, and every one of them is counted.',
        body: 'Every demand to remove or change an article reaches our legal desk, is read in full and is counted. This half-year, most of them asked us to remove accurate, well-sourced writing about people who would rather it were forgotten. We refused them.\n\n## What we granted\n\nWe acted where the law truly required it, or where a page broke the community’s own rules and volunteers had not yet noticed. Each of those decisions is explained in the [notice database](/en/notices).\n\n## Where to read more\n\n- The [transparency report](/en/transparency), with its figures by country and by project\n- The data behind it, as CSV and JSON, free to reuse\n\nIf you write for the projects and a letter from a lawyer arrives, [ask us for help](/en/legal-help).',
      },
      es: {
        state: 'published',
        slug: 'rechazamos-la-mayoria-de-las-solicitudes-de-retirada',
        title: 'Rechazamos la mayoría de las solicitudes de retirada de este semestre',
        summary: 'Ya están las cifras del semestre: la mayoría de las solicitudes de retirar artículos se rechazaron, y todas quedan contadas.',
        body: 'Cada solicitud de retirar o cambiar un artículo llega a nuestro equipo jurídico, se lee entera y se cuenta. Este semestre, la mayoría pedía borrar textos exactos y bien documentados sobre personas que preferirían que se olvidaran. Las rechazamos.\n\n## Lo que concedimos\n\nActuamos cuando la ley lo exigía de verdad, o cuando una página incumplía las propias normas de la comunidad y los voluntarios aún no lo habían visto. Cada una de esas decisiones se explica en la [base de datos de avisos](/es/notices).\n\n## Para saber más\n\n- El [informe de transparencia](/es/transparency), con cifras por país y por proyecto\n- Los datos, en CSV y JSON, libres para reutilizar\n\nSi escribe en los proyectos y le llega la carta de un abogado, [pídanos ayuda](/es/legal-help).',
      },
      ar: {
        state: 'published',
        slug: 'rafadna-aghlab-talabat-al-hadhf',
        title: 'رفضنا أغلب طلبات الحذف التي وصلتنا في هذا النصف من السنة',
        summary: 'صدرت أرقام نصف السنة: رُفض أغلب طلبات حذف المقالات، وكلها محسوبة.',
        body: 'يصل كل طلب لحذف مقالة أو تغييرها إلى مكتبنا القانوني، فيُقرأ كاملًا ويُحسب. في هذا النصف من السنة طلب أغلبها حذف كتابات دقيقة وموثّقة عن أشخاص يفضّلون أن تُنسى. فرفضناها.\n\n## ما استجبنا له\n\nتصرّفنا حين أوجب القانون ذلك حقًّا، أو حين خالفت صفحةٌ قواعدَ المجتمع نفسه ولم يلحظ المتطوعون ذلك بعد. وكل قرار من تلك القرارات مشروح في [قاعدة بيانات الإشعارات](/ar/notices).\n\n## للاستزادة\n\n- [تقرير الشفافية](/ar/transparency) بأرقامه حسب البلد والمشروع\n- البيانات نفسها بصيغتي CSV وJSON، حرّة لإعادة الاستخدام\n\nإن كنت تكتب في المشاريع ووصلتك رسالة من محامٍ، [فاطلب مساعدتنا](/ar/legal-help).',
      },
    },
  },
  {
    daysAgo: 12,
    tellings: {
      en: {
        state: 'published',
        slug: 'a-volunteer-stays-anonymous',
        title: 'A court agreed that a volunteer editor may stay anonymous',
        summary: 'A company wanted the name of the volunteer who wrote about its accounts. The court said no.',
        body: 'A company asked a court to order us to reveal who wrote a sourced paragraph about its accounts. We do not keep much about our volunteers, and what we keep we defend.\n\nThe court found that the paragraph was accurate, that it cited public filings, and that unmasking its author would chill everyone who writes about powerful companies. The order was refused.\n\n> Writing a true sentence should never cost someone their privacy.\n\nThe volunteer was kept informed at every step, and our lawyers in the country handled the case at no cost to them.',
      },
      es: {
        state: 'published',
        slug: 'un-voluntario-sigue-siendo-anonimo',
        title: 'Un tribunal aceptó que un editor voluntario siga siendo anónimo',
        summary: 'Una empresa quería el nombre del voluntario que escribió sobre sus cuentas. El tribunal dijo que no.',
        body: 'Una empresa pidió a un tribunal que nos obligara a revelar quién escribió un párrafo documentado sobre sus cuentas. Guardamos pocos datos de nuestros voluntarios, y los que guardamos los defendemos.\n\nEl tribunal consideró que el párrafo era exacto, que citaba registros públicos y que desenmascarar a su autor intimidaría a cualquiera que escriba sobre empresas poderosas. Denegó la orden.\n\n> Escribir una frase verdadera nunca debería costarle a nadie su privacidad.\n\nEl voluntario estuvo informado en cada paso, y nuestros abogados en el país llevaron el caso sin coste para él.',
      },
      ar: {
        state: 'draft',
        slug: 'mutatawwi-yabqa-majhul-al-hawiyya',
        title: 'محكمة تقرّ بحق محرّر متطوع في إخفاء هويته',
        summary: 'أرادت شركة اسم المتطوع الذي كتب عن حساباتها، فرفضت المحكمة.',
        body: 'طلبت شركة من محكمة أن تُلزمنا بكشف من كتب فقرة موثّقة عن حساباتها. لا نحتفظ إلا بالقليل عن متطوعينا، وما نحتفظ به ندافع عنه.\n\n(مسودة: تنتظر مراجعة الفريق القانوني قبل النشر.)',
      },
    },
  },
  {
    daysAgo: 3,
    tellings: {
      en: {
        state: 'published',
        slug: 'old-photographs-stay-free',
        title: 'Century-old photographs stay free to share',
        summary: 'An archive claimed copyright in photographs taken more than a hundred years ago. We showed they are in the public domain.',
        body: 'An archive sent a copyright notice for a set of photographs of a harbour, taken more than a hundred years ago and scanned by volunteers from a public library.\n\nCopyright in those photographs ran out long ago, and a faithful scan does not create a new one. We explained this to the archive, kept the photographs online, and recorded the notice, as we record every one.\n\nRead the notice, with personal details removed, in the [notice database](/en/notices).',
      },
      es: {
        state: 'published',
        slug: 'las-fotografias-antiguas-siguen-libres',
        title: 'Las fotografías centenarias siguen siendo libres',
        summary: 'Un archivo reclamó derechos de autor sobre fotografías de hace más de cien años. Demostramos que son de dominio público.',
        body: 'Un archivo envió un aviso de derechos de autor por una serie de fotografías de un puerto, tomadas hace más de cien años y digitalizadas por voluntarios en una biblioteca pública.\n\nLos derechos sobre esas fotografías se extinguieron hace mucho, y una digitalización fiel no crea derechos nuevos. Se lo explicamos al archivo, mantuvimos las fotografías en línea y registramos el aviso, como registramos todos.\n\nLea el aviso, sin datos personales, en la [base de datos de avisos](/es/notices).',
      },
      ar: {
        state: 'published',
        slug: 'al-suwar-al-qadima-tabqa-hurra',
        title: 'صور عمرها قرن تبقى حرّة التداول',
        summary: 'ادّعى أرشيف حقوق النشر في صور التُقطت قبل أكثر من مئة عام، فبيّنا أنها في الملك العام.',
        body: 'أرسل أرشيف إشعار حقوق نشر بشأن مجموعة صور لميناء، التُقطت قبل أكثر من مئة عام ومسحها متطوعون ضوئيًّا في مكتبة عامة.\n\nانقضت حقوق النشر في تلك الصور منذ زمن بعيد، والمسح الأمين لا يُنشئ حقًّا جديدًا. شرحنا ذلك للأرشيف، وأبقينا الصور متاحة، وسجّلنا الإشعار كما نسجّل كل إشعار.\n\nاقرأ الإشعار، بعد حذف البيانات الشخصية، في [قاعدة بيانات الإشعارات](/ar/notices).',
      },
    },
  },
  {
    daysAgo: -5,
    tellings: {
      en: {
        state: 'scheduled',
        slug: 'open-hearing-on-platform-liability',
        title: 'Join our open hearing on who answers for what users write',
        summary: 'An evening of short talks and questions on intermediary liability, open to everyone, online and in person.',
        body: 'Lawmakers in several countries are deciding whether a website should answer for every sentence its users write. The answer decides whether volunteer-written encyclopedias can exist at all.\n\nWe are holding an open hearing: short talks by contributors, a judge and a librarian, then questions from anyone who comes. There is no registration and nothing to pay.',
      },
      es: {
        state: 'scheduled',
        slug: 'audiencia-abierta-sobre-responsabilidad-de-plataformas',
        title: 'Venga a nuestra audiencia abierta sobre quién responde de lo que escriben los usuarios',
        summary: 'Una tarde de charlas breves y preguntas sobre la responsabilidad de los intermediarios, abierta a todo el mundo.',
        body: 'Los legisladores de varios países están decidiendo si un sitio web debe responder de cada frase que escriben sus usuarios. De esa respuesta depende que puedan existir enciclopedias escritas por voluntarios.\n\nCelebramos una audiencia abierta: charlas breves de colaboradores, una jueza y un bibliotecario, y después preguntas de quien venga. No hace falta inscribirse ni pagar nada.',
      },
      ar: {
        state: 'scheduled',
        slug: 'jalsa-maftuha-hawla-masuliyyat-al-mansat',
        title: 'انضم إلى جلستنا المفتوحة: من يُسأل عمّا يكتبه المستخدمون؟',
        summary: 'أمسية من كلمات قصيرة وأسئلة حول مسؤولية الوسطاء، مفتوحة للجميع.',
        body: 'يقرّر المشرّعون في عدة بلدان إن كان على الموقع أن يُسأل عن كل جملة يكتبها مستخدموه. وعلى هذا الجواب يتوقف وجود موسوعات يكتبها متطوعون أصلًا.\n\nنعقد جلسة مفتوحة: كلمات قصيرة لمساهمين وقاضية وأمين مكتبة، ثم أسئلة ممن يحضر. لا تسجيل ولا رسوم.',
      },
    },
  },
];

const DAY = 86_400_000;

/**
 * Adds the demo's news posts, once: published ones dated days back, one translation left as a
 * draft, and one post scheduled days ahead, so that the console shows every status. Written
 * through the same service as the console's, so each has its revision and audit events.
 */
export async function seedDemoNews(db: Kysely<Database>, now = new Date()): Promise<number> {
  if (await db.selectFrom('news_posts').select('id').limit(1).executeTakeFirst()) return 0;
  for (const post of POSTS) {
    const at = new Date(now.getTime() - Math.max(post.daysAgo, 1) * DAY);
    let postId: number | undefined;
    for (const lang of ['en', 'es', 'ar'] as const) {
      const { state, ...content } = post.tellings[lang];
      if (postId === undefined) postId = await createPost(db, DEMO, lang, content, at);
      else await saveTranslation(db, DEMO, postId, lang, content, at);
      if (state === 'published') await publishTranslation(db, DEMO, postId, lang, at);
      if (state === 'scheduled') await scheduleTranslation(db, DEMO, postId, lang, new Date(now.getTime() - post.daysAgo * DAY).toISOString(), at);
    }
  }
  return POSTS.length;
}
